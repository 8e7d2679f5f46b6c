using System.Reflection;
using System.Text.RegularExpressions;
using TwTools.Engine.Diagnostics;
using Xunit;

namespace TwTools.Engine.Tests.Errors;

/// <summary>The error catalog reads as what users match on, and bad input is told from failure by type, not by spelling.</summary>
public class ErrorCatalogTests
{
    private static readonly string[] InputGroups = [nameof(TwErrorIds.Policy), nameof(TwErrorIds.Input)];

    private static IEnumerable<(string Group, string Name, string Id)> Ids() =>
        typeof(TwErrorIds).GetNestedTypes().SelectMany(group => group.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (group.Name, f.Name, (string)f.GetRawConstantValue()!)));

    [Fact]
    public void Every_constant_is_spelled_as_its_id_and_no_id_is_used_twice()
    {
        var ids = Ids().ToList();

        Assert.True(ids.Count > 40);
        Assert.All(ids, i => Assert.Equal($"TwTools.{i.Group}.{i.Name}", i.Id));
        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct().Count());
        Assert.Empty(typeof(TwErrorIds).GetFields());
    }

    [Fact]
    public void Bad_input_diagnostics_are_made_as_bad_input_and_failures_as_failures()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TwTools.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("TwTools.sln not found above the test binaries");
        }

        var made = new Regex(@"TwDiagnostic\.(Error|BadInput)\(\s*(?:Diagnostics\.)?TwErrorIds\.(\w+)\.");
        var wrong = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => made.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Factory: m.Groups[1].Value, Group: m.Groups[2].Value)))
            .Where(m => (m.Factory == "BadInput") != InputGroups.Contains(m.Group))
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void An_exception_is_an_input_error_by_its_first_diagnostic_kind()
    {
        var input = new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument, "x"));
        var failed = new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, "x"));

        Assert.True(input.IsInputError);
        Assert.False(failed.IsInputError);
        Assert.True((input.Primary with { Message = "copied" }).IsBadInput);
    }
}
