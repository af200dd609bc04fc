using HybridInference.ModelPipeline.Triggers;

namespace HybridInference.ModelPipeline.Tests.Triggers;

public class TriggerRulesTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(59, 0, false)]
    [InlineData(60, 0, true)]
    [InlineData(10, 499, false)]
    [InlineData(10, 500, true)]
    public void Decide_RunsOnScheduleOrOnNewData(int minutesLater, long labelled, bool run)
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromHours(1), NewLabelledRecords = 500 };

        var decision = TriggerRules.Decide(options, new TriggerState(Since), Since.AddMinutes(minutesLater), labelled);

        Assert.Equal(run, decision.Run);
    }

    [Fact]
    public void Decide_SaysWhy_AndWhatItWaitsFor()
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromHours(1), NewLabelledRecords = 500 };

        Assert.Equal("499 of 500 labelled escalated requests; next scheduled run at 2026-11-28 13:00:00Z", TriggerRules.Decide(options, new TriggerState(Since), Since.AddMinutes(1), 499).Reason);
        Assert.Equal("new data: 500 labelled escalated requests since 2026-11-28 12:00:00Z (trigger at 500)", TriggerRules.Decide(options, new TriggerState(Since), Since.AddMinutes(1), 500).Reason);
        Assert.Equal("schedule: every 60 min, last run at 2026-11-28 12:00:00Z", TriggerRules.Decide(options, new TriggerState(Since), Since.AddHours(1), 0).Reason);
    }

    [Fact]
    public void Decide_WithoutADataTrigger_IgnoresTheCount()
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromHours(1) };

        Assert.False(TriggerRules.Decide(options, new TriggerState(Since), Since.AddMinutes(5), 1_000_000).Run);
    }

    [Fact]
    public void Validate_NamesEveryBadOption()
    {
        Assert.Equal(["a watched pipeline needs a trigger: --schedule-minutes and/or --new-labelled"], new TriggerOptions().Validate());
        Assert.Equal(
            [
                "--schedule-minutes must be between 1 and 527040 (was 0.5)",
                "--new-labelled must be between 1 and 100000000 (was 0)",
                "--check-seconds must be between 1 and 3600 (was 0)",
            ],
            new TriggerOptions { Schedule = TimeSpan.FromSeconds(30), NewLabelledRecords = 0, CheckEvery = TimeSpan.Zero }.Validate());
        Assert.Empty(new TriggerOptions { NewLabelledRecords = 1 }.Validate());
    }
}
