using System.Globalization;
using System.Text;
using TwTools.Engine.Exhaustion;

namespace TwTools.Cli.Output;

/// <summary>The exhaustion report for a terminal: the kernel's side, the worst destinations, advice.</summary>
internal static class ExhaustionText
{
    private const int ShownDestinations = 20;

    /// <param name="width">The terminal's columns, or null for whole lines.</param>
    public static string Render(PortExhaustionReport report, int? width = null)
    {
        var text = new StringBuilder();
        text.Append(TextWrap.Paragraph(
            Invariant($"{TargetName.Of(report.Host, report.NetworkNamespace)}: {report.Verdict}. Ephemeral range {report.PortRange}: {report.Capacity} usable ports per destination") +
            Invariant($" ({report.ReservedInRange} reserved, {report.ListenersInRange} listening in range); tcp_tw_reuse {report.TcpTwReuse}, tcp_timestamps {report.TcpTimestamps}, reuse delay {report.ReuseDelayMilliseconds} ms; {report.SocketsScanned} sockets scanned") +
            (report.SampleSeconds is { } s ? Invariant($", sampled over {s:0.0} s.") : "."),
            width));

        var clients = report.Findings.Where(f => f.Side == ConnectionSide.Client).ToList();
        if (clients.Count == 0)
        {
            text.Append("No outgoing connections hold ephemeral ports.\n");
        }
        else
        {
            var sampled = report.SampleSeconds is not null;
            var table = sampled
                ? new TextTable("DESTINATION", "FROM", "IN-USE", "TIME-WAIT", "BLOCKING", "CAPACITY", "USE", "NEW/S", "PROJECTED", "EXHAUSTED-IN", "VERDICT")
                : new TextTable("DESTINATION", "FROM", "IN-USE", "TIME-WAIT", "BLOCKING", "CAPACITY", "USE", "REUSE", "VERDICT");
            foreach (var f in clients.Take(ShownDestinations))
            {
                var common = new[] { f.Destination, f.LocalAddress, N(f.InUse), N(f.TimeWait), N(f.Blocking), N(f.Capacity ?? 0), Invariant($"{f.Utilization:P0}") };
                table.Add(sampled
                    ? [.. common, Invariant($"{f.NewConnectionsPerSecond:0.#}"), N(f.ProjectedBlocking ?? 0), f.TimeToExhaustion is { } t ? Invariant($"{t.TotalSeconds:0}s") : "-", f.Verdict.ToString()]
                    : [.. common, f.ReuseEffective == true ? "yes" : "no", f.Verdict.ToString()]);
            }

            text.Append(table.Render(width));
            if (clients.Count > ShownDestinations)
            {
                text.Append(Invariant($"... and {clients.Count - ShownDestinations} more destinations (--json lists all).\n"));
            }
        }

        foreach (var f in report.Findings.Where(f => f.Side == ConnectionSide.Server))
        {
            text.Append(TextWrap.Paragraph(Invariant($"Server side: {f.TimeWait} TIME_WAIT on {f.Destination} (not port exhaustion)."), width));
        }

        foreach (var f in report.Findings.Where(f => f.Advice.Count > 0).Take(ShownDestinations))
        {
            text.Append('\n').Append(f.Destination).Append(":\n");
            foreach (var advice in f.Advice)
            {
                text.Append(TextWrap.Paragraph(advice, width, "  - ", "    "));
            }
        }

        return text.ToString();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
