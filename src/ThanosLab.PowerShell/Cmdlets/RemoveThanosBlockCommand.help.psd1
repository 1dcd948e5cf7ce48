@{
    Synopsis    = 'Deletes blocks from a bucket as Thanos does: a deletion mark by default, at once with -Force; by id or by the compactor''s retention rule.'
    Description = @'
Remove-ThanosBlock removes blocks the way Thanos removes them. By default it writes each block's deletion-mark.json, as Set-ThanosBlockMark -Kind Deletion does and as the compactor's retention does: the compactor stops compacting a marked block after half its --delete-delay and deletes it for good once the whole delay has passed, so readers have time to let go of it. With -Force it deletes the block's objects at once, in the order of Thanos' block.Delete: meta.json first, so that no store gateway or compactor loads a block whose files are going, then the index and chunks, then the marks, the deletion mark last. A block without meta.json (a partial upload) can only be deleted with -Force.

Give the blocks by id, or pipe ThanosBlock objects (Get-ThanosBlock -Bucket) or Test-ThanosBucket findings, which bind by their Id.

Or give a retention per resolution, as the compactor's --retention.resolution-raw, --retention.resolution-5m and --retention.resolution-1h flags: -RawOlderThan, -FiveMinuteOlderThan and -OneHourOlderThan (aliases -RetentionRaw, -Retention5m and -Retention1h, the names Start-ThanosCompactor uses). A block expires when the time (-At, now by default) is after its maxTime, cut to whole seconds, plus the retention of its resolution; this is Thanos' rule in pkg/compact/retention.go. A resolution without a retention (or with 0) is kept for ever, and no retention at all removes nothing: there is no default retention. With -WhatIf the command lists exactly the blocks the compactor's retention would delete, with each block's maxTime and when it expired, and changes nothing. Blocks whose meta.json is missing or does not read cannot be judged; they are named in a warning and left alone.

Every removal is a high-impact change: the command asks before each block unless -Confirm:$false (or $ConfirmPreference = 'None'), and in a host that cannot ask it stops with ConfirmationRequired.
'@
    Parameters  = @{
        Id                  = 'Block ULIDs. Binds by property name, so ThanosBlock objects and Test-ThanosBucket findings can be piped. An id that is not a ULID is InvalidBlockId; a block the bucket does not hold is BlockNotFound; either is reported for that id and the others go on.'
        Bucket              = 'The bucket that holds the blocks: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        RawOlderThan        = 'Retention of raw blocks, as --retention.resolution-raw: a TimeSpan or a duration such as ''30d''. Raw blocks whose maxTime is older than this (from -At) are removed. 0 keeps them for ever; a negative duration is NegativeRetention.'
        FiveMinuteOlderThan = 'Retention of 5m-downsampled blocks, as --retention.resolution-5m (see -RawOlderThan).'
        OneHourOlderThan    = 'Retention of 1h-downsampled blocks, as --retention.resolution-1h (see -RawOlderThan).'
        At                  = 'The time the retention is measured from (alias Now): now by default; give a DateTimeOffset to preview what a compactor would remove at another time.'
        Details             = 'Free text for the deletion marks. By default a retention mark says what the compactor writes, "block exceeding retention of 720h0m0s", and a mark by id says nothing.'
        Force               = 'Deletes the blocks'' objects at once (meta.json first, then the data, then the marks) instead of marking them for deletion. This cannot be undone, and the compactor''s delete delay no longer protects readers that still use the block.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks from Get-ThanosBlock -Bucket (by Id).'; 'ThanosLab.ThanosBucketFinding' = 'Findings from Test-ThanosBucket (by Id).' }
    Outputs     = @{ 'None' = 'Nothing; -Verbose names each mark written or block deleted, -WhatIf each block that would be.' }
    Notes       = 'Supports -WhatIf and -Confirm; ConfirmImpact is High. A block that already has a deletion mark keeps it (the compactor''s delay counts from it), with a warning.'
    Examples    = @(
        @{
            Code    = 'Remove-ThanosBlock -Bucket $bucket -RawOlderThan ''30d'' -FiveMinuteOlderThan ''90d'' -OneHourOlderThan ''1y'' -WhatIf'
            Remarks = 'Lists the blocks a compactor started with --retention.resolution-raw=30d --retention.resolution-5m=90d --retention.resolution-1h=1y would delete now, and changes nothing.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq DuplicateCompaction | Remove-ThanosBlock -Bucket $bucket'
            Remarks = 'Marks the blocks whose data another block already holds for deletion, as the compactor would, asking before each.'
        }
        @{
            Code    = 'Remove-ThanosBlock -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Bucket $bucket -Force -Confirm:$false'
            Remarks = 'Deletes a block at once without asking: meta.json first, then its index, chunks and marks.'
        }
    )
    Links       = @('Set-ThanosBlockMark', 'Test-ThanosBucket', 'Get-ThanosBlock', 'Start-ThanosCompactor', 'about_ThanosLab')
}
