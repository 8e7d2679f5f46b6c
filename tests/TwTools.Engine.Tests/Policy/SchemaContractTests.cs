using System.Text.Json;
using TwTools.Engine.Kernel;

namespace TwTools.Engine.Tests.Policy;

/// <summary>The shipped JSON schema editors use must say what the engine enforces.</summary>
public class SchemaContractTests
{
    private static readonly JsonElement Settings = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "twtools-policy.schema.json")))
        .RootElement.GetProperty("properties").GetProperty("spec").GetProperty("properties").GetProperty("settings");

    [Fact]
    public void Schema_lists_exactly_the_catalog_keys_and_no_others()
    {
        var keys = Settings.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(k => k).ToArray();
        Assert.Equal(KernelSettingCatalog.All.Select(d => d.Key).OrderBy(k => k).ToArray(), keys);
        Assert.False(Settings.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_enums_and_ranges_match_the_catalog()
    {
        foreach (var definition in KernelSettingCatalog.All.Where(d => d.Kind == SettingValueKind.Integer))
        {
            var property = Settings.GetProperty("properties").GetProperty(definition.Key);
            if (definition.Key == KernelSettingCatalog.TcpTwRecycle)
            {
                Assert.Equal(0, property.GetProperty("const").GetInt32());
            }
            else if (definition.AllowedValues is { } allowed)
            {
                Assert.Equal(allowed.ToArray(), property.GetProperty("enum").EnumerateArray().Select(e => e.GetInt64()).ToArray());
            }
            else
            {
                Assert.Equal(definition.Minimum, property.GetProperty("minimum").GetInt64());
                Assert.Equal(definition.Maximum, property.GetProperty("maximum").GetInt64());
            }
        }
    }
}
