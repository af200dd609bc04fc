using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using HybridInference.Bench.Load;
using HybridInference.Bench.Payloads;
using HybridInference.Bench.Services;

namespace HybridInference.Bench.Suite;

/// <summary>
/// `all`: starts the services, measures issue 9's eight lines side by side in one run, and returns them. The
/// ratios are the point: every pair is measured back to back against the same processes, so the machine's
/// other load affects both sides alike as far as it can.
/// </summary>
public sealed class AllSuite(SuiteOptions options, TextWriter log)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var work = Path.Combine(Path.GetTempPath(), "hybridinference-bench", startedAt.ToString("yyyyMMdd-HHmmss", Inv) + "-" + Environment.ProcessId.ToString(Inv));
        Directory.CreateDirectory(work);
        var load32 = new LoadOptions(32, options.Duration, options.WarmUp);
        var load64 = new LoadOptions(64, options.Duration, options.WarmUp);

        log.WriteLine($"== loading the test split; service logs in {work}");
        var images = TestImages.Load();
        var json = images.JsonRequest();
        var edgeGrpc = images.GrpcRequest("fashion-edge");

        log.WriteLine($"== starting store, edge-1, cloud (batching on), cloud (batching off), router ({RepositoryPaths.Configuration} builds)");
        using var mesh = await BenchMesh.StartAsync(Path.Combine(work, "logs"), cancellationToken).ConfigureAwait(false);
        log.WriteLine($"   all ready after {mesh.StartupTime.TotalSeconds:0.0} s");
        await CheckRoutedToEdgeAsync(mesh, json, cancellationToken).ConfigureAwait(false);

        // Idle: a moment after ready, before any load; the warm-up inference at start is already in it.
        await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 3), cancellationToken).ConfigureAwait(false);
        var idle = mesh.Services.ToDictionary(s => s.Name, s => s.ResidentBytes() ?? 0);

        var lines = new List<ResultLine>();
        await using (var memory = new MemorySampler(mesh.Services))
        {
            // Lines 1 and 3: the floor, edge direct and via the router, adjacent; then gRPC for line 2.
            using var floorTarget = new HttpTarget("edge do-nothing GET /v2/health/live", new Uri(mesh.EdgeHttp, "/v2/health/live"), 32);
            using var edgeJsonTarget = new HttpTarget("edge HTTP/JSON infer", new Uri(mesh.EdgeHttp, "/v2/models/fashion-edge/infer"), 32, json);
            using var routerTarget = new HttpTarget("router -> edge HTTP/JSON infer", new Uri(mesh.RouterHttp, "/v2/models/fashion/infer"), 32, json);
            using var proxyTarget = new HttpTarget("YARP forwarder alone -> edge HTTP/JSON infer", new Uri(mesh.ProxyFloorHttp, "/v2/models/fashion-edge/infer"), 32, json);
            using var grpcTarget = new GrpcInferTarget("edge gRPC raw infer", mesh.EdgeGrpc, edgeGrpc);
            using var grpcLiveTarget = new GrpcLiveTarget("edge gRPC do-nothing ServerLive", mesh.EdgeGrpc);

            await WarmUntilSteadyAsync(
                [(mesh.Edge, floorTarget), (mesh.Edge, edgeJsonTarget), (mesh.Edge, grpcTarget), (mesh.Edge, grpcLiveTarget), (mesh.Router, routerTarget), (mesh.ProxyFloor, proxyTarget)],
                32, cancellationToken).ConfigureAwait(false);
            var floor = await MeasureAsync(floorTarget, load32, cancellationToken).ConfigureAwait(false);
            var edgeJson = await MeasureAsync(edgeJsonTarget, load32, cancellationToken).ConfigureAwait(false);
            var routed = await MeasureAsync(routerTarget, load32, cancellationToken).ConfigureAwait(false);
            var loadAfterOwn = MachineInfo.LoadAverage();
            var floorWrk = await ToolAsync(() => ExternalTools.WrkAsync("edge do-nothing GET /v2/health/live", new Uri(mesh.EdgeHttp, "/v2/health/live"), 32, load32, null, work, cancellationToken)).ConfigureAwait(false);
            var edgeWrk = await ToolAsync(() => ExternalTools.WrkAsync("edge HTTP/JSON infer", new Uri(mesh.EdgeHttp, "/v2/models/fashion-edge/infer"), 32, load32, json, work, cancellationToken)).ConfigureAwait(false);
            var routedWrk = await ToolAsync(() => ExternalTools.WrkAsync("router -> edge HTTP/JSON infer", new Uri(mesh.RouterHttp, "/v2/models/fashion/infer"), 32, load32, json, work, cancellationToken)).ConfigureAwait(false);
            // Line 3's ceiling: the same load through a proxy that does nothing but forward (bench/ProxyFloor).
            var proxied = await MeasureAsync(proxyTarget, load32, cancellationToken).ConfigureAwait(false);
            var proxiedWrk = await ToolAsync(() => ExternalTools.WrkAsync("YARP forwarder alone -> edge HTTP/JSON infer", new Uri(mesh.ProxyFloorHttp, "/v2/models/fashion-edge/infer"), 32, load32, json, work, cancellationToken)).ConfigureAwait(false);
            lines.Add(Ratio(1, "Edge OIP HTTP/JSON batch 1, 32 connections, vs a do-nothing endpoint of the same process (the framework floor)",
                edgeJson, floor, edgeWrk, floorWrk, 0.5, loadAfterOwn));

            var grpc = await MeasureAsync(grpcTarget, load32, cancellationToken).ConfigureAwait(false);
            var grpcH2 = await ToolAsync(() => ExternalTools.H2LoadGrpcAsync("edge gRPC raw infer", mesh.EdgeGrpc, "ModelInfer", 4, 8, GrpcFrame(edgeGrpc), load32, work, cancellationToken)).ConfigureAwait(false);
            // Line 2's ceiling: a gRPC call the service does nothing for, on the same port and channel settings.
            var grpcLive = await MeasureAsync(grpcLiveTarget, load32, cancellationToken).ConfigureAwait(false);
            var grpcLiveH2 = await ToolAsync(() => ExternalTools.H2LoadGrpcAsync("edge gRPC do-nothing ServerLive", mesh.EdgeGrpc, "ServerLive", 4, 8, GrpcFrame(new Contracts.Grpc.ServerLiveRequest()), load32, work, cancellationToken)).ConfigureAwait(false);
            var edgeJsonAgain = await MeasureAsync(edgeJsonTarget, load32, cancellationToken).ConfigureAwait(false);
            lines.Add(WithCeiling(
                Ratio(2, "Edge OIP gRPC raw_input_contents vs HTTP/JSON, batch 1, 32 concurrent calls (JSON re-measured right after)", grpc, edgeJsonAgain, grpcH2, edgeWrk, 2.0, MachineInfo.LoadAverage()),
                "a do-nothing gRPC call (ServerLive)", grpcLive, edgeJsonAgain, grpcLiveH2, edgeWrk));

            lines.Add(WithCeiling(RouterLine(routed, edgeJson, routedWrk, edgeWrk, loadAfterOwn),
                "YARP's direct forwarder alone in place of the router, h2c to the edge like the router (bench/ProxyFloor)", proxied, edgeJson, proxiedWrk, edgeWrk));

            // Line 4: the same 64 clients against the batching cloud, then the unbatched one.
            using var batchedTarget = new HttpTarget("cloud HTTP/JSON, dynamic batching on", new Uri(mesh.CloudBatchedHttp, "/v2/models/fashion-cloud/infer"), 64, json);
            using var unbatchedTarget = new HttpTarget("cloud HTTP/JSON, dynamic batching off", new Uri(mesh.CloudUnbatchedHttp, "/v2/models/fashion-cloud/infer"), 64, json);
            await WarmUntilSteadyAsync([(mesh.CloudBatched, batchedTarget), (mesh.CloudUnbatched, unbatchedTarget)], 64, cancellationToken).ConfigureAwait(false);
            var batched = await MeasureAsync(batchedTarget, load64, cancellationToken).ConfigureAwait(false);
            var unbatched = await MeasureAsync(unbatchedTarget, load64, cancellationToken).ConfigureAwait(false);
            var cloudRatio = unbatched.RequestsPerSecond > 0 ? batched.RequestsPerSecond / unbatched.RequestsPerSecond : (double?)null;
            lines.Add(new ResultLine(4, "Cloud CNN, 64 concurrent clients, HTTP/JSON batch 1: dynamic batching on vs off (1 intra-op thread each)",
                $"on {batched.RequestsPerSecond:N0} req/s (p99 {batched.P99Ms:0.0} ms), off {unbatched.RequestsPerSecond:N0} req/s (p99 {unbatched.P99Ms:0.0} ms)",
                cloudRatio, ">= 2", Met(cloudRatio, 2.0, batched, unbatched), MachineInfo.LoadAverage(), [batched, unbatched]));

            // Line 5: the raw model in this process, measured while the services are idle.
            log.WriteLine("== ONNX Runtime in process, fashion-edge, batch 1");
            var onnx = InProcessOnnx.ImagesPerSecond("fashion-edge", images.Pixels(0, 1), options.Duration);
            var share = edgeJson.RequestsPerSecond / onnx;
            lines.Add(new ResultLine(5, $"Edge service HTTP/JSON req/s vs ONNX Runtime in process, batch 1, {Environment.ProcessorCount} callers x 1 intra-op thread",
                $"service {edgeJson.RequestsPerSecond:N0} req/s, ONNX Runtime alone {onnx:N0} runs/s: the service costs {1e6 / edgeJson.RequestsPerSecond - 1e6 / onnx:0.0} µs of machine time per request beyond the model's {1e6 / onnx:0.0} µs",
                share, "", null, MachineInfo.LoadAverage(), [edgeJson]));

            var peaks = memory.Peaks;
            lines.Add(MemoryLine(mesh, idle, peaks, out var table));

            log.WriteLine("== cascade on the 10,000 test images");
            var (analysis, threshold) = CascadeLine.Analyse(images);
            var at = analysis.At(threshold);
            var cheapest = analysis.SmallestEscalationFor(0.9);
            lines.Insert(5, new ResultLine(6, $"Cascade on the {analysis.Count:N0}-image test split at the router's threshold {threshold}",
                $"edge {analysis.EdgeAccuracy:P2}, cloud {analysis.CloudAccuracy:P2}, cascade {at.Accuracy:P2} with {at.EscalatedShare:P1} escalated ({at.GapRecovered:P0} of the gap); 90 % of the gap needs {cheapest?.EscalatedShare ?? double.NaN:P1} escalated (threshold {cheapest?.Threshold ?? double.NaN:0.0000})",
                at.GapRecovered, "", null, MachineInfo.LoadAverage(), []));

            lines.Add(await StartupLineAsync(mesh, cancellationToken).ConfigureAwait(false));

            var command = "dotnet run -c Release --project bench/Bench -- all" + (options.Smoke ? " --smoke" : $" --seconds {options.Duration.TotalSeconds.ToString(Inv)}");
            return new BenchReport(command, startedAt, MachineInfo.Describe(), RepositoryPaths.Configuration, options.Smoke, options.Duration.TotalSeconds,
                [.. lines.OrderBy(l => l.Number)], table);
        }
    }

    /// <summary>
    /// Loads each target in rounds of 2 s until its service's tiered compiler spent at most 20 ms (1 % of a core) in a
    /// round, or 60 s have passed, so that every side of a ratio is measured at steady state: after the 2 s warm-up of
    /// one measurement the router was still recompiling (20 % of its samples after 25 s of load, 0.03 % after a minute),
    /// which the edge direct, with less code, was not. Skipped in smoke runs.
    /// </summary>
    private async Task WarmUntilSteadyAsync(IReadOnlyList<(ServiceProcess Service, ILoadTarget Target)> loads, int concurrency, CancellationToken cancellationToken)
    {
        if (options.Smoke)
        {
            return;
        }

        var round = TimeSpan.FromSeconds(2);
        var quiet = TimeSpan.FromMilliseconds(20);
        var limit = TimeSpan.FromSeconds(60);
        foreach (var (service, target) in loads)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                var before = service.TieredCompilationCpu();
                await LoadGenerator.RunAsync(target, new LoadOptions(concurrency, round, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
                var spent = service.TieredCompilationCpu() - before;
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (spent is null || spent <= quiet || elapsed >= limit)
                {
                    var state = spent is null ? "tiered compiler not readable, warmed one round"
                        : $"tiered compiler {spent.Value.TotalMilliseconds:0} ms in the last {round.TotalSeconds:0} s" + (spent <= quiet ? "" : ", still compiling at the limit");
                    log.WriteLine($"   warm: {target.Name} after {elapsed.TotalSeconds:0} s ({service.Name}'s {state})");
                    break;
                }
            }
        }
    }

    private async Task<LoadResult> MeasureAsync(ILoadTarget target, LoadOptions load, CancellationToken cancellationToken)
    {
        var result = await LoadGenerator.RunAsync(target, load, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"   {result} (load average {MachineInfo.LoadAverage():0.0})");
        return result;
    }

    private async Task<LoadResult?> ToolAsync(Func<Task<LoadResult?>> run)
    {
        if (options.SkipExternalTools)
        {
            return null;
        }

        var result = await run().ConfigureAwait(false);
        if (result is not null)
        {
            log.WriteLine($"   {result} (load average {MachineInfo.LoadAverage():0.0})");
        }

        return result;
    }

    private static ResultLine Ratio(int number, string measurement, LoadResult measured, LoadResult baseline, LoadResult? measuredTool, LoadResult? baselineTool, double goal, double loadAverage)
    {
        var ratio = baseline.RequestsPerSecond > 0 ? measured.RequestsPerSecond / baseline.RequestsPerSecond : (double?)null;
        var text = $"{measured.RequestsPerSecond:N0} vs {baseline.RequestsPerSecond:N0} req/s (p99 {measured.P99Ms:0.00} vs {baseline.P99Ms:0.00} ms)";
        if (measuredTool is not null && baselineTool is not null && baselineTool.RequestsPerSecond > 0)
        {
            text += $"; {measuredTool.Tool}/{baselineTool.Tool}: {measuredTool.RequestsPerSecond:N0} vs {baselineTool.RequestsPerSecond:N0} req/s = {measuredTool.RequestsPerSecond / baselineTool.RequestsPerSecond:0.00}";
        }

        LoadResult?[] all = [measured, baseline, measuredTool, baselineTool];
        return new ResultLine(number, measurement, text, ratio, $">= {goal}", Met(ratio, goal, measured, baseline), loadAverage, [.. all.OfType<LoadResult>()]);
    }

    private static ResultLine RouterLine(LoadResult routed, LoadResult direct, LoadResult? routedWrk, LoadResult? directWrk, double loadAverage)
    {
        var line = Ratio(3, "Router -> edge vs edge direct, HTTP/JSON batch 1, 32 connections (router to edge over h2c, the default; the router's process and the edge's share the 2 cores)",
            routed, direct, routedWrk, directWrk, 0.6, loadAverage);
        var added = $"; added p50 {routed.P50Ms - direct.P50Ms:+0.00;-0.00} ms, p99 {routed.P99Ms - direct.P99Ms:+0.00;-0.00} ms";
        if (routedWrk is not null && directWrk is not null)
        {
            added += $" (wrk: p50 {routedWrk.P50Ms - directWrk.P50Ms:+0.00;-0.00} ms, p99 {routedWrk.P99Ms - directWrk.P99Ms:+0.00;-0.00} ms)";
        }

        return line with { Result = line.Result + added };
    }

    /// <summary>
    /// Adds what the same comparison gives when the measured side does nothing of its own (a do-nothing call, a
    /// proxy that only forwards): the highest ratio this framework reaches on this machine, whatever the code does.
    /// </summary>
    private static ResultLine WithCeiling(ResultLine line, string what, LoadResult ceiling, LoadResult baseline, LoadResult? ceilingTool, LoadResult? baselineTool)
    {
        var text = $"; ceiling, {what}: {ceiling.RequestsPerSecond:N0} req/s = {Share(ceiling, baseline)}";
        if (ceilingTool is not null && baselineTool is not null)
        {
            text += $" ({ceilingTool.Tool}/{baselineTool.Tool}: {ceilingTool.RequestsPerSecond:N0} req/s = {Share(ceilingTool, baselineTool)})";
        }

        return line with { Result = line.Result + text, Loads = [.. line.Loads, ceiling, .. new[] { ceilingTool }.OfType<LoadResult>()] };
    }

    private static string Share(LoadResult measured, LoadResult baseline) =>
        baseline.RequestsPerSecond > 0 ? (measured.RequestsPerSecond / baseline.RequestsPerSecond).ToString("0.00", Inv) : "n/a";

    private static ResultLine MemoryLine(BenchMesh mesh, Dictionary<string, long> idle, IReadOnlyDictionary<string, long> peaks, out Dictionary<string, ServiceMemory> table)
    {
        const double MiB = 1024 * 1024;
        table = mesh.Services.ToDictionary(s => s.Name, s => new ServiceMemory(Math.Round(idle[s.Name] / MiB, 1), Math.Round(peaks.GetValueOrDefault(s.Name) / MiB, 1)));
        var edge = table[mesh.Edge.Name];
        var text = string.Join(", ", table.Select(t => $"{t.Key} {t.Value.IdleMiB:0} / {t.Value.UnderLoadMiB:0}"));
        return new ResultLine(7, "Resident memory (VmRSS) per service, MiB: idle / peak under load",
            text, edge.UnderLoadMiB, "edge <= 200 MiB", edge.UnderLoadMiB > 0 ? edge.UnderLoadMiB <= 200 : null, MachineInfo.LoadAverage(), []);
    }

    private async Task<ResultLine> StartupLineAsync(BenchMesh mesh, CancellationToken cancellationToken)
    {
        var plain = string.Join(", ", mesh.Services.Select(s => $"{s.Name} {s.StartupTime?.TotalSeconds ?? double.NaN:0.0} s"));
        var text = $"plain processes started at once, all ready after {mesh.StartupTime.TotalSeconds:0.0} s ({plain})";
        double? seconds = mesh.StartupTime.TotalSeconds;
        if (!options.Smoke && !options.SkipAppHost)
        {
            // Measured after the others so its build check and ten processes do not disturb the load figures.
            log.WriteLine("== dotnet run --project src/AppHost until every resource is up");
            var (elapsed, note) = await AppHostStartup.MeasureAsync(TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
            text = elapsed is { } e ? $"AppHost: {e.TotalSeconds:0.0} s ({note}); {text}" : $"AppHost not measured: {note}; {text}";
            seconds = elapsed?.TotalSeconds ?? seconds;
        }

        return new ResultLine(8, "Time from the run command to all resources healthy (warm build)", text, seconds, "", null, MachineInfo.LoadAverage(), []);
    }

    private static bool? Met(double? ratio, double goal, params LoadResult[] loads) =>
        ratio is null || loads.Any(l => l.Failed) ? null : ratio >= goal;

    /// <summary>A gRPC message as it goes on the wire: uncompressed flag, big-endian length, protobuf bytes.</summary>
    private static byte[] GrpcFrame(IMessage request)
    {
        var message = request.ToByteArray();
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static async Task CheckRoutedToEdgeAsync(BenchMesh mesh, byte[] json, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        using var content = new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } };
        using var response = await client.PostAsync(new Uri(mesh.RouterHttp, "/v2/models/fashion/infer"), content, cancellationToken).ConfigureAwait(false);
        var tier = response.Headers.TryGetValues("x-hi-tier", out var values) ? values.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode || tier != "edge")
        {
            throw new InvalidOperationException($"the router answered {(int)response.StatusCode} from tier '{tier}'; the router line needs the edge to answer alone");
        }
    }
}
