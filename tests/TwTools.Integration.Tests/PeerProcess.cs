using System.Diagnostics;

namespace TwTools.Integration.Tests;

/// <summary>A TestPeer server or client left running inside a namespace; stopped (stdin closed, then killed) on dispose.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;

    private PeerProcess(Process process) => _process = process;

    public static string PeerDll => Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll");

    public static PeerProcess Start(TestNamespace ns, bool waitForReady, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", ns.Name, "dotnet", PeerDll }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var peer = new PeerProcess(Process.Start(info)!);
        if (waitForReady)
        {
            var line = peer._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            if (line != "ready")
            {
                peer.Dispose();
                throw new InvalidOperationException($"peer {string.Join(' ', arguments)} did not start: {line} {peer._process.StandardError.ReadToEnd()}");
            }
        }

        return peer;
    }

    /// <summary>Runs a peer command to completion in a namespace.</summary>
    public static ProcessResult Run(TestNamespace ns, params string[] arguments) =>
        ns.Exec(new[] { "dotnet", PeerDll }.Concat(arguments).ToArray());

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
