using TwTools.Engine.Diagnostics;
using TwTools.Engine.Metrics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Operations;

/// <summary>
/// <c>--format prometheus</c>, <c>--textfile-dir</c> and ConvertTo-TwPrometheus: what the exhaustion
/// analysis and the policy query found, as Prometheus series, and the file node_exporter's textfile
/// collector reads.
/// </summary>
public static class MetricsExport
{
    /// <summary>The file <c>twtools exhaustion</c> writes into a textfile directory.</summary>
    public const string ExhaustionFile = "twtools.prom";

    /// <summary>The file <c>twtools test</c> writes: its own, so the two runs never replace each other's series.</summary>
    public const string PolicyFile = "twtools_policy.prom";

    /// <param name="failures">Targets that could not be read: each a failed run (twtools_run_success 0) in its place.</param>
    public static string Exhaustion(IReadOnlyList<PortExhaustionReport> reports, IReadOnlyList<HostFailure> failures, MetricsOptions options) =>
        ExhaustionMetrics.Render(reports, failures, options);

    /// <param name="hosts">One list of judged settings per host, as the policy query returns them.</param>
    public static string Policy(IReadOnlyList<IReadOnlyList<KernelSettingState>> hosts, IReadOnlyList<HostFailure> failures, MetricsOptions options) =>
        PolicyMetrics.Render(hosts, failures, options);

    /// <summary>
    /// ConvertTo-TwPrometheus: whatever the cmdlets returned, as one exposition. Reports from
    /// Test-PortExhaustion -Summary become port-pressure series; judged settings from Test-TwPolicy
    /// -Detailed or Get-TwKernelPolicy -Path become compliance series, and a <see cref="HostFailure"/> either command
    /// wrote for a host it could not read a failed run (twtools_run_success 0). One kind per call, since each
    /// kind is its own file for the textfile collector.
    /// </summary>
    public static MetricsExposition FromResults(IReadOnlyList<object> results, MetricsOptions options)
    {
        if (results.Count == 0)
        {
            // Most often the command before failed (its error is already out): series about nothing would
            // replace the last good file and reset its timestamp, so the staleness alert could never fire.
            throw BadInput("no TwTools results came in, so there is nothing to convert; a .prom file is left as it was");
        }

        var reports = results.OfType<PortExhaustionReport>().ToList();
        var settings = results.OfType<KernelSettingState>().ToList();
        var failures = results.OfType<HostFailure>().ToList();
        if (results.FirstOrDefault(r => r is not (PortExhaustionReport or KernelSettingState or HostFailure)) is { } other)
        {
            var hint = other is PortPressureFinding ? "; pipe Test-PortExhaustion -Summary, whose reports carry the host's port range and settings too" : string.Empty;
            throw BadInput($"{PrintableText.Of(other.GetType().FullName ?? "?", 200)} cannot be turned into TwTools metrics{hint}");
        }

        if (reports.Count > 0 && settings.Count > 0)
        {
            throw BadInput("port-pressure reports and policy settings go to two files; convert them in two calls");
        }

        // A host that failed is a failed run in the series, as from the CLI, whichever command it failed in.
        var exhaustionFailed = Hosts(failures.Where(f => f.Command == HostFailure.ExhaustionCommand));
        var policyFailed = Hosts(failures.Where(f => f.Command == HostFailure.PolicyCommand));
        if ((reports.Count > 0 && policyFailed.Count > 0) || (settings.Count > 0 && exhaustionFailed.Count > 0) || (exhaustionFailed.Count > 0 && policyFailed.Count > 0))
        {
            throw BadInput("port-pressure results and policy results go to two files; convert them in two calls");
        }

        if (reports.Count > 0 || exhaustionFailed.Count > 0)
        {
            return new MetricsExposition(Exhaustion(reports, exhaustionFailed, options), ExhaustionFile);
        }

        if (settings.Count > 0 && settings.All(s => s.Compliant is null))
        {
            throw BadInput("these settings were not judged against a policy; pipe Test-TwPolicy -Detailed, or Get-TwKernelPolicy with a policy");
        }

        options.Validate();
        // One target per host and namespace: the namespaces of one host all read as that host.
        var hosts = settings.GroupBy(s => (s.Host, s.NetworkNamespace?.Inode)).Select(g => (IReadOnlyList<KernelSettingState>)g.ToList()).ToList();
        return new MetricsExposition(Policy(hosts, policyFailed, options), PolicyFile);
    }

    private static List<HostFailure> Hosts(IEnumerable<HostFailure> failures) => failures.DistinctBy(f => (f.Host, f.NetworkNamespace?.Inode)).ToList();

    private static TwOperationException BadInput(string message) =>
        new(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument, message) with { Field = "InputObject" });

    /// <summary>Throws the input error a missing textfile directory is, so a run can refuse before it reads any host.</summary>
    public static void CheckTextfileDirectory(string directory) => TextfileCollector.CheckDirectory(directory);

    /// <summary>Replaces <paramref name="fileName"/> in <paramref name="directory"/> atomically; returns its path.</summary>
    public static string WriteTextfile(string directory, string fileName, string exposition) =>
        TextfileCollector.Write(directory, fileName, exposition);
}
