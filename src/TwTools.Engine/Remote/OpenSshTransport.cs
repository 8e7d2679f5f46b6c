using System.Diagnostics;
using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
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
            var directory = PrivateControlDirectory(_settings.ControlDirectory ?? SshSettings.DefaultControlDirectory());
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
        // sudo answers in the host's language (ssh forwards LANG): "Ein Passwort ist notwendig" must still read as a password prompt.
        arguments.AddRange(elevate ? ["exec", "env", "LC_ALL=C", "sudo", "-n", "sh"] : ["exec", "sh"]);
        return arguments;
    }

    /// <summary>
    /// ssh's mux client trusts any socket it finds at the control path, and the name is a predictable hash: a socket
    /// another local user planted there would carry this run to a host of their choosing. So the directory (and each
    /// one made for it) is 0700 and the user's, as OpenSSH insists for ~/.ssh; ssh is given the real path, so a link
    /// swapped after the check changes nothing.
    /// </summary>
    private string PrivateControlDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return directory;
        }

        string? problem;
        string real;
        try
        {
            if (PathStatus.Of(directory) is null)
            {
                TrustedDirectory.Create(directory, 0x1C0); // 0700
            }

            problem = TrustedDirectory.Problem(directory, TrustedDirectory.EffectiveUser, privateToUser: true, out real);
        }
        catch (IOException e)
        {
            problem = e.Message;
            real = directory;
        }

        return problem is null ? real : throw new TwOperationException(TwDiagnostic.BadInput(
            TwErrorIds.Input.UnsafeControlDirectory,
            TwErrorCategory.SecurityError,
            $"the ssh control directory {PrintableText.Of(directory, 300)} cannot be used: {PrintableText.Of(problem, 400)}. ssh shares each host's connection " +
            $"through a socket there, and one that another user put there would take this run to a host of their choosing. Use a directory " +
            $"that is yours and mode 0700 (chmod 700 it, or remove it and TwTools makes it), or set {SshSettings.ControlDirectoryVariable} to one.")
            with { Target = HostName });
    }
}
