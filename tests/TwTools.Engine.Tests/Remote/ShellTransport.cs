using System.Diagnostics;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>Runs a generated program with this machine's /bin/sh (dash on Debian): the carrier without ssh.</summary>
internal sealed class ShellTransport(string hostName = "shell") : IHostTransport
{
    public string HostName => hostName;

    public TransportResult Run(string program, bool elevate, CancellationToken cancellation)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        process.StandardInput.Write(program);
        process.StandardInput.Close();
        process.WaitForExit();
        return new TransportResult(process.ExitCode, output.Result, error.Result);
    }
}
