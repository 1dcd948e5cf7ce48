using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab.Cmdlets;

/// <summary>Runs a PromQL query, instant or over a range, against Prometheus or a Thanos querier.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ThanosQuery", DefaultParameterSetName = InstantSet)]
[OutputType(typeof(ThanosQuerySeries), typeof(ThanosQueryString))]
public sealed class InvokeThanosQueryCommand : EndpointCmdlet
{
    private const string InstantSet = "Instant";
    private const string RangeSet = "Range";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Expression", "PromQL")]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = "";

    /// <summary>Evaluation time of an instant query; the server's now when not given.</summary>
    [Parameter(ParameterSetName = InstantSet)]
    public DateTimeOffset? Time { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
    public DateTimeOffset Start { get; set; }

    /// <summary>End of a range query; now when not given.</summary>
    [Parameter(ParameterSetName = RangeSet)]
    public DateTimeOffset? End { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
    [DurationTransformation]
    public TimeSpan Step { get; set; }

    /// <summary>Thanos querier: deduplicate series that differ only in the replica label (-Deduplicate:$false to turn off).</summary>
    [Parameter]
    public SwitchParameter Deduplicate { get; set; }

    /// <summary>Thanos querier: answer with what the reachable stores have when some fail (-PartialResponse:$false to refuse).</summary>
    [Parameter]
    public SwitchParameter PartialResponse { get; set; }

    [Parameter]
    [ValidateSet("0s", "5m", "1h", "auto")]
    public string? MaxSourceResolution { get; set; }

    /// <summary>Thanos querier: the stores to ask, as addresses (127.0.0.1:19191) or selectors over __address__.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? StoreMatch { get; set; }

    protected override void ProcessRecordCore()
    {
        var options = new QueryOptions
        {
            Deduplicate = MyInvocation.BoundParameters.ContainsKey(nameof(Deduplicate)) ? Deduplicate.IsPresent : null,
            PartialResponse = MyInvocation.BoundParameters.ContainsKey(nameof(PartialResponse)) ? PartialResponse.IsPresent : null,
            MaxSourceResolution = MaxSourceResolution,
            StoreMatch = StoreMatch ?? Array.Empty<string>(),
        };
        foreach (var (endpoint, client) in Clients())
        {
            QueryResult result;
            try
            {
                result = ParameterSetName == RangeSet
                    ? Await(client.QueryRangeAsync(Query, Start, End ?? DateTimeOffset.UtcNow, Step, options, Cancellation))
                    : Await(client.QueryAsync(Query, Time, options, Cancellation));
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e);
                continue;
            }
            foreach (var warning in result.Warnings)
            {
                WriteWarning($"{endpoint}: {warning}");
            }
            Write(result, endpoint);
        }
    }

    private void Write(QueryResult result, Uri endpoint)
    {
        switch (result.ResultType)
        {
            case QueryResultType.Scalar:
                WriteObject(new ThanosQuerySeries
                {
                    ResultType = ThanosQuerySeries.TypeName(result.ResultType),
                    Samples = new[] { ThanosQuerySeries.ToSample(result.Scalar!.Value) },
                    Endpoint = endpoint,
                });
                break;
            case QueryResultType.String:
                WriteObject(new ThanosQueryString
                {
                    Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(result.StringTimestampMs),
                    Value = result.StringValue ?? "",
                    Endpoint = endpoint,
                });
                break;
            default:
                foreach (var s in result.Series)
                {
                    WriteObject(ThanosQuerySeries.From(s, result.ResultType, endpoint));
                }
                break;
        }
    }
}
