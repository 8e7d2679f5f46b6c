using TwTools.Engine.Policy;

namespace TwTools.Engine.Tests;

/// <summary>Policy text for tests, and the shipped baselines copied beside the test assembly.</summary>
internal static class Policies
{
    public static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "policies", name + ".yaml");

    public static string Yaml(string settings, string persist = "") =>
        "apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: test\nspec:\n  settings:\n" + settings + persist;

    public static PolicyLoadResult Parse(string text) => PolicyLoader.Parse(text, "test.yaml");

    public static TwPolicy Load(string settings, string persist = "") => Parse(Yaml(settings, persist)).GetPolicyOrThrow();
}
