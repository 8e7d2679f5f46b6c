namespace TwTools.Integration.Tests;

/// <summary>
/// How tests start <c>twtools</c>: the binary named by TWTOOLS_CLI (CI points it at the NativeAOT
/// build users get), else the framework-dependent build beside the tests.
/// </summary>
public static class Cli
{
    public static string[] Command(params string[] arguments)
    {
        var binary = Environment.GetEnvironmentVariable("TWTOOLS_CLI");
        return string.IsNullOrEmpty(binary)
            ? new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "twtools.dll") }.Concat(arguments).ToArray()
            : new[] { binary }.Concat(arguments).ToArray();
    }

    public static string Policy(string name) => Path.Combine(AppContext.BaseDirectory, "policies", name + ".yaml");

    /// <summary>Writes a policy into a temp file for one test.</summary>
    public static string WritePolicy(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), "twtools-policy-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
