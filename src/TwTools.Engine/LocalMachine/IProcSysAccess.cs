namespace TwTools.Engine.LocalMachine;

/// <summary>
/// The raw file operations behind /proc/sys writes, returning errno so callers can tell read-only,
/// missing and forbidden apart. Tests wrap it to inject a failure at a chosen write.
/// </summary>
internal interface IProcSysAccess
{
    /// <summary>0 when the file could be opened for writing, else the errno access(2) gives.</summary>
    int CheckWritable(string path);

    /// <summary>0 on success, else the errno of open(2) or write(2).</summary>
    int Write(string path, string value);

    string? Read(string path);
}
