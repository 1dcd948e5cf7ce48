using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ThanosLab.Engine.Generation;

namespace ThanosLab.Completion;

/// <summary>Tab completion for thanosbench profile names.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (var p in ThanosbenchProfiles.Profiles)
        {
            if (!pattern.IsMatch(p.Name)) continue;
            var tip = $"{p.Kind}, {p.Ranges.Count} blocks over {p.TotalRange.TotalDays:0.#} days, {p.Apps} x {p.MetricsPerApp} series";
            yield return new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue, tip);
        }
    }
}
