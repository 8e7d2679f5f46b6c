using TwTools.Engine.Policy;

namespace TwTools.PowerShell.Hosting;

/// <summary>The policy library of the installed module: TWTOOLS_POLICY_PATH, then the module's own policies/ folder.</summary>
internal static class ModulePolicies
{
    public static PolicyLibrary Library => PolicyLibrary.ForInstallation(Path.GetDirectoryName(typeof(ModulePolicies).Assembly.Location)!);
}
