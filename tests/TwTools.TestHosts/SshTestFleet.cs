namespace TwTools.TestHosts;

/// <summary>
/// A controller and N <see cref="SshTestHost"/>s, each in its own network namespace, joined by a bridge
/// that lives in a namespace of its own: no packet and no address ever touches the machine's own
/// namespace. The controller's ssh uses its own key, known_hosts, config and control directory.
/// Dispose stops every sshd and shared ssh connection and removes every namespace and file.
/// </summary>
public sealed class SshTestFleet : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];
    private readonly List<SshTestHost> _hosts = [];

    public SshTestFleet(int hostCount, bool knownHosts = true)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-ssh-" + _id)).FullName;
        Bridge = "twt-" + _id + "-br";
        Controller = "twt-" + _id + "-ctl";
        try
        {
            Shell.Check("ip", "netns", "add", Bridge);
            Shell.Check("ip", "netns", "add", Controller);
            Shell.Check("ip", "-n", Bridge, "link", "add", "br0", "type", "bridge");
            Shell.Check("ip", "-n", Bridge, "link", "set", "br0", "up");
            Attach(Controller, "ctl", "10.79.0.2");
            Shell.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "twtools-test", "-f", IdentityFile);
            File.WriteAllText(ConfigFile, $"UserKnownHostsFile {KnownHostsFile}\nGlobalKnownHostsFile /dev/null\nIdentitiesOnly yes\n");
            for (var i = 0; i < hostCount; i++)
            {
                var ns = new TestNamespace();
                var address = $"10.79.{10 + i / 200}.{10 + i % 200}";
                Attach(ns.Name, "h" + i, address);
                var host = new SshTestHost(ns, address, Path.Combine(Directory, "h" + i), IdentityFile + ".pub");
                _hosts.Add(host);
                host.Start();
            }

            File.WriteAllLines(KnownHostsFile, knownHosts ? _hosts.Select(h => h.KnownHostsLine) : []);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<SshTestHost> Hosts => _hosts;

    public string Directory { get; }

    public string Bridge { get; }

    public string Controller { get; }

    public string IdentityFile => Path.Combine(Directory, "id_ed25519");

    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    public string ConfigFile => Path.Combine(Directory, "ssh_config");

    public string ControlDirectory => Path.Combine(Directory, "cp");

    /// <summary>A command run in the controller namespace, with TwTools' ssh control directory set to this fleet's.</summary>
    public ProcessResult RunInController(IEnumerable<string> command, TimeSpan timeout) =>
        Shell.Run("ip", ["netns", "exec", Controller, "env", "TWTOOLS_SSH_CONTROL_DIR=" + ControlDirectory, .. command], timeout);

    /// <summary>--host arguments for the given hosts (all by default), as root.</summary>
    public string[] HostArguments(IEnumerable<SshTestHost>? hosts = null, string user = "root") =>
        (hosts ?? _hosts).SelectMany(h => new[] { "--host", $"{user}@{h.Address}" }).ToArray();

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        // Shared connections outlive a run by design; a test's must not outlive the test.
        Shell.Run("pkill", "-f", "ssh: " + ControlDirectory + "/");
        foreach (var ns in new[] { Controller, Bridge })
        {
            Shell.Run("ip", "netns", "del", ns);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private void Attach(string ns, string port, string address)
    {
        Shell.Check("ip", "-n", Bridge, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Shell.Check("ip", "-n", Bridge, "link", "set", port, "master", "br0", "up");
        Shell.Check("ip", "-n", ns, "link", "set", "lo", "up");
        Shell.Check("ip", "-n", ns, "addr", "add", address + "/16", "dev", "eth0");
        Shell.Check("ip", "-n", ns, "link", "set", "eth0", "up");
    }
}
