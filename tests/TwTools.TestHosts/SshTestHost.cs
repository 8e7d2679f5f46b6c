using System.Diagnostics;

namespace TwTools.TestHosts;

/// <summary>
/// One remote host for tests: a network namespace with its own sysctls and /etc/sysctl.d, running its
/// own sshd (own host key and config, key-only auth) on an address that exists only on the test bridge.
/// Root and the unprivileged user get a clean home and /bin/sh through the namespace's /etc/passwd.
/// </summary>
public sealed class SshTestHost : IDisposable
{
    /// <summary>A user sudo lets run sh without a password.</summary>
    public const string UnprivilegedUser = "twuser";

    /// <summary>A user sudo would ask for a password (which TwTools must never wait for).</summary>
    public const string PasswordSudoUser = "twpwuser";
    private readonly string _directory;
    private Process? _sshd;

    public SshTestHost(TestNamespace ns, string address, string directory, string authorizedKeys)
    {
        Namespace = ns;
        Address = address;
        _directory = Directory.CreateDirectory(directory).FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "root"));
        Directory.CreateDirectory(Path.Combine(_directory, UnprivilegedUser));
        Directory.CreateDirectory(Path.Combine(_directory, PasswordSudoUser));
        Shell.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", address, "-f", HostKeyFile);
        var passwd = File.ReadAllLines("/etc/passwd").Where(l => !l.StartsWith("root:", StringComparison.Ordinal))
            .Prepend($"root:x:0:0:root:{_directory}/root:/bin/sh")
            .Append($"{UnprivilegedUser}:x:4242:4242:TwTools test user:{_directory}/{UnprivilegedUser}:/bin/sh")
            .Append($"{PasswordSudoUser}:x:4243:4243:TwTools test user:{_directory}/{PasswordSudoUser}:/bin/sh");
        File.WriteAllLines(Path.Combine(ns.EtcDirectory, "passwd"), passwd);

        // PAM's account check (which sudo runs even with NOPASSWD) needs the users in shadow too; '*' means no password login.
        var shadow = Path.Combine(ns.EtcDirectory, "shadow");
        File.WriteAllLines(shadow, File.ReadAllLines("/etc/shadow").Append($"{UnprivilegedUser}:*:19000:0:99999:7:::").Append($"{PasswordSudoUser}:*:19000:0:99999:7:::"));
        File.SetUnixFileMode(shadow, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // The namespace's own /etc/sudoers (ip netns exec binds it when sshd starts).
        var sudoers = Path.Combine(ns.EtcDirectory, "sudoers");
        // Root may go through sudo too (a PSSession's -UseSudo is only testable as root here), and sudo logs
        // root's commands so a test can see that it did.
        File.WriteAllText(sudoers, $"Defaults:root logfile={SudoLog}\nroot ALL=(root) NOPASSWD: /bin/sh, /usr/bin/sh\n"
            + $"{UnprivilegedUser} ALL=(root) NOPASSWD: /bin/sh, /usr/bin/sh\n{PasswordSudoUser} ALL=(root) /bin/sh, /usr/bin/sh\n");
        File.SetUnixFileMode(sudoers, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        File.WriteAllText(ConfigFile, $"""
            ListenAddress {address}
            HostKey {HostKeyFile}
            AuthorizedKeysFile {authorizedKeys}
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            StrictModes no
            PidFile none
            MaxStartups 500
            """ + PowerShellSubsystem());
    }

    public TestNamespace Namespace { get; }

    /// <summary>Where sudo logs what root ran through it on this host.</summary>
    public string SudoLog => Path.Combine(_directory, "sudo.log");

    /// <summary>Makes the host reachable by New-PSSession -HostName: sshd starts the pinned pwsh as its powershell subsystem.</summary>
    private string PowerShellSubsystem()
    {
        if (PowerShellTool.Path is not { } pwsh)
        {
            return string.Empty;
        }

        // sshd gives the subsystem a bare environment; the wrapper tells pwsh's apphost where its runtime is.
        var wrapper = Path.Combine(_directory, "pwsh-subsystem");
        var dotnetRoot = Path.GetDirectoryName(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "/usr/share/dotnet/dotnet");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexport DOTNET_ROOT='{dotnetRoot}'\nexec '{pwsh}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"\nSubsystem powershell {wrapper} -sshs -NoLogo\n";
    }

    public string Address { get; }

    public string HostKeyFile => Path.Combine(_directory, "hostkey");

    /// <summary>The line known_hosts needs for this host.</summary>
    public string KnownHostsLine => Address + " " + File.ReadAllText(HostKeyFile + ".pub").Trim();

    private string ConfigFile => Path.Combine(_directory, "sshd_config");

    /// <summary>Starts sshd, optionally after a setup command in a private mount namespace (a read-only /proc/sys, say).</summary>
    public void Start(string? setup = null)
    {
        var sshd = $"exec /usr/sbin/sshd -D -e -f '{ConfigFile}'";
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", Namespace.Name, "unshare", "--mount", "--propagation", "private", "sh", "-c", setup is null ? sshd : $"{setup} && {sshd}" })
        {
            info.ArgumentList.Add(argument);
        }

        _sshd = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var line = _sshd.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            if (line is null)
            {
                throw new InvalidOperationException($"sshd for {Address} exited: {_sshd.StandardError.ReadToEnd()}");
            }

            if (line.Contains("Server listening", StringComparison.Ordinal))
            {
                // Keep draining its log so a chatty sshd never blocks on a full pipe.
                _ = _sshd.StandardError.ReadToEndAsync();
                return;
            }
        }

        throw new TimeoutException($"sshd for {Address} did not start");
    }

    /// <summary>
    /// Makes the host hang instead of refuse: sshd is stopped with SIGSTOP, so the kernel still accepts
    /// connections and nobody ever answers them. Dispose (or <see cref="Stop"/>) lets it go.
    /// </summary>
    public void Freeze() => Shell.Check("kill", "-STOP", _sshd!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Makes the host unreachable the honest way: its sshd stops, the address stays.</summary>
    public void Stop()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit();
        }

        _sshd = null;
    }

    public void Dispose()
    {
        Stop();
        Namespace.Dispose();
    }
}
