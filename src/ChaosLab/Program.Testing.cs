// Exposes the entry point to WebApplicationFactory in the tests.
public partial class Program;
