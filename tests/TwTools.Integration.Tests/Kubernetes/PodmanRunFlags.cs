using System.Globalization;
using k8s.Models;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>
/// A DaemonSet's pod template as <c>podman run</c> flags, so the container that runs here is the one the manifest
/// describes, not a second hand-written copy of it (podman 4.3's kube play ignores hostPID and refuses DaemonSets).
/// Every setting the manifest uses is either turned into a flag or named below as one only a kubelet acts on; a
/// setting neither knows fails the test, so the manifest cannot grow a field this run silently drops.
/// </summary>
public static class PodmanRunFlags
{
    /// <param name="network">Where the container's network namespace comes from here: a kubelet would give it the pod's.</param>
    /// <param name="hostPath">Where a hostPath volume's path is on this machine (a test may stand its own directory in).</param>
    /// <param name="nodeName">What the downward API's spec.nodeName gives on this "node".</param>
    public static List<string> Of(V1PodSpec pod, string network, Func<string, string> hostPath, string nodeName)
    {
        var container = pod.Containers.Single();
        Known(pod, ["containers", "volumes", "hostPID", "hostNetwork"], ["tolerations", "automountServiceAccountToken", "enableServiceLinks", "terminationGracePeriodSeconds"]);
        Known(container, ["name", "image", "args", "command", "env", "securityContext", "resources", "volumeMounts"], ["ports", "readinessProbe", "livenessProbe", "imagePullPolicy"]);
        Known(container.SecurityContext, ["runAsUser", "runAsGroup", "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "seccompProfile", "capabilities"], []);
        var flags = new List<string> { "--pid", pod.HostPID == true ? "host" : "private", "--network", pod.HostNetwork == true ? "host" : network };
        var security = container.SecurityContext ?? new V1SecurityContext();
        if (security.RunAsUser is { } user)
        {
            flags.AddRange(["--user", $"{user.ToString(CultureInfo.InvariantCulture)}:{(security.RunAsGroup ?? 0).ToString(CultureInfo.InvariantCulture)}"]);
        }

        if (security.ReadOnlyRootFilesystem == true)
        {
            flags.Add("--read-only");
        }

        if (security.Privileged == true)
        {
            flags.Add("--privileged");
        }

        if (security.AllowPrivilegeEscalation == false)
        {
            flags.AddRange(["--security-opt", "no-new-privileges"]);
        }

        if (security.SeccompProfile?.Type is { } seccomp && seccomp != "RuntimeDefault")
        {
            flags.AddRange(["--security-opt", seccomp == "Unconfined" ? "seccomp=unconfined" : throw new NotSupportedException($"seccomp profile {seccomp}")]);
        }

        flags.AddRange((security.Capabilities?.Drop ?? []).SelectMany(c => new[] { "--cap-drop", c }));
        flags.AddRange((security.Capabilities?.Add ?? []).SelectMany(c => new[] { "--cap-add", c }));
        if (container.Resources?.Limits is { } limits)
        {
            flags.AddRange(limits.TryGetValue("memory", out var memory) ? ["--memory", memory.ToInt64().ToString(CultureInfo.InvariantCulture)] : []);
            flags.AddRange(limits.TryGetValue("cpu", out var cpu) ? ["--cpus", cpu.ToDecimal().ToString(CultureInfo.InvariantCulture)] : []);
        }

        var env = (container.Env ?? []).ToDictionary(e => e.Name, e => e.Value
            ?? (e.ValueFrom?.FieldRef?.FieldPath == "spec.nodeName" ? nodeName : throw new NotSupportedException($"env {e.Name} from a source other than spec.nodeName")));
        flags.AddRange(env.SelectMany(e => new[] { "--env", $"{e.Key}={e.Value}" }));
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes.Single(v => v.Name == mount.Name);
            var source = volume.HostPath?.Path ?? throw new NotSupportedException($"volume {volume.Name} is not a hostPath");
            var propagation = mount.MountPropagation switch { null or "None" => string.Empty, "HostToContainer" => ",rslave", "Bidirectional" => ",rshared", var other => throw new NotSupportedException(other) };
            flags.AddRange(["--volume", $"{hostPath(source)}:{mount.MountPath}:{(mount.ReadOnlyProperty == true ? "ro" : "rw")}{propagation}"]);
        }

        if (container.Command is { Count: > 0 } command)
        {
            flags.AddRange(["--entrypoint", command[0]]);
        }

        flags.Add(container.Image);
        // The kubelet expands $(NAME) in command and args from the container's env; podman does not.
        string Expand(string argument) => System.Text.RegularExpressions.Regex.Replace(argument, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", m => env.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
        flags.AddRange((container.Command?.Skip(1) ?? []).Select(Expand));
        flags.AddRange((container.Args ?? []).Select(Expand));
        return flags;
    }

    // The fields the manifest sets, as the API server would see them: each one run here, or one only a kubelet acts on.
    private static void Known(object? model, string[] run, string[] kubeletOnly)
    {
        if (model is null)
        {
            return;
        }

        var keys = System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(model))!.AsObject().Select(p => p.Key);
        if (keys.Except(run).Except(kubeletOnly).ToList() is { Count: > 0 } unknown)
        {
            throw new NotSupportedException($"{model.GetType().Name} sets {string.Join(", ", unknown)}, which this podman run does not reproduce: map it here or say why a kubelet alone acts on it");
        }
    }
}
