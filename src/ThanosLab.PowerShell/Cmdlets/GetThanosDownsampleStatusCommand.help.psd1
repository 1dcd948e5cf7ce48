@{
    Synopsis    = 'Says for each raw and 5m block in a bucket whether the compactor downsampled it, would downsample it, or why it will not.'
    Description = @'
Get-ThanosDownsampleStatus answers "why was nothing downsampled?". It reads the bucket once, as Test-ThanosBucket does (one recursive listing, one meta.json read per block and one read per deletion mark; nothing is changed), and returns one object per raw and 5m block with a readable meta.json, oldest first. 1h blocks are the last resolution and are not listed.

Status is one of:

Downsampled: every compaction source of the block is in a block of the next resolution (5m for a raw block, 1h for a 5m block); DownsampledTo names those blocks.

Eligible: the compactor would downsample the block but has not yet. Test-ThanosBucket reports these blocks as MissingDownsample findings.

NotEligible: the compactor leaves the block as it is, and Reason says why: the block spans less than 40 hours (raw) or 10 days (5m), the range the compactor waits for; it has a no-downsample-mark.json; its deletion mark is older than half of -DeleteDelay, so the compactor no longer sees it; or another block covers its sources and the compactor's deduplication leaves it out.

A deletion mark younger than half of -DeleteDelay does not stop the compactor: such a block is still Eligible, as it is for Thanos.
'@
    Parameters  = @{
        Bucket        = 'The bucket to look at: a configuration from New-ThanosBucketConfig or Import-ThanosConfig. Binds from the pipeline.'
        DeleteDelay   = 'The compactor''s --delete-delay (default 48h, as in Thanos): a TimeSpan or a quoted duration such as ''24h''. A deletion-marked block leaves the compactor''s view after half of it.'
        ThrottleLimit = 'How many meta.json and mark reads run at once (default 32, as Thanos'' --block-meta-fetch-concurrency; at most 64).'
    }
    Inputs      = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket to look at.' }
    Outputs     = @{ 'ThanosLab.ThanosDownsampleStatus' = 'Id, Resolution, TargetResolution, MinTime, MaxTime, Status (Downsampled, Eligible, NotEligible), DownsampledTo, MissingSources, Reason and BucketLocation.' }
    Notes       = 'A bucket without raw or 5m blocks writes a warning. The rules are those of Thanos'' compactor: raw to 5m from a span of 40 hours (maxTime - minTime), 5m to 1h from 10 days, one step at a time.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosDownsampleStatus -Bucket $bucket'
            Remarks = 'Lists every raw and 5m block with its downsampling status.'
        }
        @{
            Code    = 'Get-ThanosDownsampleStatus -Bucket $bucket | Where-Object Status -eq NotEligible | Group-Object Reason -NoElement'
            Remarks = 'Counts the blocks the compactor will not downsample, by reason.'
        }
        @{
            Code    = 'Get-ThanosDownsampleStatus -Bucket $bucket | Where-Object Status -eq Eligible | Set-ThanosBlockMark -Bucket $bucket -Kind NoDownsample -Details ''keep raw only'''
            Remarks = 'Gives every block still waiting for the downsampler a no-downsample mark, so the compactor leaves them at their resolution.'
        }
    )
    Links       = @('Test-ThanosBucket', 'Set-ThanosBlockMark', 'Invoke-ThanosDownsample', 'Get-ThanosBlock', 'about_ThanosLab')
}
