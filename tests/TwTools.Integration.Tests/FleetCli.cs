namespace TwTools.Integration.Tests;

public static class FleetCli
{
    /// <summary>twtools run in the controller namespace with this fleet's ssh identity, config and control directory.</summary>
    public static ProcessResult Twtools(this SshTestFleet fleet, params string[] arguments) =>
        fleet.RunInController(Cli.Command([.. arguments, "--ssh-config", fleet.ConfigFile, "--identity-file", fleet.IdentityFile]), TimeSpan.FromSeconds(120));
}
