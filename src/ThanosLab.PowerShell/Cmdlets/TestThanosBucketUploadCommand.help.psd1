@{
    Synopsis    = 'Checks that every local block a sidecar or Publish-ThanosBlock would ship is complete in the bucket.'
    Description = @'
Test-ThanosBucketUpload compares local blocks with a bucket. For every block a shipper would upload (it has samples, and its compaction level is 1 or -UploadCompacted is given) it checks that the bucket has its meta.json, that the meta.json reads, that every chunk segment and the index are there with the local size (and the size recorded in meta.json), that recorded SHA-256 hashes match the local files, and that the uploaded meta.json carries the expected external labels (-Label).

It reads the bucket with one recursive listing plus one meta.json read per block, never a request per file, so it is cheap enough to poll: with -Wait it checks again every -Interval until everything passed or -Timeout has passed, for example while a sidecar is still uploading. While waiting, an object store that refuses connections, does not answer in time, answers with a server error (5xx) or does not have the bucket yet (a MinIO that is still starting) is waited for too (each attempt is described with -Verbose); if the wait ends in such a state, the error is BucketWaitTimedOut and names the last state. Bad credentials or a bad configuration end the wait at once.

When the data directory has a thanos.shipper.json, each block's status says whether the file lists it, and a block the file lists as uploaded but that is not complete in the bucket is called out: a sidecar would not upload it again.

The result has Passed and Blocks, one status per block: Uploaded, Missing (nothing in the bucket), Partial (objects but no meta.json), CorruptMeta, FileMissing, SizeMismatch, HashMismatch, LabelMismatch, or NotEligible (empty or compacted blocks a shipper does not upload, when they are not in the bucket), each with details naming the files. Passed is false when no block was checked at all.
'@
    Parameters  = @{
        Path            = 'Data directories, or single block directories. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value and by the property names Path (ThanosBlock objects) and DataPath.'
        LiteralPath     = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
        Bucket          = 'The bucket to check: a configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        Label           = 'External labels every uploaded meta.json must carry, as a hashtable such as @{ cluster = ''eu1'' } or strings such as ''cluster=eu1''. Without it, only that the uploaded meta.json has some external labels is checked.'
        UploadCompacted = 'Expect compacted blocks (level above 1) in the bucket too, as with a sidecar started with --shipper.upload-compacted.'
        Wait            = 'Check again until everything passed or -Timeout has passed, also while the object store cannot be reached or the bucket does not exist yet; shows progress while waiting.'
        Timeout         = 'How long -Wait waits (default 5 minutes): a TimeSpan or a quoted duration such as ''2m''.'
        Interval        = 'Time between checks with -Wait (default 2 seconds): a TimeSpan or a quoted duration such as ''5s''.'
        Quiet           = 'Return only $true or $false. A check over no block (an empty pipeline, a directory without blocks, an -Id that matches nothing) is $false with a warning, never a pass.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlock' = 'Local blocks (objects with a Path).'; 'System.String' = 'Objects with a Path, FullName or DataPath property.' }
    Outputs     = @{ 'ThanosLab.ThanosBucketUploadResult' = 'Passed, TimedOut, BucketLocation and Blocks (ThanosBlockUploadStatus: Id, Status, Details, Passed, InShipperState, Path, BucketLocation).'; 'System.Boolean' = 'With -Quiet.' }
    Notes       = 'A ULID directory whose meta.json does not read, whose index or chunks/ is missing, or that holds anything but regular files (FIFOs, devices, sockets, links leading out of the block), is a non-terminating error naming the block and makes the check fail; the other blocks are still checked. A FILESYSTEM bucket whose directory is the data directory or inside it is refused (BucketInsideDataDirectory). Failed blocks are also described with -Verbose. A timed-out wait writes a warning.'
    Examples    = @(
        @{
            Code    = 'Test-ThanosBucketUpload -Path ./prom-eu1 -Bucket $bucket -Label @{ cluster = ''eu1'' }'
            Remarks = 'Checks every block of ./prom-eu1 against the bucket and returns the result with one status per block.'
        }
        @{
            Code    = 'Test-ThanosBucketUpload -Path ./prom-eu1 -Bucket $bucket -Wait -Timeout ''2m'' -Quiet'
            Remarks = 'Waits up to two minutes for a sidecar to finish uploading; $true when every block arrived.'
        }
        @{
            Code    = '(Test-ThanosBucketUpload ./prom-eu1 -Bucket $bucket).Failed | Format-List Id, Status, Details'
            Remarks = 'Shows what is wrong with each block that did not pass.'
        }
    )
    Links       = @('Publish-ThanosBlock', 'Get-ThanosBlock', 'about_ThanosLab')
}
