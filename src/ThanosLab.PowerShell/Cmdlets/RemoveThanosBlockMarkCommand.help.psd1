@{
    Synopsis    = 'Removes a deletion, no-compact or no-downsample mark from blocks in a bucket.'
    Description = @'
Remove-ThanosBlockMark deletes a block's deletion-mark.json, no-compact-mark.json or no-downsample-mark.json from the bucket, so the compactor no longer deletes the block, or compacts or downsamples it again. Removing a deletion mark only helps before the compactor has deleted the block.

A block without that marker gets a warning; nothing else changes.
'@
    Parameters  = @{
        Id     = 'Block ULIDs. Binds by property name, so ThanosBlock or ThanosBlockMark objects can be piped.'
        Bucket = 'The bucket that holds the blocks: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        PassThru = 'Write one ThanosBlockMark (Id, Kind, BucketLocation) per marker removed; blocks that had no such marker write nothing.'
        Kind   = 'Deletion (deletion-mark.json), NoCompact (no-compact-mark.json) or NoDownsample (no-downsample-mark.json). Binds by property name from ThanosBlockMark objects.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlockMark' = 'Markers from Set-ThanosBlockMark.'; 'ThanosLab.ThanosBlock' = 'Blocks from Get-ThanosBlock -Bucket (with -Kind).' }
    Outputs     = @{ 'None' = 'Nothing, by default.'; 'ThanosLab.ThanosBlockMark' = 'With -PassThru: each removed marker (Id, Kind, BucketLocation; Time and Details are not read back).' }
    Notes       = 'Supports -WhatIf and -Confirm.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Bucket $bucket | Where-Object DeletionMarked | Remove-ThanosBlockMark -Bucket $bucket -Kind Deletion'
            Remarks = 'Takes back every deletion mark in the bucket.'
        }
        @{
            Code    = 'Remove-ThanosBlockMark -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Bucket $bucket -Kind NoCompact'
            Remarks = 'Lets the compactor compact the block again.'
        }
    )
    Links       = @('Set-ThanosBlockMark', 'Get-ThanosBlock', 'about_ThanosLab')
}
