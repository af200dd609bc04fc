// Lets WebApplicationFactory<Program> start the registry in-process for tests.
public partial class Program;
