@{
    Synopsis         = 'Starts the Thanos compactor on a bucket: compaction, retention and downsampling.'
    Description      = @'
Start-ThanosCompactor starts `thanos compact` as step 4 of the tutorial: --wait with a 30 s --wait-interval, so it keeps compacting, and --consistency-delay 0s for a strongly consistent bucket such as MinIO; HTTP (and its bucket view) on 19095. It compacts the uploaded blocks, applies retention per resolution and downsamples (5 m for blocks spanning 40 h or more, 1 h for 10 days or more).
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        Bucket              = 'The bucket configuration from New-ThanosBucketConfig or Import-ThanosConfig, also by pipeline.'
        HttpPort            = 'The HTTP port (default 19095).'
        WaitInterval        = '--wait-interval: time between compaction runs (default 30s).'
        ConsistencyDelay    = '--consistency-delay: minimum age of fresh blocks before they are compacted (default 0s).'
        RetentionRaw        = '--retention.resolution-raw: how long raw data is kept; kept forever when left out.'
        Retention5m         = '--retention.resolution-5m: how long 5-minute downsampled data is kept.'
        Retention1h         = '--retention.resolution-1h: how long 1-hour downsampled data is kept.'
        DisableDownsampling = '--downsampling.disable: compact and apply retention, but do not downsample.'
    }
    Inputs           = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket to compact.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running compactor.' }
    Examples         = @(
        @{
            Code    = 'Start-ThanosCompactor -Bucket $bucket'
            Remarks = 'Step 4 of the tutorial.'
        }
        @{
            Code    = 'Start-ThanosCompactor -Bucket $bucket -RetentionRaw ''30d'' -Retention5m ''90d'' -Retention1h ''1y'''
            Remarks = 'Keeps raw data for 30 days and downsampled data longer.'
        }
    )
    Links            = @('Start-ThanosStoreGateway')
}
