using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Completion;

/// <summary>Tab completion for the reasons of a no-compact mark.</summary>
public sealed class NoCompactReasonCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return BlockMark.NoCompactReasons.Where(pattern.IsMatch).Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, r));
    }
}
