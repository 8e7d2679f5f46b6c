using System.Diagnostics;
using TwTools.HelpBuilder;

namespace TwTools.Module.Tests.HelpBuilder;

/// <summary>
/// The help build end to end, on a copy of the built module folder and of docs/help: what it writes
/// from the real sources, and that a bad source fails the build by file and line with nothing written.
/// </summary>
public sealed class HelpBuildTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("twtools-help-").FullName;
    private readonly string _module;
    private readonly string _docs;

    public HelpBuildTests()
    {
        _module = Copy(ModuleFolder.Path, Path.Combine(_root, "TwTools"));
        _docs = Copy(Path.Combine(ModuleFolder.RepositoryRoot, "docs", "help"), Path.Combine(_root, "help"));
        Directory.Delete(Path.Combine(_module, HelpBuild.Culture), recursive: true);
    }

    private string HelpFile => Path.Combine(_module, HelpBuild.Culture, "TwTools.PowerShell.dll-Help.xml");

    [Fact]
    public void The_real_sources_build_the_MAML_and_one_text_file_per_about_topic()
    {
        Directory.CreateDirectory(Path.Combine(_module, HelpBuild.Culture));
        File.WriteAllText(Path.Combine(_module, HelpBuild.Culture, "about_Removed.help.txt"), "a topic whose source is gone");
        Assert.Empty(HelpBuild.Run(_docs, _module, "TwTools.PowerShell.dll"));
        Assert.True(File.Exists(HelpFile));
        Assert.Equal(
            ["TwTools.PowerShell.dll-Help.xml", "about_TwTools.help.txt", "about_TwTools_Policy.help.txt"],
            Directory.GetFiles(Path.Combine(_module, HelpBuild.Culture)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bad_source_is_an_error_naming_file_and_line_and_nothing_is_written()
    {
        var source = Path.Combine(_docs, "Set-TwPolicy.md");
        var lines = File.ReadAllLines(source).ToList();
        var at = lines.IndexOf("### -PassThru");
        lines.Insert(at, "### -Forse\nForces.\n");
        File.WriteAllLines(source, lines);
        File.WriteAllText(Path.Combine(_docs, "Get-TwThing.md"), "# Get-TwThing\n");
        File.AppendAllText(Path.Combine(_docs, HelpBuild.SharedParametersFile), "\n### -Retries\nHow often.\n");
        var sharedLine = File.ReadAllLines(Path.Combine(_docs, HelpBuild.SharedParametersFile)).ToList().IndexOf("### -Retries") + 1;

        var problems = HelpBuild.Run(_docs, _module, "TwTools.PowerShell.dll").Select(p => $"{Path.GetFileName(p.File)}:{p.Line}: {p.Message}").ToList();

        Assert.Equal(
            [
                $"SharedParameters.md:{sharedLine}: PARAMETERS: no cmdlet of the module has -Retries",
                $"Set-TwPolicy.md:{at + 1}: PARAMETERS: -Forse is not a parameter of Set-TwPolicy; it has -Path, -PassThru, -FailOnOverride, -Force, -HostFiles, -LockTimeoutSeconds, -HostName, -Session, -NetworkNamespace, -ProcessId, -Container, -AllNetworkNamespaces, -SshOption, -IdentityFile, -SshConfigFile, -UseSudo, -AcceptNewHostKey, -ThrottleLimit, -TimeoutSeconds",
                "Get-TwThing.md:1: 'Get-TwThing' is neither a cmdlet of the module (ConvertTo-TwPrometheus, Export-TwPrometheus, Get-TcpSocketState, Get-TwKernelPolicy, Remove-TwPolicy, Set-TwPolicy, Test-PortExhaustion, Test-TwPolicy) nor an about_ topic",
            ],
            problems);
        Assert.False(Directory.Exists(Path.Combine(_module, HelpBuild.Culture)));
    }

    [Fact]
    public void The_tool_exits_1_with_compiler_style_errors_that_MSBuild_shows_at_the_source_line()
    {
        File.WriteAllText(Path.Combine(_docs, "about_TwTools.md"), "# about_TwTools\n\n## Long description\nNo short one.\n");
        var (exitCode, errors) = RunTool(_docs, _module);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{Path.Combine(_docs, "about_TwTools.md")}(3): error TWHELP: expected '## Short description' here (an about topic starts with a short and a long description)\n", errors);
        Assert.False(Directory.Exists(Path.Combine(_module, HelpBuild.Culture)));
    }

    [Fact]
    public void The_tool_exits_2_naming_what_it_needs_when_the_docs_or_the_assembly_are_missing()
    {
        var (exitCode, errors) = RunTool(Path.Combine(_root, "no-docs"), _module);
        Assert.Equal(2, exitCode);
        Assert.Contains("no-docs", errors);
        Assert.False(Directory.Exists(Path.Combine(_module, HelpBuild.Culture)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int ExitCode, string Errors) RunTool(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "TwTools.HelpBuilder.dll")))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }

    private static string Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
