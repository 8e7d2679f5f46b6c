using TwTools.HelpBuilder.Cmdlets;
using TwTools.HelpBuilder.Sources;

namespace TwTools.HelpBuilder.Checks;

/// <summary>
/// Holds a cmdlet's help source against the compiled cmdlet: every parameter described (here or in the
/// shared file), no description of a parameter that does not exist, the declared output types and only
/// those, inputs that some parameter takes from the pipeline, and examples that run the cmdlet and pass
/// only parameters the commands they call have. Returns every problem, not the first.
/// </summary>
public static class HelpConsistency
{
    public static (DocumentedCommand? Command, IReadOnlyList<HelpSourceException> Problems) Check(
        CommandHelp help, CmdletShape shape, IReadOnlyList<CmdletShape> module, IReadOnlyDictionary<string, DocumentedItem> shared)
    {
        var problems = new List<HelpSourceException>();
        var text = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in shape.Parameters)
        {
            var own = help.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if ((own ?? shared.GetValueOrDefault(parameter.Name)) is { } item)
            {
                text[parameter.Name] = item.Description;
            }
            else
            {
                problems.Add(new(help.ParametersLine, $"PARAMETERS: -{parameter.Name} is not described (add '### -{parameter.Name}' here)"));
            }
        }

        // A parameter that has a value when left out (a number, a choice) must say which, or help shows "None".
        problems.AddRange(shape.Parameters.Where(p => p.HasImplicitValue && p.DefaultValue is null && !p.Sets.All(m => m.Mandatory))
            .Select(p => new HelpSourceException(help.ParametersLine, $"PARAMETERS: -{p.Name} of {shape.Name} has a default the help cannot show; add [PSDefaultValue(Value = ...)] to it")));

        var names = shape.Parameters.Select(p => p.Name).ToList();
        problems.AddRange(help.Parameters.Where(p => !names.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            .Select(p => new HelpSourceException(p.Line, $"PARAMETERS: -{p.Name} is not a parameter of {shape.Name}; it has {string.Join(", ", names.Select(n => "-" + n))}")));

        problems.AddRange(help.Outputs.Where(o => !shape.OutputTypes.Contains(o.Name))
            .Select(o => new HelpSourceException(o.Line, $"OUTPUTS: {shape.Name} does not declare [OutputType({o.Name})]; it declares {string.Join(", ", shape.OutputTypes)}")));
        problems.AddRange(shape.OutputTypes.Where(t => help.Outputs.All(o => o.Name != t))
            .Select(t => new HelpSourceException(help.OutputsLine, $"OUTPUTS: {t} is an output type of {shape.Name} but has no '### {t}' entry")));

        problems.AddRange(Inputs(help, shape));
        problems.AddRange(Examples(help, shape, module));
        return problems.Count == 0 ? (new DocumentedCommand(shape, help, text), problems) : (null, problems);
    }

    private static IEnumerable<HelpSourceException> Inputs(CommandHelp help, CmdletShape shape)
    {
        var piped = shape.Parameters.Where(p => p.IsPipelineBound).ToList();
        foreach (var input in help.Inputs)
        {
            var none = input.Name == "None" && piped.Count == 0;
            if (!none && !piped.Any(p => TypeNames(p).Contains(input.Name)))
            {
                yield return new(input.Line, $"INPUTS: no parameter of {shape.Name} takes {input.Name} from the pipeline");
            }
        }

        if (piped.Count > 0 && help.Inputs.Count == 0)
        {
            yield return new(1, $"INPUTS: the section is missing; {string.Join(", ", piped.Select(p => "-" + p.Name))} take pipeline input");
        }
    }

    // A parameter of type T[] takes a T or a T[] from the pipeline; help may name either, short or full.
    private static string[] TypeNames(CmdletParameter p) =>
        [p.TypeFullName, p.TypeName, p.TypeFullName.TrimEnd('[', ']'), p.TypeName.TrimEnd('[', ']')];

    private static IEnumerable<HelpSourceException> Examples(CommandHelp help, CmdletShape shape, IReadOnlyList<CmdletShape> module)
    {
        var commands = module.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var example in help.Examples)
        {
            var uses = ExampleScanner.Scan(example.Code, commands.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));
            if (!ExampleScanner.Runs(example.Code, shape.Name))
            {
                yield return new(example.CodeLine, $"EXAMPLES: '{example.Title}' never runs {shape.Name}");
            }

            foreach (var use in uses.Where(u => !Accepts(commands[u.Command], u.Parameter)))
            {
                yield return new(example.CodeLine + use.LineOffset, $"EXAMPLES: '{example.Title}' passes -{use.Parameter} to {use.Command}, which has no such parameter");
            }
        }
    }

    // Exact names and aliases only: PowerShell would take a unique prefix, but help should not teach one.
    private static bool Accepts(CmdletShape command, string parameter) =>
        command.Parameters.Any(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase)
            || p.Aliases.Contains(parameter, StringComparer.OrdinalIgnoreCase))
        || CommonParameters.Always.Contains(parameter)
        || (command.SupportsShouldProcess && CommonParameters.ShouldProcess.Contains(parameter));
}
