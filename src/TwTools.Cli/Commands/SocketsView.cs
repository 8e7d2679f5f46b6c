using TwTools.Cli.Output;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;
using TwTools.Engine.Text;

namespace TwTools.Cli.Commands;

/// <summary>
/// How <c>twtools sockets</c> prints what the engine opened on each host: text as each host answers
/// (a <c># host</c> line before each when --host named any), JSON once at the end (an array for --host).
/// </summary>
internal sealed record SocketsView(bool Summary, bool Json, bool WithProcess)
{
    public int Write(IReadOnlyList<IKernelHost>? remote, int throttle, SocketRequest request, IEngineOutput output)
    {
        var summaries = new List<SocketSummary>();
        var listings = new List<IEnumerable<TcpSocket>>();
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
        var exit = FleetCommand.Run(
            remote,
            throttle,
            "Reading sockets",
            (target, relay, _) => SocketListing.Open(target, request, relay.Cancellation),
            (_, _) => false,
            output,
            sockets =>
            {
                if (!Json && remote is not null)
                {
                    stdout.Write($"# {TerminalText.Escape(sockets.HostName)}\n");
                }

                if (Summary)
                {
                    var counts = SocketListing.Summarize(sockets, request, output);
                    summaries.Add(counts);
                    if (!Json)
                    {
                        SocketText.WriteSummary(stdout, counts);
                    }
                }
                else if (Json)
                {
                    listings.Add(SocketListing.List(sockets, request, output));
                }
                else
                {
                    SocketText.WriteSockets(stdout, SocketListing.List(sockets, request, output), WithProcess);
                }

                return ExitCodes.Success;
            });
        stdout.Flush();
        if (Json && remote is null && summaries.Count + listings.Count == 0)
        {
            // This machine failed: its error is the whole answer, as before there was a fan-out.
            return exit;
        }

        if (Json && Summary)
        {
            if (remote is null && summaries.Count == 1)
            {
                SocketJson.WriteSummary(stdout.BaseStream, summaries[0]);
            }
            else
            {
                SocketJson.WriteSummaries(stdout.BaseStream, summaries);
            }
        }
        else if (Json)
        {
            SocketJson.WriteSockets(stdout.BaseStream, listings.SelectMany(l => l));
        }

        return exit;
    }
}
