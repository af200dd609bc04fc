/// <summary>Makes the entry point visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
