using TwTools.HelpBuilder.Checks;

namespace TwTools.Module.Tests.HelpBuilder;

public sealed class ExampleScannerTests
{
    private static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Set-TwPolicy", "Get-TcpSocketState" };

    private static IEnumerable<(string, string, int)> Uses(string code) =>
        ExampleScanner.Scan(code, Commands).Select(u => (u.Command, u.Parameter, u.LineOffset));

    [Fact]
    public void Parameters_belong_to_the_command_of_their_pipeline_element()
    {
        Assert.Equal(
            [("Get-TcpSocketState", "State", 0), ("Set-TwPolicy", "Path", 0), ("Set-TwPolicy", "WhatIf", 0)],
            Uses("Get-TcpSocketState -State TimeWait | Where-Object State -eq 'x' | Set-TwPolicy -Path p -WhatIf:$true"));
    }

    [Fact]
    public void Strings_comments_and_nested_commands_are_not_the_command_s_parameters()
    {
        Assert.Equal(
            [("Set-TwPolicy", "HostName", 0), ("Set-TwPolicy", "UseSudo", 0)],
            Uses("Set-TwPolicy 'a -Fake' -HostName (Get-Content -Raw x) -UseSudo # -Comment\nWrite-Host \"-NotThis `\" -Nor\""));
        Assert.Equal([("Get-TcpSocketState", "Summary", 0)], Uses("Invoke-Command { Get-TcpSocketState -Summary } -ThrottleLimit 3"));
    }

    [Fact]
    public void Backtick_continuations_and_trailing_pipes_keep_line_offsets()
    {
        Assert.Equal(
            [("Set-TwPolicy", "Path", 0), ("Set-TwPolicy", "PassThru", 1), ("Get-TcpSocketState", "State", 4)],
            Uses("Set-TwPolicy -Path x `\n    -PassThru\n\nGet-Content h |\n  Get-TcpSocketState -State Listen"));
    }

    [Fact]
    public void Runs_sees_a_command_only_outside_strings()
    {
        Assert.True(ExampleScanner.Runs("It 'x' { Set-TwPolicy -Path p }", "Set-TwPolicy"));
        Assert.False(ExampleScanner.Runs("Write-Host 'Set-TwPolicy' # Set-TwPolicy", "Set-TwPolicy"));
    }
}
