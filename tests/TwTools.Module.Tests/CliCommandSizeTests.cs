using System.Text.RegularExpressions;

namespace TwTools.Module.Tests;

/// <summary>
/// CLI commands are adapters as the cmdlets are: a command declares its options and binds them into an
/// options record for one run in src/TwTools.Cli/Runs. Engine work started from a command file, or a
/// command that grows past its options, means logic that belongs in a run or in the engine.
/// </summary>
public partial class CliCommandSizeTests
{
    private const int MaxCodeLines = 55;

    private static string Commands => Path.Combine(ModuleFolder.RepositoryRoot, "src", "TwTools.Cli", "Commands");

    public static TheoryData<string> CommandFiles() => new(Directory.EnumerateFiles(Commands, "*Command.cs").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(CommandFiles))]
    public void A_command_binds_options_into_one_run_and_stays_small(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Commands, file)).Select(l => l.Trim()).ToList();
        var code = lines.Count(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("//", StringComparison.Ordinal));
        var text = string.Join('\n', lines);

        Assert.True(code <= MaxCodeLines, $"{file} has {code} lines of code; move logic into a run or the engine (limit {MaxCodeLines})");
        Assert.DoesNotMatch(EngineWork(), text);
        Assert.Equal(Regex.Count(text, @"\.SetAction\("), RunCall().Count(text));
    }

    [GeneratedRegex(@"\b(PolicyApplyOperation|KernelPolicyQuery|SocketListing|PortExhaustionAnalysis|FleetRunner|FleetRun)\.")]
    private static partial Regex EngineWork();

    [GeneratedRegex(@"\b\w+Run\.Run\(")]
    private static partial Regex RunCall();
}
