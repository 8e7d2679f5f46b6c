using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwTools.Engine.Sockets;

namespace TwTools.PowerShell.Completion;

/// <summary>Completes a TCP state name (PowerShell's spelling, and ss's groups).</summary>
public sealed class SocketStateCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Of(TcpStateNames.Completions.Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase)));
}
