@{
    Synopsis    = 'Writes one self-contained HTML file that draws the blocks of a bucket or a data directory on a timeline.'
    Description = @'
Export-ThanosBlockReport draws blocks the way `thanos tools bucket web` does, without a running Thanos: a time axis, one lane per stream (external labels) and resolution (raw, 5m, 1h), and each block a bar over its range, coloured by resolution and drawn paler and thinner the lower its compaction level. Blocks of one stream whose ranges intersect are outlined in red over a hatched band, as the bucket doctor's overlap check finds them. Deletion marks (struck through, DEL), no-compact (NC) and no-downsample (ND) marks are shown on their bars, and partial uploads (no meta.json) and blocks whose meta.json does not read sit in a lane of their own at their ULID's creation time. Hovering over a bar shows its id, range, level, series, samples, chunks, size, sources and marks; a click keeps them below the chart. The mouse wheel zooms, dragging pans, a double-click shows the whole range again.

The blocks come from -Bucket (one listing and one meta.json read per block, as Test-ThanosBucket reads a bucket) or from ThanosBlock objects on the pipeline (Get-ThanosBlock -Path or -Bucket). Findings of Test-ThanosBucket piped in, or found by -Check, are drawn on the blocks they name, and listed under the chart with their recommendation; a click on one shows its blocks.

The file holds everything it needs (its SVG is drawn by its own inline script from the data inside it) and loads nothing: its Content-Security-Policy forbids every load and allows only its own script and style, so it opens offline and can be attached to a ticket. Everything read from the bucket, labels included, is data the page shows as text and never markup. A lane with more blocks than there are pixels draws one bar per few pixels that holds them all (a click zooms into it), so 10,000 blocks stay readable.

The file is written through a temporary file and renamed into place; an existing file is not replaced unless -Force.
'@
    Parameters  = @{
        Path          = 'The HTML file to write, taken as written (no wildcards). Its directory must exist; an existing file is refused (FileExists) unless -Force.'
        Bucket        = 'Draw every block of this bucket: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        InputObject   = 'The blocks to draw: ThanosBlock objects from Get-ThanosBlock (-Path or -Bucket) or New-ThanosBlockData, from the pipeline.'
        Finding       = 'Findings of Test-ThanosBucket to draw on their blocks, from the pipeline or by name.'
        Check         = 'Also run the bucket doctor''s checks and draw their findings (a finding also piped in is drawn once). With -Bucket these are Test-ThanosBucket''s checks; with blocks from the pipeline only the checks that need no more than meta.json (overlap, duplicated compaction, missing downsampling), since the ages of deletion marks and partial uploads are not on the objects.'
        DeleteDelay   = 'With -Bucket: the compactor''s --delete-delay (default 48h), which decides whether a deletion-marked block still counts in an overlap.'
        ThrottleLimit = 'With -Bucket: how many meta.json and mark reads run at once (default 32, as Thanos'' --block-meta-fetch-concurrency; at most 64).'
        Title         = 'The heading of the report; by default the bucket''s location, or the directories that hold the blocks.'
        Force         = 'Replace an existing file.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks to draw.'; 'ThanosLab.ThanosBucketFinding' = 'Findings to draw on their blocks.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The report written.' }
    Notes       = 'Without any block nothing is written and a warning says so. -Verbose says how long the bucket read and the writing took and how large the file is. The console form of the same picture is Format-ThanosBlockTimeline.'
    Examples    = @(
        @{
            Code    = 'Export-ThanosBlockReport -Bucket $bucket -Path ./bucket.html -Check'
            Remarks = 'Draws every block of the bucket with the doctor''s findings on them, and returns the file.'
        }
        @{
            Code    = 'Get-ThanosBlock -Path ./data | Export-ThanosBlockReport -Path ./data.html'
            Remarks = 'Draws the blocks of a local data directory.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket | Export-ThanosBlockReport -Bucket $bucket -Path ./halt.html -Force'
            Remarks = 'Draws the findings of Test-ThanosBucket on the bucket''s blocks, replacing an earlier report.'
        }
        @{
            Code    = 'Get-ThanosBlock -Bucket $bucket -ExcludeDeleted | Export-ThanosBlockReport -Path ./live.html -Title ''what the compactor keeps'''
            Remarks = 'Draws only the blocks without a deletion mark, under a heading of your own.'
        }
    )
    Links       = @('Format-ThanosBlockTimeline', 'Get-ThanosBlock', 'Test-ThanosBucket', 'about_ThanosLab')
}
