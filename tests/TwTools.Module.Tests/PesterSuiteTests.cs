using System.Reflection;
using System.Text.RegularExpressions;

namespace TwTools.Module.Tests;

/// <summary>
/// The Pester suite cannot run here (no pwsh), so what can be checked without running it is: one file
/// per cmdlet, and every error id and cmdlet class its assertions name really exist, so a suite that
/// would fail on a typo is caught before a user with pwsh runs it.
/// </summary>
public sealed partial class PesterSuiteTests : IDisposable
{
    private static readonly string Suite = Path.Combine(ModuleFolder.RepositoryRoot, "tests", "pester");
    private readonly ModuleTypes _types = new();

    [Fact]
    public void Every_cmdlet_has_its_own_Pester_file_that_runs_it_against_the_built_module()
    {
        foreach (var name in _types.Cmdlets.Select(ModuleTypes.CommandName))
        {
            var file = Path.Combine(Suite, name + ".Tests.ps1");
            Assert.True(File.Exists(file), $"{name} has no {file}");
            var text = File.ReadAllText(file);
            Assert.Contains("TestSetup.ps1", text);
            Assert.Contains($"Describe '{name}'", text);
        }
    }

    [Fact]
    public void Error_ids_the_suite_expects_are_ids_the_engine_raises_on_cmdlets_that_exist()
    {
        var ids = _types.ErrorIds();
        var classes = _types.Cmdlets.Select(c => c.FullName!).ToHashSet();
        var expectations = Directory.GetFiles(Suite, "*.ps1").Append(Path.Combine(ModuleFolder.Path, "Compliance", "TwTools.Compliance.Tests.ps1"))
            .SelectMany(f => ExpectedId().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Id: m.Groups["id"].Value, Class: m.Groups["class"].Value)))
            .ToList();

        Assert.True(expectations.Count >= 12, $"only {expectations.Count} error ids found in the suite");
        Assert.All(expectations.Where(e => e.Id.StartsWith("TwTools.", StringComparison.Ordinal)), e => Assert.True(ids.Contains(e.Id), $"{e.File}: {e.Id}"));
        Assert.All(expectations.Where(e => e.Class.Length > 0), e => Assert.True(classes.Contains(e.Class), $"{e.File}: {e.Class}"));
    }

    public void Dispose() => _types.Dispose();

    // -ErrorId 'Id[,Class]' / -BeLike 'Id*', and "$ErrorId" test cases written as ErrorId = 'Id'.
    [GeneratedRegex(@"(?:-ErrorId\s+['""]|-BeLike\s+['""]|ErrorId\s*=\s*['""])(?<id>[A-Za-z.]+[A-Za-z])\*?(?:,(?<class>[A-Za-z.]+))?['""*]")]
    private static partial Regex ExpectedId();
}
