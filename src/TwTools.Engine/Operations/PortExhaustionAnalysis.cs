using System.Diagnostics;
using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Operations;

/// <summary>
/// Test-PortExhaustion and <c>twtools exhaustion</c>: per destination, how many ephemeral ports are
/// held against how many connect() may use, judged and advised; with a sample, the connection rate
/// and where TIME_WAIT settles at that rate, so the answer comes before the timeouts do.
/// </summary>
public static class PortExhaustionAnalysis
{
    /// <summary>Any host, or a capture judged against this machine's kernel settings.</summary>
    public static PortExhaustionReport ForHost(IKernelHost target, SocketRequest request, PortExhaustionOptions options, IEngineOutput output)
    {
        options.Validate();
        var sockets = SocketListing.Open(target, request with { IncludeProcess = false }, output.Cancellation);
        // A capture's report is named after the capture, as its sockets are, though it is judged by this host's settings.
        return Run(sockets.Source, sockets.Kernel(), options, output, sockets.HostName) with { KernelTimeWait = sockets.Sockstat.TimeWait };
    }

    internal static PortExhaustionReport Run(ISocketSource source, KernelSnapshot kernel, PortExhaustionOptions options, IEngineOutput output, string? hostName = null)
    {
        options.Validate();
        var host = hostName ?? kernel.HostName;
        var reuse = TimeWaitReuse.From(kernel);
        var range = EphemeralPorts.ReadRange(kernel);
        PortUsageScan? first = null;
        var clock = Stopwatch.StartNew();
        if (options.SampleSeconds > 0)
        {
            first = PortUsageScan.Run(source, range, reuse, keepTuples: true, previous: null, output.Cancellation);
            clock.Restart();
            output.WriteVerbose(Invariant($"Sampling {host} for {options.SampleSeconds} s ({first.TotalSockets} sockets in the first snapshot)."));
            CountDown(host, options.SampleSeconds, clock, output);
        }

        var scan = PortUsageScan.Run(source, range, reuse, keepTuples: false, first?.Tuples, output.Cancellation);
        var seconds = first is null ? (double?)null : clock.Elapsed.TotalSeconds;
        var ports = EphemeralPorts.From(kernel, scan.ListeningPorts);

        var clients = scan.Destinations
            .Select(d => Client(host, d.Key, d.Value, first?.Destinations.GetValueOrDefault(d.Key), seconds, ports, reuse, options.Thresholds))
            .OrderByDescending(f => f.Verdict)
            .ThenByDescending(f => Math.Max(f.ProjectedBlocking ?? 0, f.Blocking))
            .ThenBy(f => f.Destination, StringComparer.Ordinal)
            .ToList();
        var servers = scan.ServerTimeWait.Select(s => Server(host, s.Key, s.Value));

        if (kernel.TimeWaitOverflow > 0)
        {
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Ports.TimeWaitOverflow, Invariant(
                $"{kernel.DisplayName}: the kernel destroyed TIME_WAIT sockets early {kernel.TimeWaitOverflow} times since boot because net.ipv4.tcp_max_tw_buckets was reached (TCPTimeWaitOverflow).")));
        }

        if (ports.Capacity == 0)
        {
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Ports.NoUsablePorts, Invariant(
                $"{kernel.DisplayName}: no ephemeral port is usable (range {ports.Range}, {ports.ReservedInRange} of its ports reserved, {ports.ListenersInRange} held by listeners): every connect() without an explicit bind() fails with EADDRNOTAVAIL. Reserve fewer ports in net.ipv4.ip_local_reserved_ports or widen net.ipv4.ip_local_port_range.")));
        }

        return new PortExhaustionReport
        {
            Host = host,
            NetworkNamespace = kernel.Namespace,
            PortRange = ports.Range.ToString(),
            Capacity = ports.Capacity,
            ReservedInRange = ports.ReservedInRange,
            ListenersInRange = ports.ListenersInRange,
            TcpTwReuse = reuse.Reuse,
            TcpTimestamps = reuse.Timestamps,
            ReuseDelayMilliseconds = reuse.DelayMilliseconds,
            TimeWaitOverflow = kernel.TimeWaitOverflow,
            SocketsScanned = scan.TotalSockets,
            SampleSeconds = seconds,
            // No usable port is exhaustion whether or not any connection was seen: the next connect() fails.
            Verdict = ports.Capacity == 0 ? PortVerdict.Exhausted : clients.Count == 0 ? PortVerdict.OK : clients.Max(f => f.Verdict),
            Findings = [.. clients.Concat(servers).Select(f => kernel.Namespace is null ? f : f with { NetworkNamespace = kernel.Namespace })],
        };
    }

    private static PortPressureFinding Client(
        string host, DestinationKey key, DestinationCounts now, DestinationCounts? before, double? seconds,
        EphemeralPorts ports, TimeWaitReuse reuse, ExhaustionThresholds thresholds)
    {
        var capacity = ports.Capacity;
        var effective = reuse.IsEffectiveFor(key.RemoteAddress);
        var verdict = thresholds.Judge(now.Blocking, capacity);
        double? newRate = null, closeRate = null;
        long? projected = null, headroom = null;
        TimeSpan? timeToExhaustion = verdict == PortVerdict.Exhausted ? TimeSpan.Zero : null;
        if (seconds is { } elapsed && elapsed > 0)
        {
            newRate = now.NewConnections / elapsed;
            closeRate = now.NewTimeWait / elapsed;

            // In steady state a port closed by this host stays blocked for the TIME_WAIT period, or
            // only until the reuse delay when connect() may take it over.
            var blockedSeconds = effective ? reuse.DelayMilliseconds / 1000.0 : PortUsageScan.TimeWaitMilliseconds / 1000.0;
            projected = now.InUse - now.TimeWait + (long)Math.Ceiling(closeRate.Value * blockedSeconds);
            headroom = capacity - projected;
            var growth = Math.Max(closeRate.Value, (now.Blocking - (before?.Blocking ?? 0)) / elapsed);
            if (projected >= capacity && verdict != PortVerdict.Exhausted && growth > 0)
            {
                timeToExhaustion = TimeSpan.FromSeconds(Math.Max(0, capacity - now.Blocking) / growth);
            }

            var projectedVerdict = projected >= capacity ? PortVerdict.Critical : thresholds.Judge(projected.Value, capacity);
            verdict = (PortVerdict)Math.Max((int)verdict, (int)projectedVerdict);
        }

        var finding = new PortPressureFinding
        {
            Host = host,
            Side = ConnectionSide.Client,
            Destination = key.RemoteAddress.WithPort(key.RemotePort),
            LocalAddress = key.LocalAddress.ToString(),
            RemoteAddress = key.RemoteAddress.ToString(),
            RemotePort = key.RemotePort,
            InUse = now.InUse,
            TimeWait = now.TimeWait,
            Blocking = now.Blocking,
            Capacity = capacity,
            Utilization = capacity == 0 ? 1 : Math.Min(1, (double)now.Blocking / capacity),
            ReuseEffective = effective,
            Verdict = verdict,
            NewConnectionsPerSecond = newRate,
            TimeWaitPerSecond = closeRate,
            ProjectedBlocking = projected,
            Headroom = headroom,
            TimeToExhaustion = timeToExhaustion,
        };
        return finding with { Advice = ExhaustionAdvisor.ForClient(finding, ports, reuse, reuse.WhyNot(key.RemoteAddress)) };
    }

    private static PortPressureFinding Server(string host, ushort port, long timeWait) => new()
    {
        Host = host,
        Side = ConnectionSide.Server,
        Destination = Invariant($"listening port {port}"),
        LocalPort = port,
        InUse = timeWait,
        TimeWait = timeWait,
        Verdict = PortVerdict.OK,
        Advice = ExhaustionAdvisor.ForServer(port, timeWait),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A sample of 30 s would otherwise show nothing for 30 s: a countdown, once a second, that Ctrl+C ends at once.
    private static void CountDown(string host, double seconds, Stopwatch clock, IEngineOutput output)
    {
        var whole = (int)Math.Ceiling(seconds);
        var activity = $"Sampling new connections on {host}";
        for (var left = seconds - clock.Elapsed.TotalSeconds; left > 0; left = seconds - clock.Elapsed.TotalSeconds)
        {
            output.WriteProgress(new HostProgress(activity, Invariant($"{Math.Ceiling(left)} s left"), whole - (int)Math.Ceiling(left), whole));
            if (output.Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Min(1.0, left))))
            {
                output.Cancellation.ThrowIfCancellationRequested();
            }
        }

        output.WriteProgress(new HostProgress(activity, "done", whole, whole));
    }
}
