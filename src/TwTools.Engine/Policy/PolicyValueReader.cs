using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;

namespace TwTools.Engine.Policy;

/// <summary>
/// Reads one setting's YAML value with the key's type: integers must be plain YAML integers (a quoted
/// "1" or a boolean is a type error), a port range is "low high" or [low, high], a port list is
/// "8080,9000-9100" or a list.
/// </summary>
internal static class PolicyValueReader
{
    public static bool Read(KernelSettingDefinition definition, YamlNodeBase node, out string value, out PolicyValueProblem? problem)
    {
        value = string.Empty;
        problem = null;
        switch (definition.Kind)
        {
            case SettingValueKind.Integer:
                if (node is not YamlScalarNode { IsPlain: true, IsNull: false } scalar
                    || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    problem = new(TwErrorIds.Policy.WrongType, $"expected an integer, got {Describe(node)}");
                    return false;
                }

                if (!SettingValue.IsAllowed(definition, number, out var why))
                {
                    problem = new(TwErrorIds.Policy.OutOfRange, why!);
                    return false;
                }

                value = number.ToString(CultureInfo.InvariantCulture);
                return true;

            case SettingValueKind.PortRange:
                return ReadNormalized(definition, node, JoinSequence(node, " ", exactly: 2), "two ports as \"low high\" or [low, high]", out value, out problem);

            case SettingValueKind.PortList:
                return ReadNormalized(definition, node, JoinSequence(node, ",", exactly: null), "ports and ranges as \"8080,9000-9100\" or a list", out value, out problem);

            default:
                throw new ArgumentOutOfRangeException(nameof(definition));
        }
    }

    private static bool ReadNormalized(KernelSettingDefinition definition, YamlNodeBase node, string? text, string expected, out string value, out PolicyValueProblem? problem)
    {
        value = string.Empty;
        problem = null;
        if (text is null)
        {
            problem = new(TwErrorIds.Policy.WrongType, $"expected {expected}, got {Describe(node)}");
            return false;
        }

        if (!SettingValue.TryNormalize(definition, text, out value, out var error))
        {
            problem = new(TwErrorIds.Policy.InvalidValue, error!);
            return false;
        }

        return true;
    }

    private static string? JoinSequence(YamlNodeBase node, string separator, int? exactly)
    {
        switch (node)
        {
            case YamlScalarNode { IsNull: false } scalar:
                return scalar.Value;
            case YamlSequenceNode sequence when exactly is null || sequence.Items.Count == exactly:
                var parts = new List<string>();
                foreach (var item in sequence.Items)
                {
                    if (item is not YamlScalarNode { IsNull: false } part)
                    {
                        return null;
                    }

                    parts.Add(part.Value);
                }

                return string.Join(separator, parts);
            default:
                return null;
        }
    }

    private static string Describe(YamlNodeBase node) => node switch
    {
        YamlScalarNode { IsPlain: false } s => $"the quoted text '{s.Value}'",
        _ => PolicyDocumentReader.Describe(node),
    };
}
