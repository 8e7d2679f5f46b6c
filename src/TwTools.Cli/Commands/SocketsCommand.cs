using System.CommandLine;
using TwTools.Cli.Output;
using TwTools.Engine.Hosting;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools sockets</c>: the TCP socket table like <c>ss -tan</c>, with TIME_WAIT time left, or counts per state.</summary>
internal static class SocketsCommand
{
    private const string Host = "localhost";

    public static Command Create()
    {
        var state = new Option<string[]>("--state", "-s")
        {
            Description = "States to show: TimeWait, time-wait, TIME_WAIT, ..., or ss's groups connected, synchronized, bucket, big. Repeat or comma-separate.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "state",
        };
        var localPort = new Option<int[]>("--local-port") { Description = "Only sockets on these local ports.", AllowMultipleArgumentsPerToken = true };
        var remotePort = new Option<int[]>("--remote-port") { Description = "Only sockets to these remote ports.", AllowMultipleArgumentsPerToken = true };
        var remoteAddress = new Option<string[]>("--remote-address")
        {
            Description = "Only sockets to these addresses or networks (10.0.0.0/8, 2001:db8::/32).",
            AllowMultipleArgumentsPerToken = true,
        };
        var family = new Option<InetFamily?>("--family", "-f") { Description = "Only IPv4 or only IPv6 sockets (as ss -4 / -6)." };
        var process = new Option<bool>("--process", "-p") { Description = "Show the owning process (reads every /proc/<pid>/fd: slower)." };
        var summary = new Option<bool>("--summary") { Description = "Counts per state and family, and the kernel's totals; no socket is listed." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var sources = new SocketSourceOptions();
        var hosts = new HostOptions();
        var command = new Command("sockets", "List TCP sockets (IPv4 and IPv6) with state, endpoints and TIME_WAIT time left, or count them per state.")
        {
            state, localPort, remotePort, remoteAddress, family, process, summary, json, verbose,
        };
        sources.AddTo(command);
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), host =>
        {
            var filter = SocketFilterBuilder.Build(parse.GetValue(state), parse.GetValue(localPort), parse.GetValue(remotePort), parse.GetValue(remoteAddress), parse.GetValue(family));
            if (hosts.Resolve(parse) is { } remote)
            {
                return RemoteSockets.Run(remote, hosts.Throttle(parse), filter, parse.GetValue(summary), parse.GetValue(json), parse.GetValue(process) || parse.GetValue(sources.FromFile) is not null, host);
            }

            if (parse.GetValue(process) && parse.GetValue(sources.FromFile) is not null)
            {
                throw CommandRunner.InputError("process", "--process looks up owners on this host, which cannot own the sockets of a capture; drop one of --process and --from-file.");
            }

            var paths = SystemPaths.FromEnvironment();
            var source = sources.Create(parse, paths);
            using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            if (parse.GetValue(summary))
            {
                var counts = SocketListing.Summarize(source, filter, Host, paths, host);
                if (parse.GetValue(json))
                {
                    SocketJson.WriteSummary(output.BaseStream, counts);
                }
                else
                {
                    SocketText.WriteSummary(output, counts);
                }

                return ExitCodes.Success;
            }

            var sockets = SocketListing.List(source, filter, Host, paths, parse.GetValue(process), host);
            if (parse.GetValue(json))
            {
                output.Flush();
                SocketJson.WriteSockets(output.BaseStream, sockets);
            }
            else
            {
                SocketText.WriteSockets(output, sockets, parse.GetValue(process));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
