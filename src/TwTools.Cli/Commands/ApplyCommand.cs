using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Planning;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools apply</c>: converge the host on a policy, at runtime and persisted, or show what would change.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var policy = CommonOptions.Policy(required: true);
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var wide = CommonOptions.Wide();
        var whatIf = new Option<bool>("--what-if") { Description = "Show the plan (old -> new) and write nothing." };
        var failOnOverride = new Option<bool>("--fail-on-override")
        {
            Description = "Refuse to apply when a later sysctl.d file or /etc/sysctl.conf would override a persisted key at boot (default: warn).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the persist file even when TwTools did not write it (a distribution's file, a link such as Debian's 99-sysctl.conf).",
        };
        var hostFiles = new Option<bool>("--host-files")
        {
            Description = "Write the persist file into /etc/sysctl.d even when twtools runs in a network namespace that is not the host's (under nsenter): it then sets the host's boot values.",
        };
        var lockTimeout = CommonOptions.LockTimeout();
        var hosts = new HostOptions();
        var command = new Command("apply", "Apply a policy: write /proc/sys, then persist under sysctl.d atomically; a second run changes nothing.")
        {
            policy, whatIf, json, failOnOverride, force, hostFiles, lockTimeout, verbose, wide,
        };
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output => ApplyRun.Run(
            new ApplyRunOptions(
                parse.GetValue(policy)!,
                new ApplyOptions { FailOnOverride = parse.GetValue(failOnOverride), ReplaceForeignFile = parse.GetValue(force), LockTimeout = TimeSpan.FromSeconds(parse.GetValue(lockTimeout)), AskEachChange = true,
                    WriteHostFiles = parse.GetValue(hostFiles) },
                hosts.Resolve(parse, output))
            {
                WhatIf = parse.GetValue(whatIf),
                Json = parse.GetValue(json),
            },
            output,
            CliStreams.FromConsole(parse.GetValue(wide)))));
        return command;
    }
}
