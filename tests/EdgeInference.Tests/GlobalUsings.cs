global using HybridInference.TestSupport;
