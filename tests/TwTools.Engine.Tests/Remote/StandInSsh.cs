using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>
/// A stand-in for the ssh client in a directory of the test's own: it ignores its arguments, appends its
/// pid to <see cref="Starts"/> (exec keeps the pid, so that is the host's sh when the body execs one) and
/// runs the body. The carrier around it is the real <see cref="OpenSshTransport"/>.
/// </summary>
internal sealed class StandInSsh(string directory)
{
    public string Starts => Path.Combine(directory, "starts");

    /// <summary>The pids of every start so far, oldest first.</summary>
    public string[] Started => File.Exists(Starts) ? File.ReadAllLines(Starts) : [];

    public OpenSshTransport Transport(string body, string hostName = "h", int maxChars = 1 << 20)
    {
        var program = Path.Combine(directory, "ssh");
        var script = $"#!/bin/sh\necho $$ >> '{Starts}'\n{body}\n";
        if (!File.Exists(program) || File.ReadAllText(program) != script)
        {
            // Written by a child process: had this process held the file open for writing, a fork on another
            // test's thread could carry that descriptor to its exec, and starting the script would fail
            // with "Text file busy".
            var writer = new System.Diagnostics.ProcessStartInfo("sh") { ArgumentList = { "-c", "rm -f \"$2\" && printf '%s' \"$1\" > \"$2\" && chmod 500 \"$2\"", "sh", script, program } };
            using var write = System.Diagnostics.Process.Start(writer)!;
            write.WaitForExit();
        }

        return new OpenSshTransport(HostAddress.Parse(hostName), new SshSettings { Program = program, ControlPersistSeconds = 0, MaxAnswerChars = maxChars });
    }
}
