using System.Management.Automation.Runspaces;
using TwTools.Engine.Remote;

namespace TwTools.PowerShell.Hosting;

/// <summary>
/// The PowerShell remoting carrier: the same generated sh program, piped to sh on the session's host.
/// The host needs pwsh for the session itself, nothing else of TwTools.
/// </summary>
internal sealed class PSSessionTransport(PSSession session) : IHostTransport
{
    // Stderr goes to a file so sudo's and sh's messages come back apart from the answer.
    private const string Script = """
        param([string] $Program, [bool] $Elevate)
        $errFile = [System.IO.Path]::GetTempFileName()
        try {
            $out = if ($Elevate) { $Program | sudo -n sh 2> $errFile } else { $Program | sh 2> $errFile }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Out = (@($out) -join "`n") + "`n"; Err = [System.IO.File]::ReadAllText($errFile) }
        } finally {
            Remove-Item -LiteralPath $errFile -ErrorAction SilentlyContinue
        }
        """;

    public string HostName => session.ComputerName;

    public TransportResult Run(string program, bool elevate, CancellationToken cancellation)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddScript(Script).AddArgument(program).AddArgument(elevate);
        using var stop = cancellation.Register(() => shell.Stop());
        var answer = shell.Invoke().FirstOrDefault();
        cancellation.ThrowIfCancellationRequested();
        if (answer is null)
        {
            var reason = shell.Streams.Error.FirstOrDefault()?.ToString() ?? "the session returned nothing";
            return new TransportResult(255, string.Empty, reason);
        }

        return new TransportResult(
            Convert.ToInt32(answer.Properties["ExitCode"].Value ?? 0, System.Globalization.CultureInfo.InvariantCulture),
            answer.Properties["Out"].Value as string ?? string.Empty,
            answer.Properties["Err"].Value as string ?? string.Empty);
    }
}
