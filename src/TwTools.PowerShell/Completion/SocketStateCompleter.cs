using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwTools.Engine.Sockets;

namespace TwTools.PowerShell.Completion;

/// <summary>
/// Completes a TCP state name in the spelling the user started with: PowerShell's (<c>TimeWait</c>),
/// netstat's (<c>TIME_WAIT</c>) or ss's (<c>time-wait</c>, and its groups); all three are accepted.
/// </summary>
public sealed class SocketStateCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Of(TcpStateNames.CompletionsFor(wordToComplete.Trim('\'', '"')));
}
