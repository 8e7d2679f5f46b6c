using System.Text.Json.Serialization;
using TwTools.Engine.Compliance;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.Planning;

namespace TwTools.Cli.Output;

/// <summary>
/// Source-generated JSON for the CLI's data: camelCase names of the same properties the cmdlets'
/// objects have, and no reflection, so NativeAOT needs nothing at run time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<KernelSettingState>))]
[JsonSerializable(typeof(List<SettingApplyResult>))]
[JsonSerializable(typeof(List<PolicyRemovalResult>))]
[JsonSerializable(typeof(PortExhaustionReport))]
[JsonSerializable(typeof(List<PortExhaustionReport>))]
[JsonSerializable(typeof(NetworkNamespace))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
