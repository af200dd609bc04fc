using HybridInference.Training.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
