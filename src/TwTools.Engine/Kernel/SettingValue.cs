using System.Globalization;

namespace TwTools.Engine.Kernel;

/// <summary>
/// Turns a value as the kernel prints it, as a sysctl.d file spells it, or as a policy gives it into
/// one normalised text, and checks it against the key's allowed values. Every comparison in TwTools
/// goes through here so that whitespace or ordering never counts as a difference.
/// </summary>
internal static class SettingValue
{
    public static bool TryNormalize(KernelSettingDefinition definition, string? raw, out string normalized, out string? error)
    {
        normalized = string.Empty;
        error = null;
        var text = (raw ?? string.Empty).Trim();
        switch (definition.Kind)
        {
            case SettingValueKind.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"'{text}' is not an integer";
                    return false;
                }

                if (!IsAllowed(definition, number, out error))
                {
                    return false;
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                return true;

            case SettingValueKind.PortRange:
                if (!PortRange.TryParse(text, out var range, out error))
                {
                    return false;
                }

                normalized = range.ToString();
                return true;

            case SettingValueKind.PortList:
                if (!PortList.TryParse(text, out var list, out error))
                {
                    return false;
                }

                normalized = list.ToString();
                return true;

            default:
                throw new ArgumentOutOfRangeException(nameof(definition));
        }
    }

    /// <summary>Normalises a value read from the kernel; what the kernel prints is kept as-is if it does not parse.</summary>
    public static string NormalizeOrKeep(KernelSettingDefinition definition, string raw)
    {
        if (definition.Kind == SettingValueKind.Integer)
        {
            // The kernel may hold values a policy may not ask for (tcp_timestamps accepts 3): keep them readable.
            var trimmed = raw.Trim();
            return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n.ToString(CultureInfo.InvariantCulture)
                : trimmed;
        }

        return TryNormalize(definition, raw, out var normalized, out _) ? normalized : raw.Trim();
    }

    /// <summary>A normalised value as the kernel prints it back (a range with a tab between its ends), for comparing text on a host.</summary>
    public static string AsKernelPrints(KernelSettingDefinition definition, string value)
    {
        var normalized = NormalizeOrKeep(definition, value);
        return definition.Kind == SettingValueKind.PortRange ? normalized.Replace(' ', '\t') : normalized;
    }

    public static bool AreEqual(KernelSettingDefinition definition, string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return NormalizeOrKeep(definition, left) == NormalizeOrKeep(definition, right);
    }

    public static bool IsAllowed(KernelSettingDefinition definition, long number, out string? error)
    {
        error = null;
        if (definition.AllowedValues is { } allowed)
        {
            if (!allowed.Contains(number))
            {
                error = $"{number} is not allowed; use one of {string.Join(", ", allowed)}";
                return false;
            }

            return true;
        }

        if (number < definition.Minimum || number > definition.Maximum)
        {
            error = $"{number} is out of range {definition.Minimum}..{definition.Maximum}{(definition.Unit is null ? string.Empty : " " + definition.Unit)}";
            return false;
        }

        return true;
    }
}
