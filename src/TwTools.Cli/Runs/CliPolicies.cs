using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Policy;

namespace TwTools.Cli.Runs;

/// <summary>Policies as the CLI finds them: a path, or a name from the policies shipped beside the binary.</summary>
internal static class CliPolicies
{
    /// <summary>Loads a policy, passing its warnings on; its errors end the command with exit code 2.</summary>
    public static TwPolicy Load(string path, IEngineOutput output)
    {
        var result = PolicyLibrary.ForInstallation(AppContext.BaseDirectory).Load(path, path);
        if (!result.Succeeded)
        {
            throw new TwOperationException(result.Errors.ToList());
        }

        foreach (var warning in result.Warnings)
        {
            output.WriteWarning(warning);
        }

        return result.Policy!;
    }
}
