using k8s;
using k8s.Models;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>deploy/kubernetes read with the official models, strictly: a field the API does not know is an error, as kubectl --validate=strict makes it.</summary>
public static class AgentManifests
{
    public static string Directory => Path.Combine(Repository.Root, "deploy", "kubernetes");

    public static V1DaemonSet DaemonSet => Read<V1DaemonSet>("daemonset.yaml");

    public static V1Service Service => Read<V1Service>("service.yaml");

    public static T Read<T>(string file) => KubernetesYaml.Deserialize<T>(File.ReadAllText(Path.Combine(Directory, file)), strict: true);

    /// <summary>The version build.ps1 tags the image with.</summary>
    public static string Version => System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("VersionPrefix").First().Value;

    /// <summary>The NativeAOT binary the image is built from: the one CI tests (TWTOOLS_CLI), else eng/bootstrap.sh's.</summary>
    public static string NativeBinary
    {
        get
        {
            var binary = Environment.GetEnvironmentVariable("TWTOOLS_CLI") is { Length: > 0 } cli ? cli : Path.Combine(Repository.Root, "out", "bin", "twtools");
            return File.Exists(binary) && !binary.EndsWith(".dll", StringComparison.Ordinal) ? binary
                : throw new Xunit.Sdk.XunitException($"no NativeAOT twtools at {binary}: run eng/bootstrap.sh (it publishes out/bin/twtools), or point TWTOOLS_CLI at one");
        }
    }
}
