using System.Globalization;
using TwTools.Engine.Operations;

namespace TwTools.Engine.Metrics;

/// <summary>
/// Port pressure as Prometheus series: per destination what the exhaustion analysis judged, per host
/// the port range, reuse settings and kernel counters behind the judgement. Names follow Prometheus'
/// conventions (twtools_ prefix, base units in the name, _total only on counters).
/// </summary>
internal static class ExhaustionMetrics
{
    public static string Render(IReadOnlyList<PortExhaustionReport> reports, IReadOnlyList<HostFailure> failures, MetricsOptions options)
    {
        options.Validate();
        var text = new PrometheusText();
        Declare(text);
        foreach (var report in reports)
        {
            var target = TargetLabels.Of(report.Host, report.NetworkNamespace);
            AddHost(text, report, target);
            var clients = report.Findings.Where(f => f.Side == ConnectionSide.Client)
                .OrderByDescending(f => f.Utilization ?? 0).ThenByDescending(f => f.Blocking).ThenBy(f => f.Destination, StringComparer.Ordinal).ToList();
            foreach (var finding in clients.Take(options.Top))
            {
                AddClient(text, target, finding);
            }

            var servers = report.Findings.Where(f => f.Side == ConnectionSide.Server).OrderByDescending(f => f.TimeWait).ToList();
            foreach (var finding in servers.Take(options.Top))
            {
                var labels = Labels(target, "server", string.Empty, finding.LocalPort ?? 0);
                text.Add("twtools_destination_time_wait_sockets", finding.TimeWait, labels);
            }

            var rest = clients.Skip(options.Top).ToList();
            text.Add("twtools_destinations_omitted", rest.Count + Math.Max(0, servers.Count - options.Top), target);
            text.Add("twtools_omitted_destinations_blocking_ports", rest.Sum(f => f.Blocking), target);
            text.Add("twtools_omitted_destinations_max_utilization_ratio", rest.Count == 0 ? 0 : rest.Max(f => f.Utilization ?? 0), target);
        }

        foreach (var failure in failures)
        {
            text.Add("twtools_run_success", 0, TargetLabels.Of(failure.Host, failure.NetworkNamespace));
        }

        text.Add("twtools_last_run_timestamp_seconds", options.Now.ToUnixTimeMilliseconds() / 1000.0);
        return text.ToString();
    }

    private static void AddHost(PrometheusText text, PortExhaustionReport report, (string, string)[] host)
    {
        text.Add("twtools_run_success", 1, host);
        text.Add("twtools_port_exhaustion_severity", (int)report.Verdict, host);
        text.Add("twtools_ephemeral_ports_usable", report.Capacity, host);
        text.Add("twtools_ephemeral_ports_range", RangeSize(report.PortRange), host);
        text.Add("twtools_tcp_tw_reuse", report.TcpTwReuse, host);
        text.Add("twtools_tcp_timestamps", report.TcpTimestamps, host);
        text.Add("twtools_sockets_scanned", report.SocketsScanned, host);
        if (report.TimeWaitOverflow is { } overflow)
        {
            text.Add("twtools_tcp_time_wait_overflow_total", overflow, host);
        }

        if (report.KernelTimeWait is { } timeWait)
        {
            text.Add("twtools_kernel_time_wait_sockets", timeWait, host);
        }
    }

    private static void AddClient(PrometheusText text, (string, string)[] host, PortPressureFinding f)
    {
        var labels = Labels(host, "client", f.RemoteAddress ?? string.Empty, f.RemotePort ?? 0);
        text.Add("twtools_destination_ports_in_use", f.InUse, labels);
        text.Add("twtools_destination_time_wait_sockets", f.TimeWait, labels);
        text.Add("twtools_destination_blocking_ports", f.Blocking, labels);
        text.Add("twtools_destination_capacity_ports", f.Capacity ?? 0, labels);
        text.Add("twtools_destination_utilization_ratio", f.Utilization ?? 0, labels);
        text.Add("twtools_destination_severity", (int)f.Verdict, labels);
        text.Add("twtools_destination_reuse_effective", f.ReuseEffective == true ? 1 : 0, labels);
        if (f.NewConnectionsPerSecond is { } rate)
        {
            text.Add("twtools_destination_new_connections_per_second", rate, labels);
        }

        if (f.ProjectedBlocking is { } projected)
        {
            text.Add("twtools_destination_projected_blocking_ports", projected, labels);
        }
    }

