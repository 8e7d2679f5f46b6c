using System.Text.RegularExpressions;

namespace TwTools.Engine.Tests.Repository;

/// <summary>Contracts between files a person edits by hand, checked without PowerShell.</summary>
public class ModuleManifestTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TwTools.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TwTools.sln not found above the test assembly");
    }

    [Fact]
    public void Manifest_version_is_the_one_in_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
        var manifest = File.ReadAllText(Path.Combine(Root, "module", "TwTools.psd1"));
        var version = Regex.Match(props, "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        Assert.Equal(version, Regex.Match(manifest, "ModuleVersion\\s*=\\s*'([^']+)'").Groups[1].Value);
    }

    [Fact]
    public void Manifest_exports_exactly_the_cmdlet_classes()
    {
        var manifest = File.ReadAllText(Path.Combine(Root, "module", "TwTools.psd1"));
        var exported = Regex.Matches(Regex.Match(manifest, "CmdletsToExport\\s*=\\s*@\\(([^)]*)\\)").Groups[1].Value, "'([^']+)'")
            .Select(m => m.Groups[1].Value).OrderBy(n => n).ToArray();
        var declared = Directory.EnumerateFiles(Path.Combine(Root, "src", "TwTools.PowerShell"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\\[Cmdlet\\(Verbs\\w+\\.(\\w+), \"(\\w+)\"").Select(m => m.Groups[1].Value + "-" + m.Groups[2].Value))
            .OrderBy(n => n).ToArray();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, exported);
    }
}
