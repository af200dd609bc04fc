using HybridInference.Cli;

return await CommandLine.RunAsync(args, Console.Out, Console.Error, new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, Environment.GetEnvironmentVariable("HI_REGISTRY"),
    Environment.GetEnvironmentVariable("HI_CHAOSLAB"));
