using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools sockets</c>: the TCP socket table like <c>ss -tan</c>, with TIME_WAIT time left, or counts per state.</summary>
internal static class SocketsCommand
{
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
        var wide = CommonOptions.Wide();
        var sources = new SocketSourceOptions();
        var hosts = new HostOptions();
        var command = new Command("sockets", "List TCP sockets (IPv4 and IPv6) with state, endpoints and TIME_WAIT time left, or count them per state.")
        {
            state, localPort, remotePort, remoteAddress, family, process, summary, json, verbose, wide,
        };
        sources.AddTo(command);
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output =>
        {
            var request = new SocketRequest
            {
                Filter = SocketFilterBuilder.Build(parse.GetValue(state), parse.GetValue(localPort), parse.GetValue(remotePort), parse.GetValue(remoteAddress), parse.GetValue(family)),
                SourceKind = parse.GetValue(sources.Source),
                Capture = sources.CapturePath(parse),
                IncludeProcess = parse.GetValue(process),
            };
            return SocketsRun.Run(new SocketsRunOptions(request, hosts.Resolve(parse, output)) { Summary = parse.GetValue(summary), Json = parse.GetValue(json) }, output, CliStreams.FromConsole(parse.GetValue(wide)));
        }));
        return command;
    }
}
