namespace TwTools.Engine.Remote;

/// <summary>
/// How TwTools calls the system OpenSSH client. Defaults are the safe ones: host keys checked against
/// known_hosts, never a prompt, and one shared connection per host kept open for a short window so a
/// host authenticates once per run and not again for runs inside the window (Ansible's default too).
/// </summary>
public sealed record SshSettings
{
    /// <summary>The ssh client; tests and unusual installs point it elsewhere.</summary>
    public string Program { get; init; } = "ssh";

    /// <summary><c>ssh -F</c>: the user's own config file; by default ssh reads ~/.ssh/config as usual.</summary>
    public string? ConfigFile { get; init; }

    public string? IdentityFile { get; init; }

    /// <summary><c>-o Name=Value</c> pairs, each checked by <see cref="SshOptionPolicy"/>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Accept and record a host key seen for the first time (StrictHostKeyChecking=accept-new). A changed key is always refused.</summary>
    public bool AcceptNewHostKey { get; init; }

    /// <summary>Where the shared-connection sockets live: a directory only the user can enter (default: <see cref="DefaultControlDirectory"/>).</summary>
    public string? ControlDirectory { get; init; }

    /// <summary>How long a shared connection stays open after the last use; 0 turns sharing off.</summary>
    public int ControlPersistSeconds { get; init; } = 60;

    public int ConnectTimeoutSeconds { get; init; } = 10;

    /// <summary>
    /// The most text one answer may hold: 128 Mi characters, what a host with some 800,000 sockets sends
    /// when its sockets are asked for. A host that sends more is failed, so it cannot exhaust the
    /// controller's memory (the answer is held as text, two bytes a character).
    /// </summary>
    public int MaxAnswerChars { get; init; } = 128 * 1024 * 1024;

    public const string ControlDirectoryVariable = "TWTOOLS_SSH_CONTROL_DIR";

    /// <summary><c>TWTOOLS_SSH_CONTROL_DIR</c>, else $XDG_RUNTIME_DIR/twtools/cp, else ~/.twtools/cp.</summary>
    public static string DefaultControlDirectory()
    {
        if (Environment.GetEnvironmentVariable(ControlDirectoryVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(runtime)
            ? Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".twtools", "cp")
            : Path.Combine(runtime, "twtools", "cp");
    }
}
