using System.Diagnostics;

namespace TwTools.TestHosts;

/// <summary>
/// A dockerd of the test's own (its own data and exec roots and socket) that leaves the machine's network alone: no
/// bridge, no iptables, no forwarding; its containers run with --network none. Stopped and removed on dispose.
/// </summary>
public sealed class DockerTestDaemon : IDisposable
{
    private readonly Process _daemon;
    private readonly string _root;

    public DockerTestDaemon()
    {
        // A unix socket path must stay under 108 bytes: a short directory of its own.
        _root = Directory.CreateTempSubdirectory("twt-dk-").FullName;
        Socket = Path.Combine(_root, "docker.sock");
        var info = new ProcessStartInfo("dockerd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--data-root", Path.Combine(_root, "data"), "--exec-root", Path.Combine(_root, "exec"), "--pidfile", Path.Combine(_root, "pid"),
            "-H", "unix://" + Socket, "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false",
        })
        {
            info.ArgumentList.Add(argument);
        }

        _daemon = Process.Start(info)!;
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Shell.Run(Cli, ["version"], TimeSpan.FromSeconds(30), Environment).ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline || _daemon.HasExited)
            {
                Dispose();
                throw new InvalidOperationException("dockerd did not start");
            }

            Thread.Sleep(200);
        }

        ContainerImage.Ensure(Cli, ContainerImage.DockerName, Environment);
    }

    /// <summary>Debian's docker client, which speaks this dockerd's API version.</summary>
    public static string Cli => File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

    public string Socket { get; }

    /// <summary>What twtools needs to ask this daemon: DOCKER_HOST.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["DOCKER_HOST"] = "unix://" + Socket };

    /// <summary>Starts a container with --network none; returns its full id.</summary>
    public string Run(string name, IEnumerable<string> options, params string[] command)
    {
        var result = Shell.Run(Cli, ["run", "-d", "--name", name, "--network", "none", .. options, ContainerImage.DockerName, .. command], TimeSpan.FromSeconds(120), Environment);
        return result.ExitCode == 0 ? result.StdOut.Trim() : throw new InvalidOperationException($"docker run failed: {result}");
    }

    public void Dispose()
    {
        var ids = Shell.Run(Cli, ["ps", "-aq"], TimeSpan.FromSeconds(30), Environment).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            Shell.Run(Cli, ["rm", "-f", .. ids], TimeSpan.FromSeconds(120), Environment);
        }

        // SIGTERM: dockerd then stops the containerd it started; a SIGKILL would leave that running.
        if (!_daemon.HasExited)
        {
            Shell.Run("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!_daemon.WaitForExit(30_000))
            {
                _daemon.Kill(entireProcessTree: true);
                _daemon.WaitForExit(10_000);
            }
        }

        _daemon.Dispose();
        Shell.Run("umount", ["-R", Path.Combine(_root, "exec")]);
        Shell.Run("rm", ["-rf", _root]);
    }
}
