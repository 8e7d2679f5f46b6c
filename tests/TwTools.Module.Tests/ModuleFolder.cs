using System.Reflection;
using System.Runtime.InteropServices;

namespace TwTools.Module.Tests;

/// <summary>
/// The module folder under test: TWTOOLS_MODULE when set (CI points it at out/TwTools, the folder
/// users import), else the one this project's build laid out with the same publish target.
/// </summary>
public static class ModuleFolder
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("TWTOOLS_MODULE") is { Length: > 0 } set
        ? System.IO.Path.GetFullPath(set)
        : System.IO.Path.Combine(AppContext.BaseDirectory, "TwTools");

    public static string ModuleAssembly => System.IO.Path.Combine(Path, "TwTools.PowerShell.dll");

    public static string Dependencies => System.IO.Path.Combine(Path, "dependencies");

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// A metadata-only view of the module (and the reference System.Management.Automation it compiles
    /// against): types, attributes and constants can be read, nothing runs.
    /// </summary>
    public static MetadataLoadContext Metadata()
    {
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(Dependencies, "*.dll"))
            .Append(ModuleAssembly)
            .Append(System.IO.Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll"));
        return new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "TwTools.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TwTools.sln not found above the test assembly");
    }
}
