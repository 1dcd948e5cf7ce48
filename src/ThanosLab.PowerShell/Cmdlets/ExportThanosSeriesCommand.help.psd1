@{
    Synopsis    = 'Writes the series of local raw blocks as OpenMetrics text that promtool can turn back into blocks.'
    Description = @'
Export-ThanosSeries writes every sample of the raw blocks given (or of the series -Match selects, within -Start and -End) to one OpenMetrics file: one line per sample, metric{label="value",...} value timestamp, and a closing # EOF. promtool tsdb create-blocks-from openmetrics reads it back sample for sample, so any raw block can make the round trip through text. Timestamps are written so that Prometheus' parser, which truncates seconds × 1000, gets every millisecond back exactly.

All blocks of the pipeline go into the one file, oldest block first, so each series stays in time order as promtool needs. The file is streamed one chunk at a time through a temporary file that is renamed into place only when complete; an existing file is never overwritten (FileExists). Downsampled blocks hold aggregates, not samples, and are refused (NotRawBlock): read them with Get-ThanosSeries.
'@
    Parameters  = @{
        Path        = 'Raw block directories, or data directories whose blocks are all exported. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property name Path (so ThanosBlock objects bind).'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        OutputPath  = 'The file to write; it must not exist yet, and its directory must.'
        Format      = 'The text format: OpenMetrics (the only one, and the default), as promtool tsdb create-blocks-from openmetrics reads it.'
        Match       = 'A PromQL series selector such as ''continuous_app_metric0''; without it, every series is exported.'
        Start       = 'Only samples at or after this time.'
        End         = 'Only samples at or before this time.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Local raw blocks (bound by their Path).'; 'System.String' = 'Block or data directory paths.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The file written.' }
    Notes       = 'Stale markers are written as NaN, which is what OpenMetrics can say. Tombstones are not applied.'
    Examples    = @(
        @{
            Code    = 'Export-ThanosSeries -Path ./data -OutputPath ./year.om; promtool tsdb create-blocks-from openmetrics ./year.om ./restored'
            Remarks = 'Writes every raw block of ./data as OpenMetrics and has promtool build blocks from it again.'
        }
        @{
            Code    = 'Get-ThanosBlock ./data | Export-ThanosSeries -Match ''{__name__=~"continuous_app_metric[01]"}'' -Start (Get-Date ''2023-12-01Z'') -OutputPath ./december.om'
            Remarks = 'Exports two series from the first of December on.'
        }
    )
    Links       = @('Get-ThanosSeries', 'Get-ThanosBlock', 'New-ThanosBlockData', 'about_ThanosLab')
}
