namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>
/// The node agent's manifests as the Kubernetes API reads them, and the promises README makes about them: the
/// narrowest security context that lets it enter namespaces, bounded resources, and the port the exporter serves on.
/// </summary>
public class KubernetesManifestTests
{
    [Fact]
    public void The_manifests_deserialize_strictly_and_an_unknown_field_is_an_error()
    {
        Assert.Equal("DaemonSet", AgentManifests.DaemonSet.Kind);
        Assert.Equal("Service", AgentManifests.Service.Kind);

        var misspelt = File.ReadAllText(Path.Combine(AgentManifests.Directory, "daemonset.yaml")).Replace("hostPID: true", "hostPid: true", StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => k8s.KubernetesYaml.Deserialize<k8s.Models.V1DaemonSet>(misspelt, strict: true));
    }

    [Fact]
    public void The_agent_gets_the_host_pid_namespace_two_capabilities_a_read_only_root_and_bounded_resources()
    {
        var pod = AgentManifests.DaemonSet.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var security = container.SecurityContext;

        Assert.True(pod.HostPID);
        Assert.NotEqual(true, pod.HostNetwork);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Equal(["SYS_ADMIN", "SYS_PTRACE"], security.Capabilities.Add.Order(StringComparer.Ordinal));
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.NotEqual(true, security.Privileged);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.All(container.VolumeMounts, m => Assert.True(m.ReadOnlyProperty, m.Name));
        Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cpu", "memory"], container.Resources.Limits.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"localhost/twtools:{AgentManifests.Version}", container.Image);
    }

    [Fact]
    public void Prometheus_finds_the_exporter_on_the_port_it_serves_on()
    {
        var template = AgentManifests.DaemonSet.Spec.Template;
        var container = template.Spec.Containers.Single();
        var port = TwTools.Cli.Runs.ListenAddress.DefaultPort;

        Assert.Equal(port, container.Ports.Single(p => p.Name == "metrics").ContainerPort);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), template.Metadata.Annotations["prometheus.io/port"]);
        Assert.Contains($":{port}", container.Args);
        Assert.Equal("metrics", AgentManifests.Service.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal(template.Metadata.Labels["app.kubernetes.io/name"], AgentManifests.Service.Spec.Selector["app.kubernetes.io/name"]);
    }
}
