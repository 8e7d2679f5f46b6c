using TwTools.Engine.Operations;
namespace TwTools.Engine.Metrics;

/// <summary>Compliance with a policy as Prometheus series: per key 0 or 1, per host the verdict, so drift pages like any other alert.</summary>
internal static class PolicyMetrics
{
    public static string Render(IReadOnlyList<IReadOnlyList<KernelSettingState>> hosts, IReadOnlyList<HostFailure> failures, MetricsOptions options)
    {
        var text = new PrometheusText();
        // Names of their own: node_exporter reads this file beside the exhaustion run's, and one series in two files is
        // dropped from the scrape, so a failed policy run could hide behind a good port check.
        text.Declare("twtools_policy_run_success", "gauge", "1 when twtools read and judged the host against the policy in this run, 0 when the host failed (its error is on stderr).");
        text.Declare("twtools_policy_compliant", "gauge", "1 when every key the policy sets complies on the host (at runtime and at boot), else 0.");
        text.Declare("twtools_policy_setting_compliant", "gauge", "1 when one key complies with the policy on the host, else 0.");
        text.Declare("twtools_policy_last_run_timestamp_seconds", "gauge", "Unix time of the twtools policy run that wrote these series.");
        foreach (var states in hosts.Where(s => s.Count > 0))
        {
            var (target, policy) = (TargetLabels.Of(states[0].Host, states[0].NetworkNamespace), states[0].Policy ?? string.Empty);
            text.Add("twtools_policy_run_success", 1, target);
            var judged = states.Where(s => s.Compliant is not null).ToList();
            text.Add("twtools_policy_compliant", judged.All(s => s.Compliant == true) ? 1 : 0, target.With(("policy", policy)));
            foreach (var state in judged)
            {
                text.Add("twtools_policy_setting_compliant", state.Compliant == true ? 1 : 0, target.With(("policy", policy), ("key", state.Key)));
            }
        }

        foreach (var failure in failures)
        {
            text.Add("twtools_policy_run_success", 0, TargetLabels.Of(failure.Host, failure.NetworkNamespace));
        }

        text.Add("twtools_policy_last_run_timestamp_seconds", options.Now.ToUnixTimeMilliseconds() / 1000.0);
        return text.ToString();
    }
}
