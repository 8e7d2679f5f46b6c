using TwTools.Engine.Policy;
using Xunit;

namespace TwTools.Engine.Tests.Policy;

/// <summary>Policies by name: the shipped folder and TWTOOLS_POLICY_PATH, with a real path always winning.</summary>
public sealed class PolicyLibraryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("twtools-library-").FullName;

    private string Dir(string name)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Write(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void A_bare_name_finds_the_first_directorys_policy_and_a_real_path_wins_over_a_name()
    {
        var first = Dir("first");
        var shipped = Dir("shipped");
        var mine = Write(first, "busy-client.yaml");
        Write(shipped, "busy-client.yaml");
        var onlyShipped = Write(shipped, "tw-reuse.yml");
        var here = Dir("here");
        var local = Write(here, "tw-reuse");
        var library = new PolicyLibrary([first, shipped]);

        Assert.Equal(mine, library.Resolve("busy-client", Path.Combine(here, "busy-client")));
        Assert.Equal(onlyShipped, library.Resolve("tw-reuse", Path.Combine(_root, "elsewhere", "tw-reuse")));
        Assert.Equal(local, library.Resolve("tw-reuse", local));
        Assert.Equal(Path.Combine(here, "nope"), library.Resolve("nope", Path.Combine(here, "nope")));
        Assert.Equal("./busy-client", library.Resolve("./busy-client", "./busy-client"));
        Assert.Equal(["busy-client", "tw-reuse"], library.Policies().Select(p => p.Name));
    }

    [Fact]
    public void Completion_offers_library_names_then_policy_files_under_the_current_directory()
    {
        var shipped = Dir("shipped");
        Write(shipped, "busy-client.yaml");
        Write(shipped, "nat-facing-server.yaml");
        Write(shipped, "README.md");
        var here = Dir("here");
        Write(here, "busy-mine.yaml");
        Write(here, "notes.txt");
        Write(Dir("here/sub"), "busy-deep.yml");
        var library = new PolicyLibrary([shipped, Path.Combine(_root, "missing")]);

        Assert.Equal(["busy-client", "busy-mine.yaml"], library.Complete("busy", here));
        Assert.Equal(["sub/busy-deep.yml"], library.Complete("sub/b", here));
        Assert.Equal(["busy-client", "nat-facing-server", "busy-mine.yaml"], library.Complete(string.Empty, here));
    }

    [Fact]
    public void A_name_that_matches_nothing_says_where_names_were_looked_for_and_a_missing_path_does_not()
    {
        var shipped = Dir("shipped");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "policies", "busy-client.yaml"), Path.Combine(shipped, "busy-client.yaml"));
        var library = new PolicyLibrary([shipped]);
        var here = Dir("here");

        Assert.Equal("busy-client", library.Load("busy-client", Path.Combine(here, "busy-client")).Policy?.Name);
        var byName = library.Load("busy-clinet", Path.Combine(here, "busy-clinet")).Errors.Single();
        Assert.Equal(Diagnostics.TwErrorIds.Policy.NotFound, byName.Id);
        Assert.Contains("no policy named 'busy-clinet' in " + shipped, byName.Message);
        Assert.Contains("known names: busy-client", byName.Message);
        var byPath = library.Load("./gone.yaml", Path.Combine(here, "gone.yaml")).Errors.Single();
        Assert.DoesNotContain("known names", byPath.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
