using TwTools.Cli.Output;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools sockets</c> was asked: which sockets, counted or listed, and where.</summary>
internal sealed record SocketsRunOptions(SocketRequest Sockets, HostSelection Hosts)
{
    public bool Summary { get; init; }

    public bool Json { get; init; }
}

/// <summary>
/// <c>twtools sockets</c>: what the engine's sockets operation opened on each host, as text while each host
/// answers (a <c># host</c> line before each when hosts were named) or as JSON once at the end (an array for --host).
/// </summary>
internal static class SocketsRun
{
    public static int Run(SocketsRunOptions options, IEngineOutput output, CliStreams streams)
    {
        using var targets = options.Hosts;
        var (request, remote) = (options.Sockets, options.Hosts.IsFleet);
        var summaries = new List<SocketSummary>();
        var listings = new List<IEnumerable<TcpSocket>>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            "Reading sockets",
            (target, relay, _) => SocketListing.Open(target, request, relay.Cancellation),
            (_, _) => false,
            output,
            sockets =>
            {
                if (!options.Json && remote)
                {
                    stdout.Write($"# {TargetName.Of(sockets.HostName, sockets.Namespace)}\n");
                }

                if (options.Summary)
                {
                    summaries.Add(SocketListing.Summarize(sockets, request, output));
                    if (!options.Json)
                    {
                        SocketText.WriteSummary(stdout, summaries[^1], streams.Width);
                    }
                }
                else if (options.Json)
                {
                    listings.Add(SocketListing.List(sockets, request, output));
                }
                else
                {
                    stdout.Flush();
                    SocketListing.WriteTable(sockets, request, stdout.BaseStream, output);
                }

                stdout.Flush();
                return ExitCodes.Success;
            });
        if (!options.Json || (!remote && summaries.Count + listings.Count == 0))
        {
            // Text went out host by host; and when this machine failed, its error is the whole answer.
            return exit;
        }

        if (options.Summary)
        {
            SocketJson.WriteSummaries(stdout.BaseStream, summaries, asArray: remote);
        }
        else
        {
            SocketJson.WriteSockets(stdout.BaseStream, listings.SelectMany(l => l));
        }

        return exit;
    }
}
