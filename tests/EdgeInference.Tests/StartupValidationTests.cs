namespace HybridInference.EdgeInference.Tests;

/// <summary>A node that cannot serve refuses to start, with a message that names the setting to fix.</summary>
public class StartupValidationTests
{
    private static string StartFailure(string key, string? value)
    {
        using var factory = new EdgeFactory();
        factory.Settings[key] = value;
        var error = Record.Exception(() => factory.Services);
        Assert.NotNull(error);
        return error.ToString();
    }

    [Fact]
    public void Start_FollowingARegistry_WithoutATrustedKey_NamesTheSettingAndTheSwitch()
    {
        using var factory = new EdgeFactory();
        factory.Settings["Fleet:RegistryHttpAddress"] = "http://127.0.0.1:9";
        factory.Settings["Fleet:RegistryGrpcAddress"] = "http://127.0.0.1:9";
        factory.Settings[TestSigningKeys.EdgePublicKeySetting] = null;

        var error = Record.Exception(() => factory.Services)?.ToString();

        Assert.Contains("Fleet:Signing:PublicKeys (or Fleet:Signing:PublicKeyFiles) is required", error, StringComparison.Ordinal);
        Assert.Contains("Fleet:Signing:Disabled=true", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAPrivateKeyAsTrustedKey_RefusesIt() =>
        Assert.Contains("Fleet:Signing:PublicKeys:0 is not an ECDSA P-256 public key: the PEM block is 'PRIVATE KEY'", StartFailure(TestSigningKeys.EdgePublicKeySetting, TestSigningKeys.RegistryPrivateKeyPem));

    [Fact]
    public void Start_WithAMissingKeyFile_NamesIt() =>
        Assert.Contains("Fleet:Signing:PublicKeyFiles:0 '/no/such/key.pem' is not an ECDSA P-256 public key", StartFailure("Fleet:Signing:PublicKeyFiles:0", "/no/such/key.pem"));

    [Fact]
    public void Start_WithoutModelRepositoryPath_NamesTheSetting() =>
        Assert.Contains("ModelRepository:Path is required", StartFailure("ModelRepository:Path", null));

    [Fact]
    public void Start_WithMissingRepository_NamesThePath() =>
        Assert.Contains("ModelRepository:Path '/no/such/models' is not a directory", StartFailure("ModelRepository:Path", "/no/such/models"));

    [Fact]
    public void Start_WithoutDeviceId_NamesTheSetting() =>
        Assert.Contains("Edge:DeviceId is required", StartFailure("Edge:DeviceId", null));

    [Fact]
    public void Start_WithUnknownModel_SaysWhatTheRepositoryHas() =>
        Assert.Contains("ModelRepository:Models names 'mobilenet'", StartFailure("Edge:Model", "mobilenet"));

    [Fact]
    public void Start_WithDeviceThatCouldNeverRecover_NamesBothSettings() =>
        Assert.Contains("Edge:Device:ResumeCelsius (90) must be below Edge:Device:ThrottleCelsius (85)", StartFailure("Edge:Device:ResumeCelsius", "90"));

    [Fact]
    public void Start_WithOutOfRangeDeviceSetting_NamesTheFullKey() =>
        Assert.Contains("Edge:Device:CapacityImagesPerSecond: The field CapacityImagesPerSecond must be between 1 and 10000000", StartFailure("Edge:Device:CapacityImagesPerSecond", "0"));

    [Fact]
    public void Start_WithTinyBodyLimit_NamesTheFullKey() =>
        Assert.Contains("Serving:MaxRequestBodyBytes: The field MaxRequestBodyBytes must be between", StartFailure("Serving:MaxRequestBodyBytes", "10"));

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public void Start_WithOutOfRangeTelemetryBuffer_NamesTheSetting(string size) =>
        Assert.Contains("Fleet:TelemetryBufferSize must be between 1 and 100000", StartFailure("Fleet:TelemetryBufferSize", size));

    [Theory]
    [InlineData("Edge:Site", "site 7")]
    [InlineData("Edge:FleetGroup", "../canary")]
    public void Start_WithNameTheRegistryCannotTarget_NamesTheSetting(string key, string value) =>
        Assert.Contains($"{key} must be 1-63 letters", StartFailure(key, value));
}
