using System.Text.Json;
using HybridInference.ServiceDefaults;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.Extensions.Hosting;

namespace HybridInference.PredictionLog.Tests;

public sealed class PredictionJournalTests : IDisposable
{
    private readonly string _spool = Directory.CreateTempSubdirectory("hi-journal-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private static IEnumerable<PredictionRecord> Batch(string tag, int count) =>
        Enumerable.Range(0, count).Select(i => Records.Edge($"{tag}-{i}", Records.T0.AddMilliseconds(i)));

    private string[] JournalFiles() => Directory.GetFiles(_spool, "*.jsonl");

    [Fact]
    public void Log_AppendsTheRecordToDisk_BeforeItReturns()
    {
        using var host = LogHost.Build("127.0.0.1:1", _prefix, _spool);

        host.Logger().Log(Records.Edge("on-disk", Records.T0));

        // The host is not even started: the record is in the file because Log wrote it, not the writer.
        var line = Assert.Single(File.ReadLines(Assert.Single(JournalFiles())));
        Assert.Equal("on-disk", JsonSerializer.Deserialize<PredictionRecord>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.RequestId);
        Assert.Equal(1, host.Journal().UnstoredRecords);
    }

    [Fact]
    public async Task ProcessKilledWithoutStopping_LosesNoLoggedRecord()
    {
        var reserved = new ReservedPort();
        var port = reserved.Port;
        // The first process never stops: it is abandoned the way a SIGKILL leaves it, with records only in its journal.
        var first = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool, memoryBuffer: 10_000);
        await first.StartAsync();
        foreach (var record in Batch("killed", 500))
        {
            first.Logger().Log(record);
        }

        reserved.Dispose();
        using var garnet = new EmbeddedGarnet("127.0.0.1", port);
        using var second = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool);
        await second.StartAsync();

        await LogHost.WaitForAsync(async () => await second.Store().CountAsync() == 500, "the killed process's records stored by the next one");
        Assert.Equal(500, (await second.Store().ReadWindowAsync(Records.T0, Records.T0.AddSeconds(1))).Select(r => r.RequestId).Distinct().Count());
        await second.StopAsync();
        first.Dispose();
    }

    [Fact]
    public async Task CorruptAndUnknownSchemaLines_AreMovedAside_AndEveryOtherRecordIsStored()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var good = Batch("good", 20).Select(r => JsonSerializer.Serialize(r, json)).ToList();
        var future = JsonSerializer.Serialize(Records.Edge("future", Records.T0) with { SchemaVersion = 99 }, json);
        string[] lines =
        [
            .. good.Take(10),
            "{\"requestId\":\"cut-short\",\"timestamp\":\"2026-11-28T12:00:00+00:00\",\"mod",
            "not json at all",
            "{}",
            future,
            .. good.Skip(10),
        ];
        await File.WriteAllLinesAsync(Path.Combine(_spool, "journal-000000000000001-deadbeef.jsonl"), lines);
        // A second file after the bad one: a bad line must not keep later files out of the store.
        await File.WriteAllLinesAsync(Path.Combine(_spool, "journal-000000000000002-deadbeef.jsonl"), Batch("later", 5).Select(r => JsonSerializer.Serialize(r, json)));

        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        using var host = LogHost.Build($"127.0.0.1:{garnet.Port}", _prefix, _spool);
        using var quarantined = new CounterRecorder(Telemetry.Meter, "hi.predictions.quarantined");
        await host.StartAsync();

        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == 25 && JournalFiles().Length == 0, "the readable records stored and both files gone");
        var aside = await File.ReadAllLinesAsync(Path.Combine(host.Journal().QuarantineLocation, "journal-000000000000001-deadbeef.jsonl"));
        Assert.Equal(lines[10..14], aside);
        Assert.Equal(4, quarantined.Total());
        Assert.Null(await host.Store().GetAsync("future"));
        await host.StopAsync();
    }

    [Fact]
    public async Task JournalAtItsSizeCap_KeepsRecordsInMemory_AndCountsOnlyWhatNeitherCouldHold()
    {
        var reserved = new ReservedPort();
        var port = reserved.Port;
        using var host = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool, memoryBuffer: 100, extra: new() { ["PredictionLog:MaxSpoolBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.StartAsync();
        foreach (var record in Batch("cap", 5000))
        {
            host.Logger().Log(record);
        }

        var journaled = host.Journal().UnstoredRecords;
        Assert.True(host.Journal().Bytes <= 1 << 20, $"journal holds {host.Journal().Bytes} bytes");
        Assert.InRange(journaled, 1000, 4000);
        Assert.True(host.Logger().DroppedRecords > 0, "records past both the journal and the queue are counted");
        Assert.True(host.Logger().DroppedRecords <= 5000 - journaled, $"dropped {host.Logger().DroppedRecords} of 5000 with {journaled} journaled");

        reserved.Dispose();
        using var garnet = new EmbeddedGarnet("127.0.0.1", port);
        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == 5000 - host.Logger().DroppedRecords, "every record not counted as dropped stored", attempts: 600);
        await host.StopAsync();
    }

    [Fact]
    public async Task StoredRecords_LeaveNoJournalFileBehind()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        using var host = LogHost.Build($"127.0.0.1:{garnet.Port}", _prefix, _spool);
        await host.StartAsync();
        foreach (var record in Batch("tidy", 200))
        {
            host.Logger().Log(record);
        }

        // The file being written is closed a second after its last record was stored, then deleted.
        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == 200 && JournalFiles().Length == 0, "records stored and the journal file deleted");
        Assert.Equal(0, host.Journal().Bytes);
        await host.StopAsync();
    }
}
