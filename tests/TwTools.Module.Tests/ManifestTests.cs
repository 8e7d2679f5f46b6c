using System.Text.RegularExpressions;

namespace TwTools.Module.Tests;

/// <summary>The manifest in the built folder against what the folder and its assemblies really hold.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly ModuleTypes _types = new();
    private readonly string _manifest = File.ReadAllText(Path.Combine(ModuleFolder.Path, "TwTools.psd1"));

    [Fact]
    public void CmdletsToExport_lists_exactly_the_cmdlet_classes_and_nothing_is_exported_by_wildcard()
    {
        Assert.Equal(_types.Cmdlets.Select(ModuleTypes.CommandName).Order(StringComparer.Ordinal), Psd1.List(_manifest, "CmdletsToExport")!.Order(StringComparer.Ordinal));
        foreach (var key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
        {
            Assert.Equal([], Psd1.List(_manifest, key)!);
        }

        Assert.DoesNotContain("*", _manifest);
    }

    [Fact]
    public void Every_file_the_manifest_names_is_in_the_folder()
    {
        var named = new[] { Psd1.Value(_manifest, "RootModule")! }.Concat(Psd1.List(_manifest, "FormatsToProcess")!).ToList();
        Assert.Equal(2, named.Count);
        // No types file: type data from a second copy of the module (another folder) could not redefine it, and its
        // import failed; list views in the format file do the same job and can be loaded twice.
        Assert.Null(Psd1.List(_manifest, "TypesToProcess"));
        Assert.All(named, f => Assert.True(File.Exists(Path.Combine(ModuleFolder.Path, f)), f));
        Assert.Equal("TwTools.PowerShell.dll", named[0]);
    }

    [Fact]
    public void Version_comes_from_Directory_Build_props_and_matches_the_assembly()
    {
        var props = File.ReadAllText(Path.Combine(ModuleFolder.RepositoryRoot, "Directory.Build.props"));
        var version = Regex.Match(props, "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        Assert.Equal(version, Psd1.Value(_manifest, "ModuleVersion"));
        Assert.Equal(new Version(version), new Version(_types.Module.GetName().Version!.ToString(3)));
        // One source: the manifest in module/ names no version of its own.
        Assert.Equal("{{Version}}", Psd1.Value(File.ReadAllText(Path.Combine(ModuleFolder.RepositoryRoot, "module", "TwTools.psd1")), "ModuleVersion"));
    }

    [Fact]
    public void Release_notes_are_the_changelog_section_for_the_version_and_the_licence_ships_in_the_module()
    {
        var version = Psd1.Value(_manifest, "ModuleVersion")!;
        var changelog = File.ReadAllText(Path.Combine(ModuleFolder.RepositoryRoot, "CHANGELOG.md"));
        var section = Regex.Match(changelog, $@"(?s)\n## \[{Regex.Escape(version)}\][^\n]*\n\s*(.*?)\s*(?:\n## |\z)").Groups[1].Value;

        Assert.StartsWith("### ", section);
        Assert.Equal(section.Replace("'", "''", StringComparison.Ordinal), Regex.Match(_manifest, @"(?s)ReleaseNotes\s*=\s*'(.*?)'\r?\n").Groups[1].Value);
        Assert.Equal(File.ReadAllText(Path.Combine(ModuleFolder.RepositoryRoot, "LICENSE")), File.ReadAllText(Path.Combine(ModuleFolder.Path, "LICENSE")));
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(ModuleFolder.Path, "LICENSE")));
    }

    [Fact]
    public void The_module_is_for_PowerShell_7_4_Core_and_carries_gallery_metadata()
    {
        Assert.Equal("7.4", Psd1.Value(_manifest, "PowerShellVersion"));
        Assert.Equal(["Core"], Psd1.List(_manifest, "CompatiblePSEditions")!);
        Assert.Contains("TIME_WAIT", Psd1.List(_manifest, "Tags")!);
        // The Gallery finds Core-only modules by this tag; CompatiblePSEditions alone does not show in search.
        Assert.Contains("PSEdition_Core", Psd1.List(_manifest, "Tags")!);
        Assert.False(string.IsNullOrWhiteSpace(Psd1.Value(_manifest, "ReleaseNotes")));
        Assert.Matches("^[0-9a-f-]{36}$", Psd1.Value(_manifest, "GUID"));
    }

    [Fact]
    public void The_engine_and_YamlDotNet_live_only_in_dependencies()
    {
        Assert.Equal(["TwTools.PowerShell.dll"], Directory.GetFiles(ModuleFolder.Path, "*.dll").Select(Path.GetFileName));
        Assert.Equal(["TwTools.Engine.dll", "YamlDotNet.dll"], Directory.GetFiles(ModuleFolder.Dependencies, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(ModuleFolder.Path, "policies", "busy-client.yaml")));
        Assert.True(File.Exists(Path.Combine(ModuleFolder.Path, "Compliance", "TwTools.Compliance.Tests.ps1")));
    }

    public void Dispose() => _types.Dispose();
}
