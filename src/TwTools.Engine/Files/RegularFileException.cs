using TwTools.Engine.Text;

namespace TwTools.Engine.Files;

/// <summary>Why an input file was not read; each reader turns it into its own error id, naming the file.</summary>
public sealed class RegularFileException(string path, RegularFileProblem problem, string reason)
    : Exception($"{PrintableText.Of(path, 300)}: {reason}")
{
    public string Path { get; } = path;

    public RegularFileProblem Problem { get; } = problem;

    /// <summary>Why, without the path: "it is a FIFO, not a regular file".</summary>
    public string Reason { get; } = reason;
}
