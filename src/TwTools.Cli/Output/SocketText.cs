using System.Globalization;
using TwTools.Engine.Sockets;
using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>Counts per state as a table; the socket table itself is the engine's (SocketListing.WriteTable), written from the records.</summary>
internal static class SocketText
{
    public static void WriteSummary(TextWriter output, SocketSummary summary, int? width = null)
    {
        var table = new TextTable("STATE", "IPV4", "IPV6", "TOTAL");
        // Zero rows are noise in a terminal; TIME_WAIT always shows, being why anyone asks. --json has every state.
        foreach (var row in summary.States.Where(r => r.Total > 0 || r.State == TcpState.TimeWait))
        {
            table.Add(TcpStateNames.Display(row.State), Number(row.IPv4), Number(row.IPv6), Number(row.Total));
        }

        table.Add("(all)", Number(summary.States.Sum(s => s.IPv4)), Number(summary.States.Sum(s => s.IPv6)), Number(summary.Total));
        output.Write(table.Render(width));
        var k = summary.Kernel;
        output.Write(TextWrap.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"kernel (/proc/net/sockstat): inuse {k.InUse?.ToString() ?? "n/a"}, inuse6 {k.InUse6?.ToString() ?? "n/a"}, timewait {k.TimeWait?.ToString() ?? "n/a"}, orphans {k.Orphans?.ToString() ?? "n/a"}, memory {k.MemoryPages?.ToString() ?? "n/a"} pages"), width, indent: "  "));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
