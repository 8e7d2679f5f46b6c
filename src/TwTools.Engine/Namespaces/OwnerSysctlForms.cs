using System.Text;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// A namespace that is not the host's keeps a runtime change only as long as it exists; what lasts is what its owner
/// passes when it makes it. This writes that, for the keys of an apply: podman and docker --sysctl flags, a compose
/// sysctls block, and a Kubernetes pod securityContext.sysctls list with each key marked safe or unsafe for the kubelet.
/// </summary>
internal static class OwnerSysctlForms
{
    public static string Render(NetworkNamespace target, IReadOnlyList<(string Key, string Value)> settings)
    {
        var text = new StringBuilder();
        if (target.Runtime is null)
        {
            // An ip netns or a process's namespace: no runtime makes it again with values of its own.
            return $"{target.Label} is not a container's: whoever makes it again must set these in it after (twtools apply --netns, or sysctl -w inside it): "
                + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) + "\n";
        }

        text.Append($"To keep these settings when {target.Label} is made again, set them where it is created:\n");
        if (target.Runtime is "podman" or "docker")
        {
            var create = target.Kind == NetworkNamespace.PodKind && target.Runtime == "podman" ? "podman pod create" : $"{target.Runtime} run";
            text.Append($"  {create}: {string.Join(' ', settings.Select(s => "--sysctl " + ShellWord($"{s.Key}={s.Value}")))}\n");
            text.Append("  compose service:\n    sysctls:\n");
            foreach (var (key, value) in settings)
            {
                text.Append($"      {key}: \"{value}\"\n");
            }
        }

        text.Append("  Kubernetes pod spec:\n    securityContext:\n      sysctls:\n");
        var width = settings.Max(s => s.Key.Length);
        foreach (var (key, value) in settings)
        {
            var safety = KubeletSysctls.SafeFrom(key) is { } since
                ? $"safe for the kubelet from {since}"
                : $"unsafe: the node's kubelet must run with --allowed-unsafe-sysctls={key}";
            text.Append($"      - name: {key.PadRight(width)}  # {safety}\n        value: \"{value}\"\n");
        }

        return text.ToString();
    }

    // Keys and values are the catalog's (digits, dots, spaces): quoted only when a space needs it.
    private static string ShellWord(string word) => word.Contains(' ', StringComparison.Ordinal) || word.Contains('\t', StringComparison.Ordinal) ? $"'{word}'" : word;
}
