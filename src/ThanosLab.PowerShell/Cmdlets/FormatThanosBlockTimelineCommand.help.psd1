@{
    Synopsis    = 'Draws blocks as a timeline of text lines, one lane per stream and resolution, for the terminal.'
    Description = @'
Format-ThanosBlockTimeline is the console form of Export-ThanosBlockReport's picture. It takes ThanosBlock objects (Get-ThanosBlock -Path or -Bucket, New-ThanosBlockData) and returns lines of text: a heading, the time axis with its first and last time (UTC) and how much time one column holds, then one line per stream (external labels) and resolution with its name, its blocks and how many there are.

A column shows the highest compaction level of the blocks in it as the height of a Unicode block: ▂ level 1, ▄ level 2, ▆ level 3, █ level 4 and up. A column with blocks that overlap others of their stream (as the bucket doctor's overlap check finds them) is ▒, one with a deletion-marked block ░; an empty column is a gap. The lines after the lanes name the overlapping groups, the deletion-, no-compact- and no-downsample-marked blocks, and the blocks without a readable meta.json.

The output is strings, so it pipes to Out-File or Set-Content as it is.
'@
    Parameters  = @{
        InputObject = 'The blocks to draw, from the pipeline.'
        Width       = 'How many columns the lines may take (40 to 1000). Without it, the console''s width, or 120 when output is redirected.'
        Title       = 'The heading; by default the directories or bucket that hold the blocks.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks to draw.' }
    Outputs     = @{ 'System.String' = 'The lines of the picture.' }
    Notes       = 'The ages of deletion marks are not on ThanosBlock objects, so a deletion-marked block counts in an overlap as a freshly marked one does. Export-ThanosBlockReport draws the same blocks in a browser, with details on each block.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Path ./data | Format-ThanosBlockTimeline'
            Remarks = 'Draws the blocks of a local data directory at the width of the console.'
        }
        @{
            Code    = 'Get-ThanosBlock -Bucket $bucket | Format-ThanosBlockTimeline -Width 100 | Out-File ./bucket.txt'
            Remarks = 'Writes the picture of a bucket, 100 columns wide, to a text file.'
        }
    )
    Links       = @('Export-ThanosBlockReport', 'Get-ThanosBlock', 'about_ThanosLab')
}
