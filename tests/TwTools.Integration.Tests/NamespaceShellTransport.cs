using TwTools.Engine.Remote;

namespace TwTools.Integration.Tests;

/// <summary>
/// Runs generated programs with sh inside a test namespace, optionally after a setup command in a
/// private mount namespace (a read-only /proc/sys, say): the remote programs on a real kernel without
/// the ssh carrier. <see cref="BeforeApply"/> lets a test change the host between the read and the apply.
/// </summary>
public sealed class NamespaceShellTransport(TestNamespace ns, string? setup = null) : IHostTransport
{
    public string HostName => ns.Name;

    public Action? BeforeApply { get; set; }

    public TransportResult Run(string program, bool elevate, CancellationToken cancellation)
    {
        if (program.Contains(ApplyProgram.Header, StringComparison.Ordinal))
        {
            BeforeApply?.Invoke();
        }

        var input = Path.GetTempFileName();
        File.WriteAllText(input, program);
        try
        {
            var shell = setup is null ? $"exec sh < '{input}'" : $"{setup} && exec sh < '{input}'";
            var result = ns.Exec("unshare", "--mount", "--propagation", "private", "sh", "-c", shell);
            return new TransportResult(result.ExitCode, result.StdOut, result.StdErr);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
