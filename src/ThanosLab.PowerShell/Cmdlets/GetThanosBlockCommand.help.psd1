@{
    Synopsis    = 'Lists the TSDB blocks of a local Prometheus data directory, or of an object-storage bucket, from their meta.json.'
    Description = @'
Get-ThanosBlock reads the blocks of a local Prometheus/TSDB data directory (a Prometheus storage.tsdb.path, or an output directory of New-ThanosBlockData) the way Prometheus finds them: every directory whose name is a ULID and that holds a meta.json is a block. It emits one ThanosBlock per block, in name (creation) order, with the time range, statistics, compaction level, Thanos labels and the total size of the block's files.

Directories that are not blocks are skipped with a verbose note saying why: names that are not ULIDs, Prometheus' wal and chunks_head, unfinished blocks (*.tmp-for-creation, *.tmp-for-deletion) and ULID directories without a meta.json. A meta.json that Prometheus or Thanos would refuse (invalid JSON, a field of the wrong type, a version other than 1, a missing stats or compaction, a time outside the years 1 to 9999), or that is not a regular file (a FIFO, a device, a link out of the block), is a non-terminating error naming the file and the field; the other blocks are still listed.

Get-ThanosBlock only reads meta.json. Pipe its output into Test-ThanosBlock to verify the blocks' index and chunks.

With -Bucket it lists the blocks in a bucket (S3 or FILESYSTEM) the way Thanos' bucket tools see them: one recursive listing of the bucket plus one meta.json read per block, never a request per file. Sizes come from the files recorded in meta.json (from the listing when none are recorded); DeletionMarked, NoCompactMarked and NoDownsampleMarked show the marker objects; a block prefix without meta.json is listed with IsPartial set (an upload in progress or interrupted, invisible to Thanos). A meta.json that does not read is a non-terminating error naming the object, and the block is still listed with what the listing shows. Keys that are not under a ULID prefix, or that contain '..', are ignored.
'@
    Parameters  = @{
        Path = 'One or more data directories. Wildcards are resolved like Resolve-Path; a path that does not exist is a non-terminating error. A block directory itself is accepted too and lists that block. Binds from the pipeline by value, also by the property names Path and DataPath.'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Bucket         = 'A bucket configuration from New-ThanosBucketConfig or Import-ThanosConfig: list the blocks in that bucket instead of a local directory. Binds from the pipeline.'
        ExcludeDeleted = 'With -Bucket: leave out blocks that carry a deletion mark, as thanos tools bucket ls --exclude-delete does.'
        ThrottleLimit  = 'With -Bucket: how many meta.json objects are read at the same time (default 32, as Thanos'' --block-meta-fetch-concurrency).'
        Id   = 'Only blocks whose ULID matches one of these patterns (wildcards allowed, case-insensitive), for example ''01HM*''. The filter applies to the directory name, before any meta.json is read.'
    }
    Inputs      = @{ 'System.String' = 'Data directory paths, or objects with a Path, FullName or DataPath property.'; 'ThanosLab.ThanosBucketConfig' = 'A bucket to list.' }
    Outputs     = @{ 'ThanosLab.ThanosBlock' = 'One object per block with Id, MinTime, MaxTime, Duration, Series, Samples, Chunks, Level, Resolution, Source, Sources (the compaction sources), Labels, Path and SizeBytes.' }
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
        @{
            Code    = '$bucket = New-ThanosBucketConfig -FileSystem -Directory ./bucket; Get-ThanosBlock -Bucket $bucket | Where-Object { $_.IsPartial -or $_.DeletionMarked }'
            Remarks = 'Shows the blocks of a bucket that are partial uploads or marked for deletion.'
        }
    )
    Links       = @('Test-ThanosBlock', 'New-ThanosBlockData', 'about_ThanosLab')
}
