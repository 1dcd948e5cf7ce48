@{
    Synopsis    = 'Writes thanosbench-compatible Prometheus TSDB blocks from block plans or straight from a profile.'
    Description = @'
New-ThanosBlockData does what `thanosbench block gen` does, natively and without Docker: for every block plan it writes a Prometheus 2.x block (chunks, index v2, tombstones, meta.json with the Thanos section) into the output directory and emits a ThanosBlock object as soon as the block is complete.

The data is sample for sample the data thanosbench writes: each series draws its values from Go's math/rand seeded with the XXH64 hash of its labels and the external labels, so the same labels give the same values in every block and every run. Chunks are cut by Prometheus' head rule with thanosbench's 9999-hour chunk range; each block's time range comes from its data (first sample to last sample + 1 ms).

Give plans from Get-ThanosBlockPlan through the pipeline, or -Profile (with -Label, -MaxTime and the overrides of Get-ThanosBlockPlan) directly. Each block is written into <ULID>.tmp-for-creation and renamed when complete, so an error or Ctrl+C never leaves a directory that Prometheus or Thanos would load. Existing blocks are never overwritten.

Before the first block is written, every plan is checked against the output directory: a plan whose block would overlap an existing block with the same external labels (writing a plan again into the directory that holds its blocks, for example), or a block planned earlier in the same run, is refused with an error naming the blocks it overlaps, and the other plans are still written. Overlapping blocks must be merged by Prometheus, and a Thanos compactor halts on them once they are uploaded; -Force writes them anyway. The memory the writers need at once is estimated from the series and samples of the plans: plans beyond what this machine has available are refused, saying the estimate, and nothing is written.

Blocks are written -ThrottleLimit at a time, the largest first, and the series of each block are generated on every core and written in order. The progress bar shows samples and series written per second and, after the first second, the time left at that rate.

-Fault writes each block with one chosen defect, as a Thanos compactor meets it in a bucket, so that a compactor halt or a failing check can be reproduced: the block is generated as usual, then copied under the same ULID with the defect made in its first series (or its meta.json). OutOfOrderChunks lists two chunks in reverse time order (the compactor: "blocks with out-of-order chunks are dropped from compaction ... 1/5 series have an average of 1.000 out-of-order chunks"; it halts, or with --compact.skip-block-with-out-of-order-chunks marks the block no-compact); ChunkOutsideRange moves the last chunk an hour past meta.json's maxTime (the compactor halts: "block with not healthy index found ... found 1 chunks completely outside the block time range"); DuplicateSeries puts the first series in the index twice (the compactor fails the group: "gather index issues for block ...: series {...} out of order; previous {...}"); EmptyChunk inserts an XOR chunk without samples (Thanos' index check does not see it); WrongStats makes meta.json's stats claim one more sample, series and chunk (Thanos does not check them; Prometheus and promtool report the false series count). Test-ThanosBlock and Test-ThanosBucket -Deep find each of them; promtool tsdb analyze accepts them all. Overlapping blocks need no fault: write the same plan twice with -Force. docs/compactor-halts.md walks through each.

