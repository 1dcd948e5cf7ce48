namespace ThanosLab.Engine.Lab;

/// <summary>
/// Waits until a component answers its readiness path with 200, and notices when it exits instead,
/// so the error can carry its last log lines.
/// </summary>
public static class ReadinessProbe
{
    private const int LogLines = 20;

    /// <summary>The longest wait accepted: a week is more than any start-up, and far from the end of the calendar.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<RunningComponent> WaitAsync(IComponentRuntime runtime, RunningComponent component, TimeSpan timeout,
        IProgress<LabProgress>? progress, CancellationToken cancellationToken)
    {
        CheckTimeout(timeout);
        if (component.HttpEndpoint is not { } endpoint)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "NoHttpEndpoint",
                $"'{component.Name}' has no recorded HTTP port, so its readiness cannot be checked.", component.Name,
                "Only components started by ThanosLab can be waited for.");
        }
        var url = new Uri(endpoint, component.ReadinessPath ?? "/-/ready");
        var deadline = DateTimeOffset.UtcNow + timeout;
        var activity = $"Waiting for {component.Name}";
        var lastAnswer = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await runtime.RefreshAsync(component, cancellationToken).ConfigureAwait(false);
            if (current is null || !current.IsRunning)
            {
                var logs = current is null ? "(the component is gone, with its log)" : await runtime.LogTailAsync(current, LogLines, cancellationToken).ConfigureAwait(false);
                throw new ThanosLabException(ErrorKind.InvalidOperation, "ComponentExited",
                    $"'{component.Name}' ({component.Kind}) stopped before it was ready (state {current?.State ?? "removed"}). Its last output:{Environment.NewLine}{logs}",
                    component.Name, "Fix the cause shown in the output (arguments, mounts, data), then start it again.");
            }
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return current;
                }
                lastAnswer = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastAnswer = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastAnswer = "no answer within 5 s";
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var logs = await runtime.LogTailAsync(current, LogLines, cancellationToken).ConfigureAwait(false);
                throw new ThanosLabException(ErrorKind.OperationTimeout, "ComponentNotReady",
                    $"'{component.Name}' was not ready at {url} within {timeout} (last answer: {lastAnswer}). Its last output:{Environment.NewLine}{logs}",
                    component.Name, "Give a longer -Timeout, or read the output for the cause.");
            }
            var waited = timeout - left;
            progress?.Report(new LabProgress(activity, $"{url}: {lastAnswer}", (int)Math.Min(99, waited.TotalMilliseconds * 100 / Math.Max(1, timeout.TotalMilliseconds))));
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, left.TotalMilliseconds))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses a timeout below zero or above <see cref="MaxTimeout"/> (zero checks once).</summary>
    public static void CheckTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero || timeout > MaxTimeout)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "TimeoutOutOfRange",
                $"The timeout {timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture)} is outside the accepted range 00:00:00 to {MaxTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture)} (7 days).", timeout,
                "Give -Timeout as a TimeSpan or duration between 0 (check once) and 7 days, such as '2m' or 00:10:00.");
        }
    }
}
