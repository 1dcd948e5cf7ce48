@{
    Synopsis    = 'Plans the blocks of a thanosbench profile, or reads a thanosbench plan file.'
    Description = @'
Get-ThanosBlockPlan does what `thanosbench block plan` does, natively: it turns one of thanosbench's eight profiles, a set of external labels and a max time into one plan object per block, newest first. Block boundaries follow thanosbench's rule exactly: the max time is aligned to the end of its 2-hour range, and every older block ends 1 ms after the next one starts.

Pipe the plans into New-ThanosBlockData to write the blocks, or into Export-ThanosBlockPlan to exchange them with thanosbench. With -Path it reads a plan YAML stream written by `thanosbench block plan` or Export-ThanosBlockPlan (strictly: unknown keys are errors, as in thanosbench). A plan file is held to the bounds of the parameters: 1 to 1,000,000 targets per series spec, times from 0001-01-01 to 9999-12-31 (Unix milliseconds), durations up to Go's 2562047h47m16s (about 292 years). A file larger than 64 MiB, or nested more than 64 levels deep, is refused unread with an error naming the file and the limit; the other files are still read.

Beyond thanosbench, the series shape of a profile can be changed: scrape and change interval, number of targets and metrics, value range, jitter and series type.
'@
    Parameters  = @{
        Profile          = 'The thanosbench profile: realistic-k8s-2d-small, realistic-k8s-1w-small, realistic-k8s-30d-tiny, realistic-k8s-365d-tiny, continuous-1w-small, continuous-30d-tiny, continuous-365d-tiny or continuous-1w-1series-10000apps. Tab completion lists them.'
        Label            = 'External labels of every block, as a hashtable such as @{ cluster = ''eu1'' }. Names must match [a-zA-Z_][a-zA-Z0-9_]* and may not start with __; values must be non-empty single values (strings or numbers): a nested hashtable or a list is an error naming the label.'
        MaxTime          = 'Where the plan ends: a DateTimeOffset or RFC 3339 string, or a duration relative to now such as -6h (up to about 292 years either way). The default, -2h, ends the data no later than now. A plan that ends in the future gets a warning: Prometheus would reject its own scrapes until the clock catches up (thanosbench''s --max-time=6h means now plus 6 hours).'
        ScrapeInterval   = 'Time between samples of a series (default 15s). A TimeSpan or a duration string such as 30s.'
        ChangeInterval   = 'How often a gauge jumps to a new level (default 1h).'
        Targets          = 'Series per metric, told apart by the __blockgen_target__ label (thanosbench''s apps). Default: the profile''s.'
        MetricsPerTarget = 'Metrics per target (thanosbench''s metrics per app). Default: the profile''s.'
        Min              = 'Lowest starting value of a series (default 1e7).'
        Max              = 'Highest starting value of a series (default 2e8).'
        Jitter           = 'Size of the random change applied every change interval (default 3e7).'
        SeriesType       = 'Gauge (the default, as in every profile), Counter or Random; or, beyond thanosbench''s types, ThanosLab''s native histograms: Histogram (a counter latency histogram with integer counts and about one counter reset a day, stored in histogram chunks) or FloatHistogram (a gauge histogram of the last interval''s requests per second, stored in float histogram chunks). Prometheus 2.40 or later serves them (Debian''s 2.42 without any feature flag; the tutorial''s v2.20.0 image cannot); -Min, -Max and -Jitter do not apply to them.'
        HistogramSchema      = 'The exponential schema of a Histogram or FloatHistogram series, -4 to 8: bucket boundaries grow by 2^(2^-schema), so 3 (the default) gives buckets about 9% apart and 8 the finest. Only with -SeriesType Histogram or FloatHistogram.'
        HistogramBucketCount = 'About how many buckets the latency distribution of a Histogram or FloatHistogram series spreads over, 1 to 160 (default 40: at schema 3 a spread of about 30x between fast and slow requests). Only with -SeriesType Histogram or FloatHistogram.'
        Path             = 'One or more plan YAML files to read instead of planning a profile. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value.'
        LiteralPath      = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
    }
    Inputs      = @{ 'System.String' = 'Paths of plan files (with -Path).' }
    Outputs     = @{ 'ThanosLab.ThanosBlockPlan' = 'One plan per block, newest first, with MinTime and MaxTime as DateTimeOffset (millisecond precision), Labels, Series and counts.' }
    Notes       = 'The written blocks take their time range from the data: the first sample is one scrape interval after the planned MinTime.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = ''eu1'' } -MaxTime ([DateTimeOffset]''2024-01-01T00:00:00Z'')'
            Remarks = 'Plans the 13 blocks of a year of data for cluster eu1, the newest from 2024-01-01T00:00:00.001Z to 02:00:00.000Z.'
        }
        @{
            Code    = 'Get-ThanosBlockPlan continuous-30d-tiny -MaxTime -6h -ScrapeInterval ''30s'' | Export-ThanosBlockPlan ./plan.yaml'
            Remarks = 'Plans 30 days at a 30-second scrape interval, ending 6 hours ago, and saves it for thanosbench block gen.'
        }
        @{
            Code    = 'Get-ThanosBlockPlan -Path ./plan.yaml | Measure-Object -Property SampleCount -Sum'
            Remarks = 'Reads a plan written by thanosbench and counts its samples.'
        }
    )
    Links       = @('New-ThanosBlockData', 'Export-ThanosBlockPlan', 'about_ThanosLab')
}
