@{
    Synopsis    = 'Checks downsampled blocks by recomputing them from their source blocks.'
    Description = @'
Test-ThanosDownsample answers the question a user has after the compactor's downsampling step: is its output right? For each 5m or 1h block it finds the block it was made from (raw for 5m, 5m for 1h, with the same compaction sources), downsamples every series of that source again with Thanos' algorithm, in memory and one series at a time, and compares every window — timestamp, count, sum, min, max and counter — bit for bit with the block's. A native-histogram series' window (Thanos 0.38 or later) is compared by its count and its sum and counter histograms: schema, zero threshold, count, zero count, sum and every bucket, matched by bucket index so that two layouts of the same histogram are equal. Chunk boundaries are not compared, only windows.

It emits one ThanosDownsampleTestResult per downsampled block with IsCorrect and the Differences found, each naming the series, the window's timestamp and what differs (for example "sum is 12.5; the source gives 12", or "sum histogram's positive bucket 3 holds 5; the source gives 4"); series missing on either side are differences too. Raw blocks are skipped with a warning. A downsampled block whose source cannot be found, or a block that cannot be read, is a non-terminating error.

With -Bucket it checks every 5m and 1h block with a readable meta.json in the bucket against the block one resolution down with the same compaction sources, also in the bucket. Each pair is downloaded into a private temporary directory, checked and deleted before the next (at most -ThrottleLimit pairs on disk at once); nothing in the bucket is changed. Path and SourcePath are then the blocks' bucket locations. A downsampled block whose source is no longer in the bucket (the compactor's raw retention, or a deletion, removed it) is not checked and is named in a warning; a block that does not download or read is a non-terminating error, and the others go on.
'@
    Parameters  = @{
        Path       = 'Downsampled block directories, or data directories whose downsampled blocks are all checked. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property name Path (so ThanosBlock objects bind).'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Bucket        = 'Check the downsampled blocks in this bucket against their sources there: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        ThrottleLimit = 'With -Bucket: how many pairs of blocks are downloaded and checked at once (default 2, at most 64).'
        SourcePath = 'Directories that hold the source blocks (data directories or block directories). By default the directory that holds each downsampled block, as in a bucket where all resolutions sit side by side.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Downsampled local blocks (bound by their Path).'; 'System.String' = 'Block or data directory paths.' }
    Outputs     = @{ 'ThanosLab.ThanosDownsampleTestResult' = 'Id, Path, Resolution, SourceId, SourcePath, IsCorrect, Differences (Series, Timestamp, Message), SeriesChecked and WindowsChecked per block.' }
    Notes       = 'At most 100 differences are listed per block; a last entry counts the rest. Native-histogram series are recomputed too: each window''s count, and its sum and counter histograms bucket by bucket.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock ./data | Where-Object Resolution -gt 0 | Test-ThanosDownsample'
            Remarks = 'Checks every 5m and 1h block of ./data against the raw and 5m blocks next to it.'
        }
        @{
            Code    = 'Test-ThanosDownsample -Path ./bucket-copy -SourcePath ./prom-eu1 | Where-Object { -not $_.IsCorrect } | ForEach-Object Differences'
            Remarks = 'Checks downsampled blocks copied from a bucket against the raw blocks of the Prometheus they came from, and lists what differs.'
        }
        @{
            Code    = 'Test-ThanosDownsample -Bucket $bucket | Where-Object { -not $_.IsCorrect }'
            Remarks = 'After the compactor''s downsampling step (or Invoke-ThanosDownsample -Bucket): recomputes every 5m and 1h block in the bucket from its source there and shows the blocks that differ.'
        }
    )
    Links       = @('Invoke-ThanosDownsample', 'Get-ThanosDownsampleStatus', 'Test-ThanosBlock', 'Get-ThanosSeries', 'about_ThanosLab')
}