    private static (string, string)[] Labels((string, string)[] target, string side, string address, int port) =>
        [.. target, ("side", side), ("address", address), ("port", port.ToString(CultureInfo.InvariantCulture))];

    private static double RangeSize(string range)
    {
        var parts = range.Split(['-', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var low) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var high) && high >= low
            ? high - low + 1
            : double.NaN;
    }

    private static void Declare(PrometheusText text)
    {
        text.Declare("twtools_run_success", "gauge", "1 when twtools read and judged the host in this run, 0 when the host failed (its error is on stderr).");
        text.Declare("twtools_port_exhaustion_severity", "gauge", "Worst verdict over the host's destinations: 0 OK, 1 Warning, 2 Critical, 3 Exhausted.");
        text.Declare("twtools_ephemeral_ports_usable", "gauge", "Ephemeral ports connect() may use toward one destination: net.ipv4.ip_local_port_range less reserved ports and listeners in it.");
        text.Declare("twtools_ephemeral_ports_range", "gauge", "Size of net.ipv4.ip_local_port_range.");
        text.Declare("twtools_tcp_tw_reuse", "gauge", "net.ipv4.tcp_tw_reuse: 0 off, 1 on, 2 loopback only.");
        text.Declare("twtools_tcp_timestamps", "gauge", "net.ipv4.tcp_timestamps: tcp_tw_reuse does nothing without it.");
        text.Declare("twtools_sockets_scanned", "gauge", "TCP sockets twtools read from the host in this run.");
        text.Declare("twtools_tcp_time_wait_overflow_total", "counter", "TIME_WAIT sockets the kernel destroyed early because net.ipv4.tcp_max_tw_buckets was reached (TCPTimeWaitOverflow since boot).");
        text.Declare("twtools_kernel_time_wait_sockets", "gauge", "TIME_WAIT sockets of both families as the kernel counts them (/proc/net/sockstat).");
        text.Declare("twtools_destination_ports_in_use", "gauge", "Local ephemeral ports held toward one destination, in any state.");
        text.Declare("twtools_destination_time_wait_sockets", "gauge", "Sockets in TIME_WAIT toward one destination (client side) or on one listening port (server side).");
        text.Declare("twtools_destination_blocking_ports", "gauge", "Ports toward one destination that connect() cannot take now (TIME_WAIT counts unless reuse is effective).");
        text.Declare("twtools_destination_capacity_ports", "gauge", "Ports connect() may use toward one destination.");
        text.Declare("twtools_destination_utilization_ratio", "gauge", "Blocking ports over capacity toward one destination, 0 to 1.");
        text.Declare("twtools_destination_severity", "gauge", "Verdict for one destination: 0 OK, 1 Warning, 2 Critical, 3 Exhausted.");
        text.Declare("twtools_destination_reuse_effective", "gauge", "1 when tcp_tw_reuse lets connect() take this destination's TIME_WAIT ports, else 0.");
        text.Declare("twtools_destination_new_connections_per_second", "gauge", "New connections per second toward one destination over the sample (--sample-seconds).");
        text.Declare("twtools_destination_projected_blocking_ports", "gauge", "Where blocking ports settle at the sampled connection rate.");
        text.Declare("twtools_destinations_omitted", "gauge", "Destinations beyond --top that have no series of their own.");
        text.Declare("twtools_omitted_destinations_blocking_ports", "gauge", "Blocking ports summed over the omitted destinations.");
        text.Declare("twtools_omitted_destinations_max_utilization_ratio", "gauge", "Highest utilization among the omitted destinations.");
        text.Declare("twtools_last_run_timestamp_seconds", "gauge", "Unix time of the twtools run that wrote these series.");
    }
}
