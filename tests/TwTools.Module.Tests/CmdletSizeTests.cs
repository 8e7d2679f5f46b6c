namespace TwTools.Module.Tests;

/// <summary>Cmdlets are adapters: binding parameters and calling the engine fits in a few lines, so more means logic that belongs in the engine.</summary>
public class CmdletSizeTests
{
    private const int MaxCodeLines = 35;

    public static TheoryData<string> CmdletFiles() => new(Directory
        .EnumerateFiles(Path.Combine(ModuleFolder.RepositoryRoot, "src", "TwTools.PowerShell", "Cmdlets"), "*Command.cs")
        .Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(CmdletFiles))]
    public void A_cmdlet_class_stays_small(string file)
    {
        // Counted: lines with code, not blank lines, usings or comments.
        var code = File.ReadAllLines(Path.Combine(ModuleFolder.RepositoryRoot, "src", "TwTools.PowerShell", "Cmdlets", file))
            .Select(l => l.Trim())
            .Count(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("//", StringComparison.Ordinal));
        Assert.True(code <= MaxCodeLines, $"{file} has {code} lines of code; move logic into the engine (limit {MaxCodeLines})");
    }
}
