using System.Management.Automation.Remoting;
using System.Management.Automation.Runspaces;
using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;
using TwTools.Engine.Text;

namespace TwTools.PowerShell.Hosting;

/// <summary>
/// The PowerShell remoting carrier: the same generated sh program, piped to sh on the session's host.
/// The host needs pwsh for the session itself, nothing else of TwTools. A session that is closed,
/// broken or breaks mid-call is that host's connection error, never a hang.
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
        if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened)
        {
            throw Unavailable($"the session (Id {session.Id}) is {session.Runspace.RunspaceStateInfo.State}; open a new one with New-PSSession");
        }

        // Not disposed when abandoned: Dispose stops a running pipeline and would wait on the dead session.
        var shell = System.Management.Automation.PowerShell.Create();
        var abandoned = false;
        shell.Runspace = session.Runspace;
        shell.AddScript(Script).AddArgument(program).AddArgument(elevate);

        PSObject? answer;
        try
        {
            // Waited for here rather than in Invoke, so a deadline or Ctrl+C returns at once even when the
            // session never answers; BeginStop, not Stop, because a dead session may never confirm a stop.
            var pending = shell.BeginInvoke();
            if (WaitHandle.WaitAny([pending.AsyncWaitHandle, cancellation.WaitHandle]) == 1)
            {
                abandoned = true;
                shell.BeginStop(null, null);
                cancellation.ThrowIfCancellationRequested();
            }

            answer = shell.EndInvoke(pending).FirstOrDefault();
            cancellation.ThrowIfCancellationRequested();
            if (answer is null)
            {
                var reason = shell.Streams.Error.FirstOrDefault()?.ToString() ?? "the session returned nothing";
                return new TransportResult(255, string.Empty, reason);
            }
        }
        catch (Exception e) when (e is PSRemotingTransportException or InvalidRunspaceStateException or InvalidRunspacePoolStateException or PipelineStoppedException)
        {
            cancellation.ThrowIfCancellationRequested();
            throw Unavailable($"the session (Id {session.Id}) failed: {e.Message}");
        }
        finally
        {
            if (!abandoned)
            {
                shell.Dispose();
            }
        }

        return new TransportResult(
            Convert.ToInt32(answer.Properties["ExitCode"].Value ?? 0, System.Globalization.CultureInfo.InvariantCulture),
            answer.Properties["Out"].Value as string ?? string.Empty,
            answer.Properties["Err"].Value as string ?? string.Empty);
    }

    private TwOperationException Unavailable(string reason) =>
        new(TwDiagnostic.Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError, $"{HostName}: {PrintableText.Of(reason, 400)}") with { Target = HostName });
}
