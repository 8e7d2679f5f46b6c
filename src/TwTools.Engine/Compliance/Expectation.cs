namespace TwTools.Engine.Compliance;

/// <summary>
/// What a policy asks of one key: the value to write, the values that satisfy it (an enforced
/// <c>tcp_timestamps</c> is met by 1 or 2), and whether TwTools added it rather than the policy.
/// </summary>
internal sealed record Expectation(string Key, string Value, IReadOnlyList<string> Accepted, bool Enforced)
{
    public bool IsMetBy(string? value) => value is not null && Accepted.Contains(value);

    /// <summary>"1" or "1 or 2", for tables and messages.</summary>
    public string Describe() => Accepted.Count == 1 ? Value : string.Join(" or ", Accepted);
}
