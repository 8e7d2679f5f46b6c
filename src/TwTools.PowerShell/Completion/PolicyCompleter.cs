using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwTools.PowerShell.Hosting;

namespace TwTools.PowerShell.Completion;

/// <summary>Completes a policy argument with the shipped and TWTOOLS_POLICY_PATH policy names, then *.yaml files here.</summary>
public sealed class PolicyCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Of(ModulePolicies.Library.Complete(wordToComplete.Trim('\'', '"'), Environment.CurrentDirectory));
}
