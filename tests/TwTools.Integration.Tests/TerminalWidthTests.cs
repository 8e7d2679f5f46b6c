namespace TwTools.Integration.Tests;

/// <summary>
/// Every table fits the terminal it is printed on: run in a real pseudo-terminal (script(1)) of 80 and 120 columns,
/// no line of twtools' output is wider; piped, or with --wide, long text keeps its whole line.
/// </summary>
public class TerminalWidthTests
{
    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // The command in a pty of the given width; script(1) returns what the terminal showed.
    private static string[] OnTerminal(TestNamespace ns, int columns, params string[] arguments)
    {
        var command = string.Join(' ', Cli.Command(arguments).Select(Quoted));
        var result = ns.Exec("script", "-q", "-e", "-c", $"stty cols {columns} rows 50; exec {command}", "/dev/null");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        // What the terminal shows: the runtime's own terminal set-up sequences (keypad mode) take no columns.
        var shown = System.Text.RegularExpressions.Regex.Replace(result.StdOut, @"\x1b(\[[?0-9;]*[A-Za-z]|[=>])", string.Empty);
        return shown.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static TheoryData<int, string[]> Commands() => new()
    {
        { 80, ["kernel"] }, { 120, ["kernel"] },
        { 80, ["test", "--policy", "busy-client"] }, { 120, ["test", "--policy", "busy-client"] },
        { 80, ["apply", "--policy", "busy-client", "--what-if"] },
        { 80, ["exhaustion"] }, { 120, ["exhaustion"] },
        { 80, ["sockets", "--summary"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void No_line_is_wider_than_the_terminal(int columns, string[] arguments)
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40001");

        var lines = OnTerminal(ns, columns, arguments);

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} > {columns}: {line}"));
    }

    [Fact]
    public void Piped_or_with_wide_a_meaning_keeps_its_whole_line()
    {
        using var ns = new TestNamespace();

        var piped = ns.Exec(Cli.Command("kernel")).StdOut.Split('\n');
        var wide = OnTerminal(ns, 80, "kernel", "--wide");

        Assert.Contains(piped, line => line.Length > 120 && line.StartsWith("net.ipv4.tcp_tw_reuse ", StringComparison.Ordinal));
        Assert.Contains(wide, line => line.Length > 120 && line.StartsWith("net.ipv4.tcp_tw_reuse ", StringComparison.Ordinal));
    }
}
