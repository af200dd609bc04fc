using HybridInference.Router.Routing;

namespace HybridInference.Router.Tests.Routing;

public class AuditSamplerTests
{
    [Theory]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.1, 0.0999, true)]
    [InlineData(0.1, 0.1, false)]
    [InlineData(1.0, 0.9999999, true)]
    public void ShouldAudit_DrawAgainstRate_AuditsBelowTheRate(double rate, double draw, bool expected)
    {
        var sampler = new AuditSampler(new FixedRandom(draw));

        Assert.Equal(expected, sampler.ShouldAudit(RoutingTestOptions.Route(auditRate: rate)));
    }

    [Fact]
    public void ShouldAudit_RateZero_DrawsNoRandomNumber()
    {
        var random = new FixedRandom(0.0);
        var sampler = new AuditSampler(random);

        Assert.False(sampler.ShouldAudit(RoutingTestOptions.Route(auditRate: 0)));
        Assert.Equal(0, random.Calls);
    }

    [Fact]
    public void ShouldAudit_TenThousandSeededDraws_ShareNearTheRate()
    {
        var sampler = new AuditSampler(FixedRandom.Seeded(42));
        var route = RoutingTestOptions.Route(auditRate: 0.05);

        var audited = Enumerable.Range(0, 10_000).Count(_ => sampler.ShouldAudit(route));

        // Binomial(10000, 0.05): standard deviation 22; 4 sigma either side.
        Assert.InRange(audited, 500 - 88, 500 + 88);
    }
}
