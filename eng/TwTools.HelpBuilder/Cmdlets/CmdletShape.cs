namespace TwTools.HelpBuilder.Cmdlets;

/// <summary>What the compiled cmdlet says about itself: the facts help shows but prose must not restate.</summary>
public sealed record CmdletShape(
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    string? DefaultParameterSet,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyList<string> OutputTypes)
{
    public const string AllSets = "__AllParameterSets";

    public string Name => $"{Verb}-{Noun}";

    /// <summary>The named parameter sets, the default first; one unnamed set when there are none.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.Name).Where(n => n != AllSets).Distinct().ToList();
            return named.Count == 0 ? [AllSets] : named.OrderBy(n => n == DefaultParameterSet ? 0 : 1).ToList();
        }
    }

    /// <summary>The parameters a set accepts, positional ones first in position order, then as declared.</summary>
    public IReadOnlyList<(CmdletParameter Parameter, ParameterSetMembership Membership)> In(string set) =>
        Parameters.Select(p => (p, m: p.Sets.FirstOrDefault(s => s.Name == set) ?? p.Sets.FirstOrDefault(s => s.Name == AllSets)))
            .Where(x => x.m is not null)
            .Select(x => (x.p, x.m!))
            .OrderBy(x => x.Item2.Position ?? int.MaxValue)
            .ToList();
}