When the disk fills up, the unfinished block directory is removed and the error (DiskFull) names the output directory; the blocks completed before stay.
'@
    Parameters  = @{
        Plan             = 'Block plans from Get-ThanosBlockPlan (by pipeline). All plans are collected first, so one progress bar covers every sample.'
        Profile          = 'The thanosbench profile to plan and write: realistic-k8s-2d-small, realistic-k8s-1w-small, realistic-k8s-30d-tiny, realistic-k8s-365d-tiny, continuous-1w-small, continuous-30d-tiny, continuous-365d-tiny or continuous-1w-1series-10000apps. Tab completion lists them.'
        Label            = 'External labels of every block, as a hashtable such as @{ cluster = ''eu1'' }. They go into meta.json''s Thanos section and into every series'' seed. Names must match [a-zA-Z_][a-zA-Z0-9_]* and may not start with __; values must be non-empty single values (strings or numbers): a nested hashtable or a list is an error naming the label.'
        MaxTime          = 'Where the data ends: a DateTimeOffset or RFC 3339 string, or a duration relative to now such as -6h. Default -2h.'
        ScrapeInterval   = 'Time between samples of a series (default 15s). A TimeSpan or a quoted duration string such as ''30s''.'
        ChangeInterval   = 'How often a gauge jumps to a new level (default 1h).'
        Targets          = 'Series per metric, told apart by the __blockgen_target__ label. Default: the profile''s.'
        MetricsPerTarget = 'Metrics per target. Default: the profile''s.'
        Min              = 'Lowest starting value of a series (default 1e7).'
        Max              = 'Highest starting value of a series (default 2e8).'
        Jitter           = 'Size of the random change applied every change interval (default 3e7).'
        SeriesType       = 'Gauge (the default, as in every profile), Counter or Random; or, beyond thanosbench''s types, ThanosLab''s native histograms: Histogram (a counter latency histogram with integer counts and about one counter reset a day, stored in histogram chunks) or FloatHistogram (a gauge histogram of the last interval''s requests per second, stored in float histogram chunks). Prometheus 2.40 or later serves them (Debian''s 2.42 without any feature flag; the tutorial''s v2.20.0 image cannot); -Min, -Max and -Jitter do not apply to them.'
        HistogramSchema      = 'The exponential schema of a Histogram or FloatHistogram series, -4 to 8: bucket boundaries grow by 2^(2^-schema), so 3 (the default) gives buckets about 9% apart and 8 the finest. Only with -SeriesType Histogram or FloatHistogram.'
        HistogramBucketCount = 'About how many buckets the latency distribution of a Histogram or FloatHistogram series spreads over, 1 to 160 (default 40: at schema 3 a spread of about 30x between fast and slow requests). Only with -SeriesType Histogram or FloatHistogram.'
        OutputDirectory  = 'The directory that receives the block directories, for example the storage.tsdb.path of a Prometheus that is not running. Created when missing; a file at that path, or a directory that cannot be written, is an error.'
        Force            = 'Writes blocks even where they overlap existing blocks with the same external labels in the output directory. Without it such plans, and plans that overlap a plan given earlier in the same run, are refused, naming the blocks they overlap. Use it only to build overlapping data on purpose: Prometheus merges overlapping blocks at query time, and a Thanos compactor halts on them once they are uploaded.'
        Fault            = 'Writes every block with this defect: OutOfOrderChunks, ChunkOutsideRange, DuplicateSeries, EmptyChunk or WrongStats (see the description for the error Thanos gives for each). A fault that needs a series with two chunks is refused for a block that has none (FaultNotApplicable). Without -Fault the blocks are healthy.'
        ThrottleLimit    = 'How many blocks are written at the same time (default: the number of processors). Each block is written by one thread and holds its series'' labels and postings in memory, so the memory estimate adds up the largest blocks written together.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlockPlan' = 'Block plans from Get-ThanosBlockPlan.' }
    Outputs     = @{ 'ThanosLab.ThanosBlock' = 'One object per written block with Id, MinTime, MaxTime, Series, Samples, Chunks, Level, Source, Labels, Path and SizeBytes.' }
    Notes       = 'A plan that fails (for example because its labels are invalid) is reported as a non-terminating error; the other blocks are still written. Blocks are emitted in the order they finish, which with -ThrottleLimit above 1 may differ from the plan order.'
    Examples    = @(
        @{
            Code    = 'New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = ''one'' } -MaxTime ([DateTimeOffset]''2024-01-01T00:00:00Z'') -OutputDirectory ./data'
            Remarks = 'Writes the 13 blocks of a year of data (10,509,600 samples) into ./data, as `thanosbench block plan | block gen` would.'
        }
        @{
            Code    = 'Get-ThanosBlockPlan -Path ./plan.yaml | New-ThanosBlockData -OutputDirectory /var/lib/prometheus/metrics2 -WhatIf'
            Remarks = 'Shows which blocks a thanosbench plan file would produce, without writing anything.'
        }
        @{
            Code    = 'New-ThanosBlockData -Profile continuous-1w-small -SeriesType Counter -ScrapeInterval ''30s'' -OutputDirectory ./counters | Format-Table'
            Remarks = 'Writes a week of counters at a 30-second scrape interval, an override thanosbench does not offer.'
        }
        @{
            Code    = 'Get-ThanosBlockPlan -Profile continuous-30d-tiny | Select-Object -First 1 | New-ThanosBlockData -OutputDirectory ./bad -Fault OutOfOrderChunks | Test-ThanosBlock | Select-Object -ExpandProperty Issues'
            Remarks = 'Writes the newest block of the plan with out-of-order chunks in its first series and shows the issue Test-ThanosBlock reports; published to a bucket, it makes the compactor refuse the block.'
        }
        @{
            Code    = 'New-ThanosBlockData -Profile continuous-30d-tiny -SeriesType Histogram -HistogramSchema 2 -OutputDirectory ./histograms | Test-ThanosBlock'
            Remarks = 'Writes 30 days of native-histogram latency series (ThanosLab''s extension: neither thanosbench nor promtool writes native histograms) and decodes every histogram sample to check it.'
        }
    )
    Links       = @('Get-ThanosBlockPlan', 'Export-ThanosBlockPlan', 'about_ThanosLab')
}
