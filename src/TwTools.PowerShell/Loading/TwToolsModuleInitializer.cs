using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace TwTools.PowerShell.Loading;

/// <summary>
/// Runs on Import-Module: when the default context cannot find the engine (it is not beside this
/// assembly, on purpose), the engine loads in <see cref="TwToolsLoadContext"/>, and its dependencies
/// with it. Only the engine's name is answered here, so no other module's lookups are taken over.
/// Public types of this assembly never derive from engine types, so PowerShell can list the cmdlets
/// before or after this runs.
/// </summary>
public sealed class TwToolsModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineName = "TwTools.Engine";

    private static readonly TwToolsLoadContext Context = new(
        Path.Combine(Path.GetDirectoryName(typeof(TwToolsModuleInitializer).Assembly.Location)!, "dependencies"));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineName ? Context.LoadFromAssemblyName(name) : null;
}
