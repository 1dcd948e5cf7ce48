@{
    Synopsis    = 'Runs a PromQL query, instant or over a time range, against Prometheus or a Thanos querier.'
    Description = @'
Invoke-ThanosQuery sends the query as a POST form to /api/v1/query (instant, at -Time) or /api/v1/query_range (-Start, -End, -Step) and returns one ThanosQuerySeries per series: its Labels (sorted, __name__ included) and its Samples, each with a Timestamp (DateTimeOffset) and a Value (double; NaN and ±Infinity as Prometheus returns them). A scalar result is one ThanosQuerySeries without labels; a string result is a ThanosQueryString.

Against a Thanos querier, -Deduplicate, -PartialResponse, -MaxSourceResolution and -StoreMatch set the querier's dedup, partial_response, max_source_resolution and storeMatch[] parameters, as the tutorial's query page does; Prometheus ignores them.

The API's warnings (for example a store that did not answer) become PowerShell warnings. API errors become error records that carry PromQL's own message: QueryBadData for a malformed expression or bad parameters, QueryTimeout, QueryExecution; EndpointUnreachable when nothing answers and EndpointTimeout after -TimeoutSec. Ctrl+C stops the request at once.
'@
    Parameters  = @{
        Query               = 'The PromQL expression, such as continuous_app_metric0 or sum by (cluster) (rate(http_requests_total[5m])).'
        Endpoint            = 'Where to send the query: a URI such as http://127.0.0.1:9091/, a host:port (http assumed), or a ThanosComponent from Start-ThanosPrometheus / Start-ThanosQuerier (by pipeline, through its HttpEndpoint property). Several endpoints are queried one after the other.'
        Time                = 'Evaluation time of an instant query, as a DateTimeOffset (a DateTime or an ISO 8601 string converts). Default: the server''s now.'
        Start               = 'Start of a range query.'
        End                 = 'End of a range query. Default: now.'
        Step                = 'Step of a range query: a TimeSpan or a quoted Prometheus duration such as ''1h'' or ''5m''. Prometheus refuses more than 11,000 steps per series.'
        Deduplicate         = 'Thanos querier: merge series that differ only in the replica label (the querier''s default). -Deduplicate:$false sends dedup=false to see every replica.'
        PartialResponse     = 'Thanos querier: answer with the data of the stores that responded when some fail, with a warning. -PartialResponse:$false makes such a query fail.'
        MaxSourceResolution = 'Thanos querier: the coarsest downsampled data to read: 0s (raw only), 5m, 1h or auto (step / 5).'
        StoreMatch          = 'Thanos querier: the stores to ask, as store addresses (127.0.0.1:19191 becomes {__address__="127.0.0.1:19191"}) or series selectors over __address__ such as ''{__address__=~"127.0.0.1:1919.*"}''.'
        TimeoutSec          = 'Seconds one HTTP request may take, connecting and reading included (default 120).'
    }
    Inputs      = @{
        'ThanosLab.ThanosComponent' = 'Components whose HttpEndpoint is queried.'
        'System.Uri'                = 'Endpoints to query.'
    }
    Outputs     = @{
        'ThanosLab.ThanosQuerySeries' = 'One object per series (or the scalar): ResultType, Name, Labels, Samples, Endpoint and Series (PromQL notation). Native-histogram results (the API''s histogram/histograms) come as ThanosHistogramSample objects, the same Get-ThanosSeries reads from a block: Count (also Value), Sum, ZeroCount, Schema (worked out from the bucket bounds) and the populated Buckets.'
        'ThanosLab.ThanosQueryString' = 'The value of a string expression.'
    }
    Notes       = 'Times go to the server as Unix seconds with millisecond precision. Answers above 64 MiB are refused rather than buffered: narrow the range or enlarge the step.'
    Examples    = @(
        @{
            Code    = 'Invoke-ThanosQuery continuous_app_metric0 -Endpoint http://127.0.0.1:9091 -Start (Get-Date).AddYears(-1) -End (Get-Date) -Step ''1h'''
            Remarks = 'The tutorial''s one-year graph, as objects: one series per replica-deduplicated series, one sample per hour.'
        }
        @{
            Code    = '$querier | Invoke-ThanosQuery ''count(continuous_app_metric0)'' -StoreMatch 127.0.0.1:19191 -MaxSourceResolution 5m'
            Remarks = 'Asks only the store gateway, reading 5-minute downsampled data where it exists.'
        }
        @{
            Code    = '(Invoke-ThanosQuery up -Endpoint 127.0.0.1:9090).Samples.Value'
            Remarks = 'The current value of every up series of a Prometheus.'
        }
    )
    Links       = @('Get-ThanosStore', 'Test-ThanosEndpoint', 'Start-ThanosQuerier', 'about_ThanosLab')
}
