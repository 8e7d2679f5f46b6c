using System.IO.Compression;
using System.Management.Automation.Remoting;
using System.Text;
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
    // sh's output goes back gzipped as bytes, not as lines: PowerShell would otherwise split a host's
    // sockets into thousands of strings on the host and serialize megabytes of text, where the compressed
    // answer is a tenth of that. Only .NET is needed on the host's side, never gzip. The program is
    // written whole before sh's output is read: programs are a few KiB, far under a pipe's buffer.
    private const string Script = """
        param([string] $Program, [bool] $Elevate)
        $info = [System.Diagnostics.ProcessStartInfo]::new($(if ($Elevate) { 'sudo' } else { 'sh' }))
        if ($Elevate) { $info.ArgumentList.Add('-n'); $info.ArgumentList.Add('sh') }
        # sudo answers in the session's language; its refusal must read the same everywhere.
        $info.Environment['LC_ALL'] = 'C'
        $info.RedirectStandardInput = $info.RedirectStandardOutput = $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $err = $process.StandardError.ReadToEndAsync()
        $process.StandardInput.Write($Program)
        $process.StandardInput.Close()
        $packed = [System.IO.MemoryStream]::new()
        $zip = [System.IO.Compression.GZipStream]::new($packed, [System.IO.Compression.CompressionLevel]::Fastest, $true)
        $process.StandardOutput.BaseStream.CopyTo($zip)
        $zip.Dispose()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Out = $packed.ToArray(); Err = $err.Result }
        """;

    /// <summary>The most an answer may unpack to: what the ssh carrier allows (<see cref="SshSettings.MaxAnswerChars"/>).</summary>
    private static readonly int MaxAnswerBytes = new SshSettings().MaxAnswerChars;

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
            answer.Properties["ExitCode"]?.Value is int code ? code : 255,
            // Whatever else a broken host's side returns is no answer, which the header check then names.
            Unpack(answer.Properties["Out"]?.Value is { } packed ? PSObject.AsPSObject(packed).BaseObject as byte[] : null),
            answer.Properties["Err"]?.Value as string ?? string.Empty);
    }

    // A host could send a small answer that unpacks without end: it is cut at the cap, as ssh's is.
    private string Unpack(byte[]? packed)
    {
        if (packed is null || packed.Length == 0)
        {
            return string.Empty;
        }

        using var zip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var text = new MemoryStream();
        var buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = zip.Read(buffer)) > 0)
            {
                if (text.Length + read > MaxAnswerBytes)
                {
                    throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.AnswerTooLarge, TwErrorCategory.LimitsExceeded,
                        $"{HostName}: the answer passed {MaxAnswerBytes >> 20} MiB, far more than any host's settings and sockets take; a host that answers like this is broken or hostile") with { Target = HostName });
                }

                text.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.ProtocolError, TwErrorCategory.InvalidData,
                $"{HostName}: the session's answer is not the gzip stream TwTools asked for ({e.Message})") with { Target = HostName });
        }

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }

    private TwOperationException Unavailable(string reason) =>
        new(TwDiagnostic.Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError, $"{HostName}: {PrintableText.Of(reason, 400)}") with { Target = HostName });
}
