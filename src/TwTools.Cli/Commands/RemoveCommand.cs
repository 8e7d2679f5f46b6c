using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Planning;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools remove</c>: take a policy's persisted sysctl.d file off the host (runtime values stay).</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var policy = CommonOptions.Policy(required: true);
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var wide = CommonOptions.Wide();
        var whatIf = new Option<bool>("--what-if") { Description = "Say which file would be removed, and remove nothing." };
        var force = new Option<bool>("--force") { Description = "Remove the file even when TwTools did not write it (no TwTools header, or a link)." };
        var lockTimeout = CommonOptions.LockTimeout();
        var hosts = new HostOptions();
        var command = new Command("remove", "Remove a policy's persisted sysctl.d file (the one apply wrote), so it no longer decides what the host boots with.")
        {
            policy, whatIf, json, force, lockTimeout, verbose, wide,
        };
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output => RemoveRun.Run(
            new RemoveRunOptions(
                parse.GetValue(policy)!,
                new ApplyOptions { ReplaceForeignFile = parse.GetValue(force), LockTimeout = TimeSpan.FromSeconds(parse.GetValue(lockTimeout)) },
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
