namespace TwTools.Cli.Output;

/// <summary>How many columns the terminal stdout writes to has; null when stdout is a pipe or a file.</summary>
internal static class TerminalWidth
{
    public static int? OfStandardOutput() => Console.IsOutputRedirected ? null : Columns();

    /// <summary>The same for stderr, where messages and What-if lines go.</summary>
    public static int? OfStandardError() => Console.IsErrorRedirected ? null : Columns();

    private static int Columns()
    {
        // COLUMNS first, as the shell and ls(1) honour it; then the terminal's own size.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            return Math.Max(40, columns);
        }

        try
        {
            return Console.WindowWidth > 0 ? Math.Max(40, Console.WindowWidth) : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
