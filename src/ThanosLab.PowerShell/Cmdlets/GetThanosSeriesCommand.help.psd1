@{
    Synopsis    = 'Reads series and their samples from local TSDB blocks, raw or downsampled.'
    Description = @'
Get-ThanosSeries is promtool tsdb dump as objects. It reads block directories (or every block of a data directory) and returns one ThanosSeries per series and block that the -Match selector matches, with the samples inside -Start and -End. A raw block gives ThanosSample objects (Timestamp, Value); a downsampled 5m or 1h block gives one ThanosAggregateSample per window (Timestamp, Count, Sum, Min, Max, Counter), the aggregates Thanos stores, where Counter is the running counter with resets applied after the window. A native-histogram series gives ThanosHistogramSample objects (Timestamp, Count, Sum, ZeroCount, Schema and Buckets with their bounds); downsampled by Thanos 0.38 or later, its windows have Count (the histograms in the window), SumHistogram (their sum) and CounterHistogram (the running total with resets applied at the window's end) as the same ThanosHistogramSample objects, and no float Sum, Min, Max or Counter.

-Match takes a PromQL series selector: a metric name, label matchers in braces with =, !=, =~ (anchored regular expression) and !~, or both, e.g. continuous_app_metric0 or {__name__=~"k8s.*", app="x"}. As in PromQL, at least one matcher must not match the empty string. A selector that does not parse is an error (InvalidSeriesSelector) that names the position and what was expected there.

Series come out block by block, in label-set order within a block; one series is held in memory at a time. A block that cannot be read is a non-terminating error and the other blocks go on.
'@
    Parameters  = @{
        Path  = 'Block directories, or data directories whose blocks are all read. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property name Path (so ThanosBlock objects bind).'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Match = 'A PromQL series selector such as ''continuous_app_metric0'' or ''{__name__=~"k8s.*", app="x"}''. Without it, every series is returned.'
        Start = 'Only samples at or after this time; blocks that end before it are not opened.'
        End   = 'Only samples at or before this time; blocks that start after it are not opened.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Local blocks (bound by their Path).'; 'System.String' = 'Block or data directory paths.' }
    Outputs     = @{ 'ThanosLab.ThanosSeries' = 'Name, Labels, Series (PromQL notation), Resolution, BlockId, BlockPath and Samples: ThanosSample objects for raw blocks, ThanosHistogramSample objects (Timestamp, Count, Sum, ZeroCount, Schema and Buckets with Lower, Upper and Count) for native-histogram series, ThanosAggregateSample objects for downsampled blocks (with SumHistogram and CounterHistogram for native-histogram series).' }
    Notes       = 'Tombstones are not applied.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosSeries -Path ./data -Match continuous_app_metric0 -Start (Get-Date ''2023-12-01Z'') -End (Get-Date ''2023-12-02Z'')'
            Remarks = 'Returns continuous_app_metric0 of every block of ./data that covers the first of December, raw and downsampled, with the samples of that day.'
        }
        @{
            Code    = 'Get-ThanosBlock ./data | Where-Object Resolution -eq ([timespan]''01:00:00'') | Get-ThanosSeries -Match ''{__name__=~"continuous_app_metric[01]"}'' | ForEach-Object Samples | Select-Object -First 5'
            Remarks = 'Shows the first hourly windows (count, sum, min, max, counter) of two series of the 1h blocks.'
        }
        @{
            Code    = '(Get-ThanosSeries ./data -Match request_duration_seconds | Where-Object Resolution -eq ([timespan]''00:05:00'')).Samples | Select-Object -Last 1 -ExpandProperty SumHistogram | ForEach-Object Buckets'
            Remarks = 'Lists the buckets (bounds and counts) of the sum of the histograms in the last 5-minute window of a downsampled native-histogram series.'
        }
        @{
            Code    = '(Get-ThanosSeries ./data/01HM... continuous_app_metric0).Samples | Measure-Object Value -Sum'
            Remarks = 'Sums the raw samples of one series of one block.'
        }
    )
    Links       = @('Get-ThanosBlock', 'Invoke-ThanosDownsample', 'Invoke-ThanosQuery', 'about_ThanosLab')
}
