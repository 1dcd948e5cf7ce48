@{
    Synopsis    = 'Uploads local TSDB blocks to an object-storage bucket, as the Thanos sidecar and `thanos tools bucket upload-blocks` do.'
    Description = @'
Publish-ThanosBlock ships the blocks of a data directory to a bucket with Thanos' shipper rules. Blocks are taken oldest first (by minTime). A block listed in the directory's thanos.shipper.json is skipped without asking the bucket; a block without samples is skipped; a block of compaction level above 1 is skipped unless -UploadCompacted is given; a block whose meta.json is already in the bucket is not uploaded again, only recorded.

The shipper's rule for recorded blocks is right for the bucket they were shipped to (a compactor may have compacted them away since, and uploading them again would make overlapping blocks), but silently wrong for another bucket. So the bucket's blocks are read once whenever recorded blocks are skipped: recorded blocks that are neither in the bucket nor among the compaction sources of a block there are named in a warning (with their count), and so are recorded blocks that are in the bucket with other values for the external labels -Label asks for. -Force ignores thanos.shipper.json and uploads every block the bucket does not have.

Every block directory is listed before anything is uploaded: a block whose index or chunks/ is missing, or that holds anything but regular files (a FIFO, a device, a socket, or a link leading out of the block), is a non-terminating error naming the block, and the other blocks are uploaded. No file is read past the size it had when it was listed.

Each block is uploaded in Thanos' order: its chunk segments, then its index, then meta.json last. meta.json is the commit point: until it exists every Thanos component treats the block as a partial upload and ignores it, so an error or Ctrl+C never exposes a half-uploaded block, and running the command again completes it. The uploaded meta.json gets the Thanos section an upload writes: the external labels (-Label, merged over the block's own), source bucket.upload, segment_files, files with sizes (and SHA-256 hashes with -HashFunction SHA256), index_stats and upload_time. The local block is not changed. tombstones are not uploaded.

Afterwards thanos.shipper.json in the data directory lists, in minTime order, every local block that is now in the bucket; it is written through a temporary file and a rename, also when the upload failed or was stopped.

Thanos refuses blocks without external labels: a block that would get none is an error before anything is uploaded. A compacted block that overlaps a block with the same labels already in the bucket is refused too, as Thanos refuses it. A FILESYSTEM bucket whose directory is the data directory, or inside it, is refused (BucketInsideDataDirectory): its objects would mix with the local blocks.

Transfers run in parallel across files and blocks (-ThrottleLimit). One ThanosBlock, with BucketLocation set, is emitted per block as soon as its meta.json is in the bucket.
'@
    Parameters  = @{
        Path            = 'Data directories (a Prometheus storage.tsdb.path, or a New-ThanosBlockData output directory), or single block directories. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property names Path (so ThanosBlock objects from Get-ThanosBlock or New-ThanosBlockData can be piped) and DataPath. For a block directory, the shipper state of its parent directory is used.'
        LiteralPath     = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Bucket          = 'The bucket to upload to: a configuration from New-ThanosBucketConfig or Import-ThanosConfig. A bucket that does not exist is a BucketNotFound error (create it with New-ThanosBucket).'
        Label           = 'External labels for the uploaded meta.json, as a hashtable such as @{ cluster = ''eu1''; replica = ''0'' } or as strings such as ''cluster=eu1'' (Thanos'' --label ''cluster="eu1"'' form works too). Merged over the labels already in the blocks'' Thanos section. The result must not be empty.'
        UploadCompacted = 'Also upload blocks of compaction level above 1, as the sidecar''s --shipper.upload-compacted does. Needed for data that Prometheus has already compacted locally.'
        HashFunction    = 'None (default) or SHA256: record a SHA-256 hash of every chunk segment and the index in meta.json''s files, as Thanos'' --hash-func=SHA256 does. Test-ThanosBucketUpload then also compares the hashes.'
        ThrottleLimit   = 'How many objects are transferred at the same time, across files and blocks (default 8).'
        Force           = 'Ignore thanos.shipper.json: every block whose meta.json is not in the bucket is uploaded, also blocks the file records as uploaded. Use it to publish a data directory to a second bucket. Risk: if a compactor has compacted recorded blocks away in this bucket, uploading them again makes blocks that overlap their compacted successor, which halts the compactor; check first that the bucket has no block compacted from them (the warning without -Force tells). A block already in the bucket is still not uploaded again. The file is rewritten afterwards with the blocks recorded before and those now in the bucket.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Blocks with a local Path (from Get-ThanosBlock or New-ThanosBlockData).'; 'System.String' = 'Objects with a Path, FullName or DataPath property.' }
    Outputs     = @{ 'ThanosLab.ThanosBlock' = 'One object per uploaded block, with the uploaded labels and source, Path and BucketLocation.' }
    Notes       = 'Skipped blocks are reported with -Verbose and the reason. A ULID directory whose meta.json does not read, or whose files are incomplete or not regular files, is a non-terminating error naming the block; the other blocks are uploaded. -WhatIf lists the blocks that would be uploaded and writes nothing, not even thanos.shipper.json.'
    Examples    = @(
        @{
            Code    = '$bucket = New-ThanosBucketConfig -FileSystem -Directory ./bucket; Publish-ThanosBlock -Path ./prom-eu1 -Bucket $bucket -Label @{ cluster = ''eu1''; replica = ''0'' }'
            Remarks = 'Uploads every block of ./prom-eu1 with the external labels cluster="eu1", replica="0", and records them in ./prom-eu1/thanos.shipper.json.'
        }
        @{
            Code    = 'Get-ThanosBlock ./prom-eu1 | Where-Object MinTime -lt (Get-Date).AddDays(-30) | Publish-ThanosBlock -Bucket $bucket -Label ''cluster=eu1'' -HashFunction SHA256'
            Remarks = 'Uploads only the blocks older than 30 days, with SHA-256 hashes in their meta.json.'
        }
        @{
            Code    = 'Publish-ThanosBlock ./prom-eu1 -Bucket $bucket -Label @{ cluster = ''eu1'' } -UploadCompacted -WhatIf -Verbose'
            Remarks = 'Shows which blocks would be uploaded, including compacted ones, and why the others would be skipped.'
        }
        @{
            Code    = 'Publish-ThanosBlock ./prom-eu1 -Bucket $second -Label @{ cluster = ''eu1'' } -Force'
            Remarks = 'Publishes a data directory already shipped to one bucket to a second, empty bucket: without -Force every block would be skipped as recorded in thanos.shipper.json (with a warning naming them).'
        }
    )
    Links       = @('Test-ThanosBucketUpload', 'Get-ThanosBlock', 'New-ThanosBucketConfig', 'about_ThanosLab')
}
