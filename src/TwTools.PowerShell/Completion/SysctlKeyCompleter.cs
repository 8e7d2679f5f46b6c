using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwTools.Engine.Kernel;

namespace TwTools.PowerShell.Completion;

/// <summary>Completes a sysctl key from the catalog TwTools knows.</summary>
public sealed class SysctlKeyCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Of(KernelSettingCatalog.CompletionsFor(wordToComplete.Trim('\'', '"')));
}
