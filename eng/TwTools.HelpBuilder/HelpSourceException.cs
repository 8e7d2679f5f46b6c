namespace TwTools.HelpBuilder;

/// <summary>
/// A help source that cannot become help, at a line of a file. The reader knows the line; the build
/// adds the file, so the message reads "docs/help/Set-TwPolicy.md:42: PARAMETERS: …" like a compiler's.
/// </summary>
public sealed class HelpSourceException : Exception
{
    public HelpSourceException(int line, string message, string? file = null)
        : base(message)
    {
        Line = line;
        File = file;
    }

    public int Line { get; }

    public string? File { get; }

    public HelpSourceException InFile(string file) => new(Line, Message, file);

    public override string ToString() => $"{File ?? "(help source)"}:{Line}: {Message}";
}
