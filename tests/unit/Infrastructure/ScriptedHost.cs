using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A PowerShell host whose user answers prompts from a script ("No to All", "Yes", …), so -Confirm and
/// ShouldContinue can be tested in process the way a person at the console answers them. Every
/// question asked is kept in <see cref="Questions"/>.
/// </summary>
public sealed class ScriptedHost : PSHost
{
    private readonly ScriptedUserInterface _ui;

    public ScriptedHost(params string[] answers) => _ui = new ScriptedUserInterface(new Queue<string>(answers));

    /// <summary>The captions and messages of the choice prompts, in the order asked.</summary>
    public IReadOnlyList<string> Questions => _ui.Questions;

    /// <summary>The lines written to the host (where -WhatIf writes "What if: ..."), in order.</summary>
    public IReadOnlyList<string> Lines => _ui.Lines;

    public override string Name => "ThanosLabScriptedHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class ScriptedUserInterface : PSHostUserInterface
    {
        private readonly Queue<string> _answers;
        private readonly List<string> _questions = new();

        public ScriptedUserInterface(Queue<string> answers) => _answers = answers;

        public IReadOnlyList<string> Questions => _questions;

        public List<string> Lines { get; } = new();

        public override PSHostRawUserInterface? RawUI => null;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            _questions.Add($"{caption}: {message}");
            if (_answers.Count == 0) throw new InvalidOperationException($"The script has no answer left for '{caption}: {message}'.");
            var answer = _answers.Dequeue();
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i].Label.Replace("&", "", StringComparison.Ordinal).Equals(answer, StringComparison.OrdinalIgnoreCase)) return i;
            }
            throw new InvalidOperationException($"'{answer}' is not among the choices {string.Join(", ", choices.Select(c => c.Label))}.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) => Lines.Add(value);
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
