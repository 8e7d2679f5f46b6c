using TwTools.Cli.Output;
using TwTools.Engine.Hosting;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools sockets --host …</c>: each host's table from its read answer, listed or counted, one JSON array for all.</summary>
internal static class RemoteSockets
{
    public static int Run(IReadOnlyList<IKernelHost> hosts, int throttle, SocketFilter filter, bool summary, bool json, bool localOnlyOption, IEngineHost output)
    {
        if (localOnlyOption)
        {
            throw CommandRunner.InputError("host", "--process and --from-file work on this machine only; drop them, or drop --host.");
        }

        var paths = SystemPaths.FromEnvironment();
        var summaries = new List<SocketSummary>();
        var listings = new List<IEnumerable<TcpSocket>>();
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
        var exit = FleetCommand.Run(
            hosts,
            throttle,
            "Reading sockets",
            (target, relay, _) => HostSockets.Open(target, paths, SocketSourceKind.Automatic, relay.Cancellation),
            (_, _) => false,
            output,
            sockets =>
            {
                if (summary)
                {
                    var counts = SocketListing.Summarize(sockets, filter, output);
                    summaries.Add(counts);
                    if (!json)
                    {
                        stdout.Write($"# {sockets.HostName}\n");
                        SocketText.WriteSummary(stdout, counts);
                    }

                    return ExitCodes.Success;
                }

                var listing = SocketListing.List(sockets.Source, filter, sockets.HostName, paths, includeProcess: false, output);
                if (json)
                {
                    listings.Add(listing);
                }
                else
                {
                    stdout.Write($"# {sockets.HostName}\n");
                    SocketText.WriteSockets(stdout, listing, withProcess: false);
                }

                return ExitCodes.Success;
            });
        stdout.Flush();
        if (json && summary)
        {
            SocketJson.WriteSummaries(stdout.BaseStream, summaries);
        }
        else if (json)
        {
            SocketJson.WriteSockets(stdout.BaseStream, listings.SelectMany(l => l));
        }

        return exit;
    }
}
