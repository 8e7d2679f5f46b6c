using TwTools.HelpBuilder;

// twtools-helpbuilder <docs/help> <module folder> [assembly file name]
// Problems print in the canonical "file(line): error CODE: message" form, so MSBuild's Exec shows them
// as build errors at the right place, and the exit code is 1 with nothing written.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: TwTools.HelpBuilder <docs directory> <module directory> [assembly file name]");
    return 2;
}

var (docs, module, assembly) = (args[0], args[1], args.Length == 3 ? args[2] : "TwTools.PowerShell.dll");
if (!Directory.Exists(docs) || !File.Exists(Path.Combine(module, assembly)))
{
    Console.Error.WriteLine($"TwTools.HelpBuilder: error TWHELP: need the docs directory '{docs}' and '{Path.Combine(module, assembly)}'");
    return 2;
}

var problems = HelpBuild.Run(docs, module, assembly);
foreach (var problem in problems)
{
    Console.Error.WriteLine($"{problem.File}({Math.Max(problem.Line, 1)}): error TWHELP: {problem.Message}");
}

if (problems.Count == 0)
{
    Console.WriteLine($"TwTools.HelpBuilder: wrote {Path.GetFullPath(Path.Combine(module, HelpBuild.Culture))}");
}

return problems.Count == 0 ? 0 : 1;
