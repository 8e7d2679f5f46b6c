using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// A PowerShell host whose answers to -Confirm prompts come from the test: what a person at the console
/// would choose, asked through the same PromptForChoice call pwsh's own console host gets.
/// </summary>
public sealed class ScriptedHost(Func<string, string, string> answer) : PSHost
{
    private readonly ScriptedUserInterface _ui = new(answer);

    public IReadOnlyList<string> Prompts => _ui.Prompts;

    public override string Name => "TwTools.Tests.ScriptedHost";

    public override Version Version => new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class ScriptedUserInterface(Func<string, string, string> answer) : PSHostUserInterface
    {
        public List<string> Prompts { get; } = [];

        public override PSHostRawUserInterface? RawUI => null;

        /// <summary>Answers with the choice whose label (without its accelerator) the test names.</summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(message);
            var wanted = answer(caption, message);
            var index = choices.ToList().FindIndex(c => c.Label.Replace("&", string.Empty, StringComparison.Ordinal) == wanted);
            return index >= 0 ? index : throw new InvalidOperationException($"no choice '{wanted}' in {string.Join(", ", choices.Select(c => c.Label))}");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException(message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException(message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException(message);

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override void Write(string value)
        {
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
        }

        public override void WriteLine(string value)
        {
        }

        public override void WriteErrorLine(string value)
        {
        }

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
        }
    }
}
