using HybridInference.Router.Edges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Tests.Edges;

/// <summary>Where the router sends a node's inference calls: its HTTP/2 (h2c) endpoint when it has one, else its HTTP/1.1 address.</summary>
public sealed class EdgeDirectoryTests
{
    private static EdgeDirectory Directory(EdgeNodesOptions options, params (string Key, string Value)[] configuration) =>
        new(Options.Create(options),
            new ConfigurationBuilder().AddInMemoryCollection(configuration.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value))).Build(),
            TimeProvider.System);

    [Fact]
    public void ServiceDiscoveryGrpcEndpoint_CarriesInference_OverHttp2_ByDefault_HealthStaysOnHttp1()
    {
        var directory = Directory(new EdgeNodesOptions { Nodes = ["edge-1"] },
            ("services:edge-1:http:0", "http://127.0.0.1:5001"), ("services:edge-1:grpc:0", "http://127.0.0.1:5002"));

        var node = directory.Nodes["edge-1"];
        Assert.Equal(new Uri("http://127.0.0.1:5001"), node.Address);
        Assert.Equal(new Uri("http://127.0.0.1:5002"), node.InferAddress);
        Assert.Equal(System.Net.HttpVersion.Version20, node.InferVersion);
        Assert.Equal("http://127.0.0.1:5001/", directory.Cluster().Destinations!["edge-1"].Address);
    }

    [Fact]
    public void BothAddresses_NameTheNode_SoItsCallsUseItsOwnBreaker()
    {
        var directory = Directory(new EdgeNodesOptions { Nodes = ["edge-1", "edge-2"], Http2 = true, Http2Addresses = { ["edge-1"] = "http://127.0.0.1:5002" } },
            ("services:edge-1:http:0", "http://127.0.0.1:5001"), ("services:edge-2:http:0", "http://127.0.0.1:5003"));

        Assert.Equal("edge-1", directory.NodeOf(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5002/v2/models/m/infer")));
        Assert.Equal("edge-1", directory.NodeOf(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5001/device")));
        Assert.Equal("edge-2", directory.NodeOf(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5003/v2/models/m/infer")));
    }

    [Fact]
    public void NodeWithoutAnHttp2Address_OrHttp2Off_IsCalledOverHttp1()
    {
        var without = Directory(new EdgeNodesOptions { Nodes = ["edge-1"] }, ("services:edge-1:http:0", "http://127.0.0.1:5001"));
        var off = Directory(new EdgeNodesOptions { Nodes = ["edge-1"], Http2 = false },
            ("services:edge-1:http:0", "http://127.0.0.1:5001"), ("services:edge-1:grpc:0", "http://127.0.0.1:5002"));

        foreach (var node in new[] { without.Nodes["edge-1"], off.Nodes["edge-1"] })
        {
            Assert.Equal(node.Address, node.InferAddress);
            Assert.Equal(System.Net.HttpVersion.Version11, node.InferVersion);
        }
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("https://127.0.0.1:5002")]
    [InlineData("/relative")]
    public void UnusableHttp2Address_StopsTheStart_NamingTheNodeAndTheSetting(string address)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Directory(
            new EdgeNodesOptions { Nodes = ["edge-1"], Http2 = true, Http2Addresses = { ["edge-1"] = address } }, ("services:edge-1:http:0", "http://127.0.0.1:5001")));

        Assert.Contains("'edge-1'", error.Message);
        Assert.Contains("Edges:Http2Addresses:edge-1", error.Message);
        Assert.Contains(address, error.Message);
    }
}
