using HybridInference.Cli;

return await CommandLine.RunAsync(args, Console.Out, Console.Error, handler: null, Environment.GetEnvironmentVariable("HI_REGISTRY"),
    Environment.GetEnvironmentVariable("HI_CHAOSLAB"), token: Environment.GetEnvironmentVariable("HI_TOKEN"),
    configDirectory: Environment.GetEnvironmentVariable("HI_CONFIG_DIR"), input: Console.In);
