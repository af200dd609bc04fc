// Lets WebApplicationFactory<Program> start the router in-process for tests.
public partial class Program;
