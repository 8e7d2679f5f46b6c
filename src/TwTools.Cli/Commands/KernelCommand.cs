using System.CommandLine;
using TwTools.Cli.Runs;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools kernel</c> and <c>twtools test</c>: the host's TIME_WAIT settings, optionally judged against a policy.</summary>
internal static class KernelCommand
{
    public static Command CreateKernel() => Create(
        "kernel",
        "Show the TIME_WAIT-related kernel settings: runtime value, value at boot and the file that sets it, meaning; with --policy, whether each complies.",
        judge: false);

    public static Command CreateTest() => Create(
        "test",
        "Check the host (or each --host) against a policy: exit 0 when all comply, 1 when one does not.",
        judge: true);

    // The same command twice: test needs a policy and turns non-compliance into exit 1.
    private static Command Create(string name, string description, bool judge)
    {
        var policy = CommonOptions.Policy(required: judge);
        var formats = new OutputOptions();
        var verbose = CommonOptions.Verbose();
        var wide = CommonOptions.Wide();
        var hosts = new HostOptions();
        var command = new Command(name, description)
        {
            policy, verbose, wide,
        };
        formats.AddTo(command);
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output => KernelRun.Run(
            new KernelRunOptions(parse.GetValue(policy), hosts.Resolve(parse, output)) { Format = formats.Format(parse), Metrics = formats.Metrics(parse), Judge = judge },
            output,
            CliStreams.FromConsole(parse.GetValue(wide)))));
        return command;
    }
}
