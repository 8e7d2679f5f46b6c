using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Tests.Planning;

/// <summary>Real file access that fails one chosen write with a chosen errno, to exercise rollback.</summary>
internal sealed class FailingProcSysAccess : IProcSysAccess
{
    private readonly LibcProcSysAccess _inner = new();
    private readonly string _failingFile;
    private readonly int _errno;

    public FailingProcSysAccess(string failingFile, int errno)
    {
        _failingFile = failingFile;
        _errno = errno;
    }

    public int Writes { get; private set; }

    public int CheckWritable(string path) => _inner.CheckWritable(path);

    public int Write(string path, string value)
    {
        Writes++;
        return path.EndsWith(_failingFile, StringComparison.Ordinal) ? _errno : _inner.Write(path, value);
    }

    public string? Read(string path) => _inner.Read(path);
}
