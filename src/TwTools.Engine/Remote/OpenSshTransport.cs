using System.Diagnostics;
using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// Runs a program on a host with the system ssh client, as PowerShell's SSH remoting and Ansible do:
/// the user's keys, agent, config and known_hosts apply unchanged. Arguments go to ssh as a list,
/// never through a local shell, and every user-supplied piece was validated before it got here.
/// </summary>
public sealed class OpenSshTransport : IHostTransport
{
    private readonly HostAddress _address;
    private readonly SshSettings _settings;
    private readonly IReadOnlyList<string> _options;

    public OpenSshTransport(HostAddress address, SshSettings settings)
    {
        _address = address;
        _settings = settings;
        _options = settings.Options.Select(SshOptionPolicy.Validate).ToList();
    }

    public string HostName => _address.ToString();

    public TransportResult Run(string program, bool elevate, CancellationToken cancellation)
    {
        using var conversation = Converse(elevate);
        return conversation.Finish(program, cancellation);
    }

    /// <summary>One ssh process for every program of the conversation, so the host starts one session and one sh for all of them.</summary>
    public IHostConversation Converse(bool elevate)
    {
        var info = new ProcessStartInfo(_settings.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(elevate))
        {
            info.ArgumentList.Add(argument);
        }

        return new SshConversation(Start(info), HostName, _settings.MaxAnswerChars);
    }

    private Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError,
                $"{HostName}: cannot start the ssh client '{PrintableText.Of(_settings.Program, 200)}': {e.Message}") with { Target = HostName });
        }
    }

    /// <summary>The ssh command line, for tests and <c>-Verbose</c>.</summary>
    public IReadOnlyList<string> Arguments(bool elevate)
    {
        var arguments = new List<string>
        {
            "-T", "-x", "-a",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=" + (_settings.AcceptNewHostKey ? "accept-new" : "yes"),
            "-o", "ConnectTimeout=" + _settings.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "-o", "ClearAllForwardings=yes",
        };
        if (_settings.ControlPersistSeconds > 0)
        {
            var directory = _settings.ControlDirectory ?? SshSettings.DefaultControlDirectory();
            EnsurePrivateDirectory(directory);
            arguments.AddRange([
                "-o", "ControlMaster=auto",
                "-o", "ControlPath=" + Path.Combine(directory, "%C"),
                "-o", "ControlPersist=" + _settings.ControlPersistSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        if (_settings.ConfigFile is { } config)
        {
            arguments.AddRange(["-F", config]);
        }

        if (_settings.IdentityFile is { } identity)
        {
            arguments.AddRange(["-i", identity]);
        }

        if (_address.Port is { } port)
        {
            arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (_address.User is { } user)
        {
            arguments.AddRange(["-l", user]);
        }

        foreach (var option in _options)
        {
            arguments.AddRange(["-o", option]);
        }

        // After the user's options, because ssh keeps the first value it is given: a dead link is noticed
        // within 45 s unless the user chose otherwise; the per-round-trip deadline covers the rest.
        arguments.AddRange(["-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"]);

        // "--" ends ssh's options: whatever follows is the destination, never a flag.
        arguments.AddRange(["--", _address.Host]);
        // exec: the login shell becomes sh (or sudo) instead of waiting beside it, one process less a host.
        arguments.AddRange(elevate ? ["exec", "sudo", "-n", "sh"] : ["exec", "sh"]);
        return arguments;
    }

    private static void EnsurePrivateDirectory(string directory)
    {
        // Others must not reach the sockets: anyone who can connect to one runs commands as this user there.
        if (!Directory.Exists(directory) && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
