using System.Reflection;
using System.Runtime.Loader;

namespace TwTools.PowerShell.Loading;

/// <summary>
/// The module's own load context: the engine and everything it needs (YamlDotNet) load from the
/// module's <c>dependencies</c> folder, first, so another module's YamlDotNet in the default context
/// (powershell-yaml, platyPS) is never what the engine binds to. What is not there (the framework,
/// System.Management.Automation) falls through to the default context.
/// </summary>
internal sealed class TwToolsLoadContext(string dependencyDirectory) : AssemblyLoadContext("TwTools")
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
