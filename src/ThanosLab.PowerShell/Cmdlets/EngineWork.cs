using System.Collections.Concurrent;
using System.Management.Automation;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Runs engine work on the thread pool while the pipeline thread handles the messages it posts
/// (progress, finished items), since only the pipeline thread may call Write*. A cancelled run becomes
/// PipelineStoppedException, as Ctrl+C should.
/// </summary>
internal static class EngineWork
{
    public static T Run<T>(Func<Action<object>, Task<T>> work, Action<object> onMessage, CancellationToken cancellation)
    {
        using var messages = new BlockingCollection<object>();
        var task = Task.Run(async () =>
        {
            try
            {
                return await work(messages.Add).ConfigureAwait(false);
            }
            finally
            {
                messages.CompleteAdding();
            }
        });
        foreach (var message in messages.GetConsumingEnumerable())
        {
            onMessage(message);
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
