using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwTools.PowerShell.Hosting;

namespace TwTools.PowerShell.Completion;

/// <summary>
/// Completes a policy argument with the shipped and TWTOOLS_POLICY_PATH policy names, then with paths as
/// PowerShell itself completes them (relative to the current location, ~, directories to descend into),
/// keeping only directories and policy files.
/// </summary>
public sealed class PolicyCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        var names = ModulePolicies.Library.Policies().Select(p => p.Name).Where(n => n.StartsWith(word, StringComparison.Ordinal));
        var paths = CompletionCompleters.CompleteFilename(wordToComplete)
            .Where(r => r.ResultType == CompletionResultType.ProviderContainer || IsPolicyFile(r.ListItemText));
        return CompletionResults.Of(names).Concat(paths);
    }

    private static bool IsPolicyFile(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
