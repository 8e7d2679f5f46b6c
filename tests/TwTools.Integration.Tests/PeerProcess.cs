using System.Diagnostics;

namespace TwTools.Integration.Tests;

/// <summary>A TestPeer server or client left running inside a namespace; stopped (stdin closed, then killed) on dispose.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;

    private PeerProcess(Process process) => _process = process;

    public static string PeerDll => Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll");

    /// <summary>The process inside the namespace: ip netns exec execs the command in its own place.</summary>
    public int Pid => _process.Id;

    /// <summary>Any command left running in a namespace, such as a sleep that holds it.</summary>
    /// <remarks>Returns once the process is inside the namespace: ip netns exec enters it only after it has started.</remarks>
    /// <summary>
    /// The peer's "requests" run inside the network namespace file <paramref name="netns"/> (nsenter): each request on a new
    /// connection it closes first, as the source story's client did. Its one-line answer ("ok N", "error X after N").
    /// </summary>
    public static string RequestsFrom(string netns, string host, int port, int count, int intervalMs = 0) =>
        Shell.Run("nsenter", ["--net=" + netns, "dotnet", PeerDll, "requests", host, port.ToString(System.Globalization.CultureInfo.InvariantCulture), count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. intervalMs > 0 ? new[] { "--interval-ms", intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []], TimeSpan.FromSeconds(60)).StdOut.Trim();

    public static PeerProcess StartCommand(TestNamespace ns, params string[] command)
    {
        var peer = new PeerProcess(Launch(ns, command));
        var wanted = TwTools.Engine.Namespaces.NamespaceInode.Of("/run/netns/" + ns.Name);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (TwTools.Engine.Namespaces.NamespaceInode.Of($"/proc/{peer.Pid}/ns/net") != wanted)
        {
            if (DateTime.UtcNow > deadline)
            {
                peer.Dispose();
                throw new TimeoutException($"{string.Join(' ', command)} never entered {ns.Name}");
            }

            Thread.Sleep(10);
        }

        return peer;
    }

    public static PeerProcess Start(TestNamespace ns, bool waitForReady, params string[] arguments)
    {
        var peer = new PeerProcess(Launch(ns, ["dotnet", PeerDll, .. arguments]));
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

    private static Process Launch(TestNamespace ns, IEnumerable<string> command)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", ns.Name }.Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
