using HybridInference.Bench.Services;

namespace HybridInference.Bench.Tests.Services;

public class TieredCompilationTests
{
    [Fact]
    public void CpuTime_OfThisProcess_IsReadFromProc()
    {
        var spent = TieredCompilation.CpuTime(Environment.ProcessId);

        Assert.NotNull(spent);
        Assert.True(spent >= TimeSpan.Zero);
    }

    [Fact]
    public void CpuTime_OfAProcessThatIsGone_IsNull() =>
        Assert.Null(TieredCompilation.CpuTime(int.MaxValue));
}
