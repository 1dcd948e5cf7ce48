@{
    Synopsis    = 'Downsamples TSDB blocks to 5-minute or 1-hour resolution, as the Thanos compactor does: local blocks, or every due block of a bucket.'
    Description = @'
Invoke-ThanosDownsample turns raw blocks into 5m blocks (-Resolution 5m) and 5m blocks into 1h blocks (-Resolution 1h) with Thanos' own algorithm: every sample falls into the window ending at t - t % r + r - 1, and each window stores count, sum, min, max and a counter with resets applied; the last window of a chunk is stamped with its last sample's time; NaN and stale markers are left out; chunks aim at 140 windows; 5m blocks are re-aggregated from their aggregates. The result is an ordinary block directory whose chunks use Thanos' aggregate encoding (0xFF) and whose meta.json carries the resolution, source "compactor", the source block's range, labels and compaction, new stats, segment files and files list. Thanos Store and Querier serve it; Prometheus cannot read aggregate chunks.

The compactor's rules decide what is downsampled: a raw block only when it spans at least 40 hours, a 5m block only when it spans at least 10 days, and only one step at a time. A block that does not qualify is skipped with a warning that names the rule, and nothing is written for it. A block whose sources a block of the target resolution in -OutputDirectory already covers is an error (DownsampledBlockExists): the result is never written twice.

Each block is written series by series into a temporary directory that is renamed into place only when complete, so memory stays one series and a failure or Ctrl+C leaves nothing half-written. One ThanosBlock is written to the pipeline per block downsampled. An unreadable or corrupt block is a non-terminating error; the other blocks go on.

With -Bucket it does what the compactor's downsampling pass does on a bucket, so its downsampling can be reproduced without Thanos. It reads the bucket once (the survey Get-ThanosDownsampleStatus reports, with the same rules: span, no-downsample mark, deletion marks older than half of -DeleteDelay, blocks the compactor's deduplication leaves out) and takes every Eligible block: a block whose sources no block of the target resolution covers yet. Each is downloaded into a private temporary directory, downsampled as above, and uploaded as Thanos uploads a block: chunk segments, then the index, then meta.json last, which carries the source's external labels, the resolution, source "compactor", the source's compaction sources, the files list and the upload time. Without -Resolution it does both of the compactor's steps: raw to 5m, then reads the bucket again and downsamples 5m blocks to 1h, so the 1h step sees the 5m blocks just made. -ThrottleLimit blocks are downsampled at once; progress shows each block downloading, downsampling and uploading.

What each step leaves alone is said: a block that is not eligible in a warning that names the rule, a block already downsampled in verbose output (-Verbose), and a step with nothing to do in a warning with the counts, so a second run says why it wrote nothing. If an upload fails or is stopped (Ctrl+C), whatever of that block had arrived is deleted again, meta.json first; since meta.json is written last, no reader ever saw the block. Temporary files are removed on every way out. Credentials that may read but not write the bucket fail with AccessDenied at the first write, with nothing left behind. -WhatIf reads the bucket and says which blocks would be downloaded and which blocks written, including the 1h blocks that would follow from the new 5m blocks, and writes nothing.
'@
    Parameters  = @{
        Path            = 'Block directories, or data directories whose blocks are all considered. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property name Path (so ThanosBlock objects from Get-ThanosBlock, New-ThanosBlockData and Invoke-ThanosDownsample bind).'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Resolution      = 'The target resolution: 5m (from raw blocks) or 1h (from 5m blocks). With -Bucket it may be left out: then raw blocks are downsampled to 5m, and 5m blocks (those just made included) to 1h, as the compactor does.'
        Bucket          = 'Run the compactor''s downsampling pass on this bucket: a configuration from New-ThanosBucketConfig or Import-ThanosConfig. Blocks are read from it and the downsampled blocks written to it.'
        DeleteDelay     = 'With -Bucket: the compactor''s --delete-delay (default 48h, as in Thanos), a TimeSpan or a quoted duration such as ''24h''. A block whose deletion mark is older than half of it is out of the compactor''s view and is not downsampled.'
        ThrottleLimit   = 'With -Bucket: how many blocks are downloaded, downsampled and uploaded at once, and how many object transfers run at once across them (default 2, at most 64; the compactor''s --downsample.concurrency is 1 by default).'
        OutputDirectory = 'The directory the downsampled blocks are written into; created when missing. It may be the data directory the blocks come from, as in a Thanos bucket where all resolutions sit side by side.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Local blocks (bound by their Path).'; 'System.String' = 'Block or data directory paths.' }
    Outputs     = @{ 'ThanosLab.ThanosBlock' = 'One per block written: the new block with its Resolution, range, stats and Path (local), or its BucketLocation (-Bucket).' }
    Notes       = 'Thanos lets an absent aggregate set a re-aggregated chunk''s start time to 0; ThanosLab takes the chunk''s first window instead. The new block has an empty tombstones file and no index_stats or upload_time (an upload adds them). Native-histogram series are downsampled as Thanos >= 0.38 does: count as XOR, sum and counter as float histograms at the lowest schema of each chunk''s histograms, min and max absent; a series that switches between floats and histograms is downsampled run by run. A histogram series whose zero threshold changes between windows of one chunk is refused, naming the series: Thanos would start a new sub-chunk there and lose the windows before it.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Path ./data | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory ./data'
            Remarks = 'Downsamples every raw block of at least 40 hours to 5 minutes, next to the raw blocks; shorter blocks are skipped with a warning.'
        }
        @{
            Code    = 'Get-ThanosBlock -Path ./data | Where-Object Resolution -eq ([timespan]''00:05:00'') | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory ./data'
            Remarks = 'Downsamples the 5m blocks of at least 10 days to 1 hour.'
        }
        @{
            Code    = 'Invoke-ThanosDownsample -Path ./data -Resolution 5m -OutputDirectory ./data -WhatIf'
            Remarks = 'Shows which blocks would be downsampled, and warns about the ones the compactor would leave alone, without writing anything.'
        }
        @{
            Code    = 'Invoke-ThanosDownsample -Bucket $bucket; Get-ThanosDownsampleStatus -Bucket $bucket; Test-ThanosDownsample -Bucket $bucket'
            Remarks = 'Does the compactor''s downsampling on the bucket (raw to 5m, then 5m to 1h), then shows that every eligible block is downsampled and recomputes every downsampled block from its source.'
        }
        @{
            Code    = 'Invoke-ThanosDownsample -Bucket $bucket -Resolution 5m -WhatIf'
            Remarks = 'Says which raw blocks of the bucket would be downloaded and downsampled to 5m, and warns about the blocks the compactor leaves alone, without writing anything.'
        }
        @{
            Code    = 'Invoke-ThanosDownsample ./data -Resolution 5m -OutputDirectory ./5m | Test-ThanosBlock'
            Remarks = 'Downsamples and verifies each new block, aggregate chunks included.'
        }
        @{
            Code    = 'New-ThanosBlockData -Profile continuous-30d-tiny -SeriesType Histogram -OutputDirectory ./nh | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory ./nh-5m | Get-ThanosSeries -Match ''{__name__=~".+"}'' | Select-Object -First 1 -ExpandProperty Samples'
            Remarks = 'Downsamples native-histogram blocks: each window has a Count, and its sum and counter are histograms.'
        }
    )
    Links       = @('Get-ThanosDownsampleStatus', 'Test-ThanosDownsample', 'Get-ThanosBlock', 'Test-ThanosBlock', 'New-ThanosBlockData', 'about_ThanosLab')
}
