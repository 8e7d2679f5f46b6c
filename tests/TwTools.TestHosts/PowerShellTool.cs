using System.Text.Json;

namespace TwTools.TestHosts;

/// <summary>
/// The pinned pwsh (the local dotnet tool in .config/dotnet-tools.json, restored by bootstrap into the
/// NuGet cache), as an executable path: test hosts serve it as sshd's powershell subsystem and tests start
/// it as a real process. TWTOOLS_PWSH overrides it.
/// </summary>
public static class PowerShellTool
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The pwsh executable, or null when the tool has not been restored.</summary>
    public static string? Path => Found.Value;

    public static string Require() =>
        Path ?? throw new InvalidOperationException("pwsh is not restored: run 'dotnet tool restore' (bash eng/bootstrap.sh does) or set TWTOOLS_PWSH");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("TWTOOLS_PWSH") is { Length: > 0 } set)
        {
            return set;
        }

        var root = Repository.Root;
        var manifest = System.IO.Path.Combine(root, ".config", "dotnet-tools.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = json.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = System.IO.Path.Combine(packages, "powershell", version, "tools");
        return Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, "pwsh", SearchOption.AllDirectories).FirstOrDefault(p => p.Contains("/unix/", StringComparison.Ordinal))
            : null;
    }
}
