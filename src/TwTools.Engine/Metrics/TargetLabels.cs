using System.Globalization;

namespace TwTools.Engine.Metrics;

/// <summary>
/// The labels that say which target a series is about: the host, and for a network namespace its label and inode, and
/// the container, pod and Kubernetes namespace where known, so an alert can name the pod. Values are escaped by
/// <see cref="PrometheusText"/>: a container's name is whatever its creator chose.
/// </summary>
internal static class TargetLabels
{
    public static (string Name, string Value)[] Of(string host, NetworkNamespace? ns)
    {
        if (ns is null)
        {
            return [("host", host)];
        }

        var labels = new List<(string, string)> { ("host", host), ("netns", ns.Label), ("netns_inode", ns.Inode.ToString(CultureInfo.InvariantCulture)) };
        if (ns.Container is { } container)
        {
            labels.Add(("container", container));
        }

        if (ns.Pod is { } pod)
        {
            labels.Add(("pod", pod));
        }

        if (ns.PodNamespace is { } podNamespace)
        {
            labels.Add(("namespace", podNamespace));
        }

        return [.. labels];
    }

    public static (string Name, string Value)[] With(this (string Name, string Value)[] labels, params (string Name, string Value)[] more) => [.. labels, .. more];
}
