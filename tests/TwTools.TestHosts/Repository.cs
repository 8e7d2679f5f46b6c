namespace TwTools.TestHosts;

/// <summary>The checkout the tests run from, found as the folder above the test binaries that holds TwTools.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TwTools.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TwTools.sln not found above " + AppContext.BaseDirectory);
    }
}
