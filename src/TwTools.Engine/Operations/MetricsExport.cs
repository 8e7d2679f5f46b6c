using TwTools.Engine.Metrics;

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

    public static string Exhaustion(IReadOnlyList<PortExhaustionReport> reports, IReadOnlyList<string> failedHosts, MetricsOptions options) =>
        ExhaustionMetrics.Render(reports, failedHosts, options);

    /// <param name="hosts">One list of judged settings per host, as the policy query returns them.</param>
    public static string Policy(IReadOnlyList<IReadOnlyList<KernelSettingState>> hosts, IReadOnlyList<string> failedHosts, MetricsOptions options) =>
        PolicyMetrics.Render(hosts, failedHosts, options);

    /// <summary>Throws the input error a missing textfile directory is, so a run can refuse before it reads any host.</summary>
    public static void CheckTextfileDirectory(string directory) => TextfileCollector.CheckDirectory(directory);

    /// <summary>Replaces <paramref name="fileName"/> in <paramref name="directory"/> atomically; returns its path.</summary>
    public static string WriteTextfile(string directory, string fileName, string exposition) =>
        TextfileCollector.Write(directory, fileName, exposition);
}
