using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Tests.Planning;

/// <summary>Real file access whose kernel, for one file, takes a write without an error but holds another value (as a clamp would).</summary>
internal sealed class AlteringProcSysAccess(string file, string held) : IProcSysAccess
{
    private readonly LibcProcSysAccess _inner = new();

    public int CheckWritable(string path) => _inner.CheckWritable(path);

    public int Write(string path, string value) =>
        _inner.Write(path, path.EndsWith(file, StringComparison.Ordinal) && value != "60" ? held : value);

    public string? Read(string path) => _inner.Read(path);
}
