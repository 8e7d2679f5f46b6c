namespace TwTools.TestHosts;

/// <summary>
/// A test host: a network namespace with its own TIME_WAIT sysctls, and through /etc/netns/NAME its
/// own /etc/sysctl.d and /etc/sysctl.conf (ip netns exec overlays them onto /etc). Nothing outside
/// the namespace and its /etc/netns folder is touched, and both are removed on dispose.
/// </summary>
public sealed class TestNamespace : IDisposable
{
    /// <summary>The keys TwTools' catalog covers, spelled out here so tests do not trust the engine's own list.</summary>
    public static readonly string[] CatalogKeys =
    {
        "net.ipv4.tcp_timestamps", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.tcp_tw_recycle",
        "net.ipv4.ip_local_port_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_max_tw_buckets", "net.ipv4.ip_autobind_reuse",
    };

    public TestNamespace()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("Integration tests create network namespaces and need root (CI runs as root).");
        }

        Name = "twt-" + Guid.NewGuid().ToString("N")[..10];
        Shell.Check("ip", "netns", "add", Name);
        EtcDirectory = Path.Combine("/etc/netns", Name);
        Directory.CreateDirectory(SysctlD);

        // An empty sysctl.conf of its own so the machine's file cannot leak into precedence checks.
        File.WriteAllText(Path.Combine(EtcDirectory, "sysctl.conf"), string.Empty);
    }

    public string Name { get; }

    public string EtcDirectory { get; }

    /// <summary>What the namespace sees as /etc/sysctl.d.</summary>
    public string SysctlD => Path.Combine(EtcDirectory, "sysctl.d");

    public string SysctlConf => Path.Combine(EtcDirectory, "sysctl.conf");

    public ProcessResult Exec(params string[] command) => Shell.Run("ip", new[] { "netns", "exec", Name }.Concat(command));

    public string Get(string key) => Shell.Check("ip", "netns", "exec", Name, "cat", "/proc/sys/" + key.Replace('.', '/')).TrimEnd('\n');

    public void Set(string key, string value) =>
        Shell.Check("ip", "netns", "exec", Name, "sysctl", "-q", "-w", $"{key}={value}");

    /// <summary>Every catalog key's value in the namespace, to prove which ones an operation changed.</summary>
    public Dictionary<string, string> Values() => CatalogKeys
        .Where(k => k != "net.ipv4.tcp_tw_recycle" || File.Exists("/proc/sys/net/ipv4/tcp_tw_recycle"))
        .ToDictionary(k => k, Get);

    /// <summary>The namespace's /etc files, byte for byte.</summary>
    public Dictionary<string, string> EtcFiles() =>
        Directory.EnumerateFiles(EtcDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(EtcDirectory, f), File.ReadAllText);

    /// <summary>
    /// Holds the apply lock (an flock on /proc/sys/net/ipv4, as every apply takes) for some seconds from
    /// another process; returns once it is really held, with the task that ends when it is let go.
    /// </summary>
    public async Task<Task> HoldApplyLockAsync(int seconds)
    {
        var marker = Path.Combine(Path.GetTempPath(), "twtools-lock-" + Name);
        var holder = Task.Run(() =>
        {
            Exec("flock", "/proc/sys/net/ipv4", "sh", "-c", $"touch {marker}; sleep {seconds}");
            File.Delete(marker);
        });

        // A fixed sleep loses the race on a busy machine; wait for the holder to say so.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(marker) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return File.Exists(marker) ? holder : throw new TimeoutException("the lock holder never started");
    }

    public void Dispose()
    {
        Shell.Run("ip", "netns", "del", Name);
        if (Directory.Exists(EtcDirectory))
        {
            Directory.Delete(EtcDirectory, recursive: true);
        }
    }
}
