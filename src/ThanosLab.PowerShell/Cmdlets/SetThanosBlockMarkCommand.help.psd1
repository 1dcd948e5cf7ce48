@{
    Synopsis    = 'Marks blocks in a bucket for deletion or to be left out of compaction or downsampling.'
    Description = @'
Set-ThanosBlockMark writes a marker object beside a block in the bucket, in Thanos' format: deletion-mark.json (the compactor deletes the block after its --delete-delay, 48 hours by default), no-compact-mark.json (the compactor leaves the block out of compaction) or no-downsample-mark.json (the compactor leaves the block at its resolution). The marker holds the block id, version 1, the optional details and the time of marking in Unix seconds; a no-compact or no-downsample mark also holds its reason.

Only blocks with a meta.json in the bucket can be marked. A marker that already exists is kept, with a warning, as Thanos keeps it: its time is what the delete delay counts from.

A deletion mark leads to the block's irreversible deletion, so it is asked for as a high-impact change: besides -WhatIf and -Confirm, each deletion mark asks once more ("Yes to All" answers for the rest of the pipeline) unless -Force, -Confirm:$false or $ConfirmPreference = 'None' is given. A host that cannot ask (a runbook run with -NonInteractive) stops with a ConfirmationRequired error before anything is written: add -Force there. No-compact and no-downsample marks are undone by Remove-ThanosBlockMark and ask nothing beyond -Confirm.
'@
    Parameters  = @{
        Id      = 'Block ULIDs. Binds by property name, so ThanosBlock objects from Get-ThanosBlock -Bucket and findings from Test-ThanosBucket (their Id holds the blocks to act on) can be piped.'
        Bucket  = 'The bucket that holds the blocks: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        Kind    = 'Deletion (deletion-mark.json), NoCompact (no-compact-mark.json) or NoDownsample (no-downsample-mark.json: the compactor leaves the block at its resolution).'
        Details = 'Free text saying why, stored in the marker (Thanos'' --details).'
        Force   = 'Write deletion marks without the extra question. Use it in unattended runbooks, after checking which blocks the pipeline selects (-WhatIf shows them).'
        Reason  = 'For NoCompact marks: manual (the default), index-size-exceeding, block-index-out-of-order-chunk or downsample-vertical-compaction. For NoDownsample marks only manual (the default), the one reason Thanos knows. Not accepted for deletion marks.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks from Get-ThanosBlock -Bucket.'; 'ThanosLab.ThanosBucketFinding' = 'Findings from Test-ThanosBucket: each block in their Id is marked.'; 'System.String' = 'Objects with an Id property.' }
    Outputs     = @{ 'ThanosLab.ThanosBlockMark' = 'The marker now in the bucket: Id, Kind, Time, Details, Reason, BucketLocation.' }
    Notes       = 'A block that is not in the bucket is a BlockNotFound error; the other blocks are still marked.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Bucket $bucket | Where-Object MaxTime -lt (Get-Date).AddDays(-90) | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion -Details ''older than 90 days'''
            Remarks = 'Marks every block that ended more than 90 days ago for deletion by the compactor, asking before the first mark (answer A, Yes to All, to mark them all).'
        }
        @{
            Code    = 'Get-ThanosBlock -Bucket $bucket -Id 01HK2M7J* | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion -Force'
            Remarks = 'In a runbook: marks the selected blocks for deletion without asking.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq Overlap | Set-ThanosBlockMark -Bucket $bucket -Kind NoCompact'
            Remarks = 'Gives every block of every overlap Test-ThanosBucket found a no-compact mark, one mark per block.'
        }
        @{
            Code    = 'Set-ThanosBlockMark -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Bucket $bucket -Kind NoCompact -WhatIf'
            Remarks = 'Shows which marker would be written, without writing it.'
        }
    )
    Links       = @('Remove-ThanosBlockMark', 'Get-ThanosBlock', 'Test-ThanosBucket', 'about_ThanosLab')
}
