using System.Text.RegularExpressions;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>The node agent's image as the manifest names it, built once per test run by build.ps1 -Task Image from the binary under test.</summary>
public sealed partial class AgentImage
{
    public AgentImage()
    {
        Name = AgentManifests.DaemonSet.Spec.Template.Spec.Containers.Single().Image;
        var build = Shell.Run("sh", ["-c", $"cd '{Repository.Root}' && dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -Task Image -Binary '{AgentManifests.NativeBinary}' -ImageName '{Name}'"], TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.ToString());
        var said = Built().Match(build.StdOut);
        Assert.True(said.Success, build.ToString());
        (Seconds, Megabytes) = (double.Parse(said.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(said.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Name { get; }

    public double Seconds { get; }

    public double Megabytes { get; }

    [GeneratedRegex(@"built \S+ with podman in ([0-9.]+) s: ([0-9.]+) MB")]
    private static partial Regex Built();
}

/// <summary>The tests that run the agent's image: one build for all of them, and one at a time (they share out/image).</summary>
[CollectionDefinition(Name)]
public sealed class NodeAgentCollection : ICollectionFixture<AgentImage>
{
    public const string Name = "node agent";
}
