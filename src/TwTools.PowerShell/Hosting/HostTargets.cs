using System.Management.Automation.Runspaces;
using TwTools.Engine.Hosts;
using TwTools.Engine.Remote;

namespace TwTools.PowerShell.Hosting;

/// <summary>The hosts one pipeline record names, as engine hosts: ssh hosts by name, PSSessions as they are.</summary>
internal static class HostTargets
{
    /// <summary>Throws for a bad ssh option once, before any host is contacted.</summary>
    public static SshSettings Settings(string[]? sshOptions, string? identityFile, string? configFile, bool acceptNewHostKey)
    {
        var options = sshOptions ?? [];
        foreach (var option in options)
        {
            SshOptionPolicy.Validate(option);
        }

        return new SshSettings { Options = options, IdentityFile = identityFile, ConfigFile = configFile, AcceptNewHostKey = acceptNewHostKey };
    }

    public static IKernelHost Ssh(string name, SshSettings settings, bool useSudo, TimeSpan timeout) =>
        new RemoteKernelHost(new OpenSshTransport(HostAddress.Parse(name), settings), useSudo, timeout);

    public static IKernelHost Session(PSSession session, bool useSudo, TimeSpan timeout) => new RemoteKernelHost(new PSSessionTransport(session), useSudo, timeout);
}
