@{
    Synopsis    = 'Lists the TSDB blocks of a local Prometheus data directory from their meta.json and file sizes.'
    Description = @'
Get-ThanosBlock reads the blocks of a local Prometheus/TSDB data directory (a Prometheus storage.tsdb.path, or an output directory of New-ThanosBlockData) the way Prometheus finds them: every directory whose name is a ULID and that holds a meta.json is a block. It emits one ThanosBlock per block, in name (creation) order, with the time range, statistics, compaction level, Thanos labels and the total size of the block's files.

Directories that are not blocks are skipped with a verbose note saying why: names that are not ULIDs, Prometheus' wal and chunks_head, unfinished blocks (*.tmp-for-creation, *.tmp-for-deletion) and ULID directories without a meta.json. A meta.json that cannot be parsed is a non-terminating error naming the file; the other blocks are still listed.

Get-ThanosBlock only reads meta.json. Pipe its output into Test-ThanosBlock to verify the blocks' index and chunks.
'@
    Parameters  = @{
        Path = 'One or more data directories. Wildcards are resolved like Resolve-Path; a path that does not exist is a non-terminating error. A block directory itself is accepted too and lists that block. Binds from the pipeline, also by the property names Path, FullName, PSPath and DataPath.'
        Id   = 'Only blocks whose ULID matches one of these patterns (wildcards allowed, case-insensitive), for example ''01HM*''. The filter applies to the directory name, before any meta.json is read.'
    }
    Inputs      = @{ 'System.String' = 'Data directory paths, or objects with a Path, FullName or DataPath property.' }
    Outputs     = @{ 'ThanosLab.ThanosBlock' = 'One object per block with Id, MinTime, MaxTime, Duration, Series, Samples, Chunks, Level, Resolution, Source, Labels, Path and SizeBytes.' }
    Notes       = 'The statistics come from meta.json, which Prometheus and Thanos trust without recounting; Test-ThanosBlock recounts them from the index and chunks.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlock -Path ./prom-eu1'
            Remarks = 'Lists the blocks of a data directory as a table: ULID, time range, series, samples, level, resolution, size and external labels.'
        }
        @{
            Code    = 'Get-ThanosBlock -Path ./prom-eu1 -Id ''01HM*'' -Verbose | Measure-Object Samples -Sum'
            Remarks = 'Sums the samples of the blocks whose ULID starts with 01HM, and says which directories were skipped and why.'
        }
        @{
            Code    = 'Get-ThanosBlock ./prom-eu1 | Test-ThanosBlock | Where-Object { -not $_.IsHealthy }'
            Remarks = 'Verifies every block of the directory and shows only the unhealthy ones.'
        }
    )
    Links       = @('Test-ThanosBlock', 'New-ThanosBlockData', 'about_ThanosLab')
}
