using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Completion;

/// <summary>Tab completion for lab component names (Docker and processes); quick, and silent when Docker is away.</summary>
public sealed class ComponentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            using var docker = new DockerRuntime();
            foreach (var c in docker.ListAsync(null, timeout.Token).GetAwaiter().GetResult())
            {
                names[c.Name] = $"{c.Kind} in Docker, {c.State}";
            }
        }
        catch (Exception)
        {
            // A completer never fails the prompt: no Docker simply means no Docker names.
        }
        try
        {
            foreach (var (c, _) in LabInventory.ProcessesAsync(LabInventory.StateDirectories(null, null), null, timeout.Token).GetAwaiter().GetResult())
            {
                names.TryAdd(c.Name, $"{c.Kind} process {c.Id}, {c.State}");
            }
        }
        catch (Exception)
        {
        }
        return names.Where(n => pattern.IsMatch(n.Key))
            .Select(n => new CompletionResult(n.Key, n.Key, CompletionResultType.ParameterValue, n.Value));
    }
}
