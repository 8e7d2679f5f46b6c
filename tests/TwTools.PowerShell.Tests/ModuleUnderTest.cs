namespace TwTools.PowerShell.Tests;

/// <summary>
/// The module folder under test: TWTOOLS_MODULE when set (CI points it at out/TwTools, the folder users
/// import), else the one this project's build laid out with the module's own publish target.
/// </summary>
public static class ModuleUnderTest
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("TWTOOLS_MODULE") is { Length: > 0 } set
        ? Path.GetFullPath(set)
        : Path.Combine(AppContext.BaseDirectory, "TwTools");

    public static string Manifest => Path.Combine(Folder, "TwTools.psd1");

    public static string Policy(string name) => Path.Combine(Folder, "policies", name + ".yaml");
}
