using System.CommandLine;
using System.Text.Json;
using TwTools.Cli.Output;
using TwTools.Engine.Compliance;
using TwTools.Engine.Operations;
using TwTools.Engine.Text;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools kernel</c> and <c>twtools test</c>: the host's TIME_WAIT settings, optionally judged against a policy.</summary>
internal static class KernelCommand
{
    public static Command CreateKernel()
    {
        var policy = CommonOptions.Policy(required: false);
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var hosts = new HostOptions();
        var command = new Command("kernel", "Show the TIME_WAIT-related kernel settings: runtime value, value at boot and the file that sets it, meaning; with --policy, whether each complies.")
        {
            policy, json, verbose,
        };
        hosts.AddTo(command);
        command.SetAction(parse => Run(parse, hosts, parse.GetValue(policy), parse.GetValue(json), parse.GetValue(verbose), exitOnNonCompliance: false));
        return command;
    }

    public static Command CreateTest()
    {
        var policy = CommonOptions.Policy(required: true);
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var hosts = new HostOptions();
        var command = new Command("test", "Check the host (or each --host) against a policy: exit 0 when all comply, 1 when one does not.")
        {
            policy, json, verbose,
        };
        hosts.AddTo(command);
        command.SetAction(parse => Run(parse, hosts, parse.GetValue(policy), parse.GetValue(json), parse.GetValue(verbose), exitOnNonCompliance: true));
        return command;
    }

    private static int Run(ParseResult parse, HostOptions hostOptions, string? policyPath, bool json, bool verbose, bool exitOnNonCompliance) =>
        CommandRunner.Run(verbose, output =>
        {
            var policy = policyPath is null ? null : CommandRunner.LoadPolicy(policyPath);
            var all = new List<KernelSettingState>();
            var exit = FleetCommand.Run(
                hostOptions.Resolve(parse),
                hostOptions.Throttle(parse),
                "Reading kernel settings",
                (host, relay, _) => KernelPolicyQuery.Run(host, policy, relay),
                (_, _) => false,
                output,
                states =>
                {
                    all.AddRange(states);
                    if (!json)
                    {
                        Console.Out.Write(TerminalText.EscapeKeepingLines(Render(states, policy is not null)));
                    }

                    var compliant = KernelPolicyQuery.IsCompliant(states);
                    if (exitOnNonCompliance)
                    {
                        Console.Error.WriteLine(TerminalText.Escape(compliant
                            ? $"{states[0].Host}: complies with policy '{policy!.Name}'."
                            : $"{states[0].Host}: does not comply with policy '{policy!.Name}': {states.Count(s => s.Compliant == false)} key(s) differ."));
                    }

                    return exitOnNonCompliance && !compliant ? ExitCodes.NotCompliant : ExitCodes.Success;
                });
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(all, CliJsonContext.Default.ListKernelSettingState));
            }

            return exit;
        });

    private static string Render(IReadOnlyList<KernelSettingState> states, bool withPolicy)
    {
        var first = states[0];
        var header = $"{first.Host}: kernel {TerminalText.Escape(first.KernelRelease)}, TCPTimeWaitOverflow {first.TimeWaitOverflow?.ToString() ?? "n/a"}\n";
        if (withPolicy)
        {
            var table = new TextTable("KEY", "RUNTIME", "PERSISTED", "EXPECTED", "COMPLIANT", "REASON");
            foreach (var s in states)
            {
                table.Add(s.Key, Shown(s), s.Persisted, s.Expected, s.Compliant switch { true => "yes", false => "NO", null => "" }, s.Reason);
            }

            return header + table;
        }
        else
        {
            var table = new TextTable("KEY", "RUNTIME", "PERSISTED", "SOURCE", "MEANING");
            foreach (var s in states)
            {
                table.Add(s.Key, Shown(s), s.Persisted, s.PersistedSource, s.Meaning);
            }

            return header + table;
        }
    }

    // An empty reserved-ports list reads as a blank cell otherwise.
    private static string? Shown(KernelSettingState s) => !s.Exists ? "(absent)" : s.Runtime == string.Empty ? "(none)" : s.Runtime;
}
