@{
    Synopsis         = 'Starts a Thanos sidecar next to a Prometheus: query-only, or uploading blocks to a bucket.'
    Description      = @'
Start-ThanosSidecar takes the Prometheus that Start-ThanosPrometheus returned from the pipeline and starts `thanos sidecar` for it, with the tutorial's ports (HTTP 19090, gRPC StoreAPI 19190). Without -Bucket it is the query-only sidecar of step 1: the querier reads Prometheus' data through it.

With -Bucket it is the uploading sidecar of step 2: the bucket configuration is written owner-only into the lab state folder and mounted at /etc/thanos/minio-bucket.yaml, Prometheus' data directory at /prometheus, and every new block is shipped to the bucket. -UploadCompacted adds --shipper.upload-compacted, which also uploads the blocks Prometheus had before (the generated year) — only for data Thanos never saw.

It returns the sidecar once /-/ready answers; pipe it to Start-ThanosQuerier.
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        Prometheus      = 'The Prometheus component (from Start-ThanosPrometheus or Get-ThanosComponent), by pipeline.'
        PrometheusUrl   = 'Prometheus'' URL as the sidecar reaches it, for a Prometheus that ThanosLab did not start.'
        Bucket          = 'Upload mode: the bucket configuration from New-ThanosBucketConfig or Import-ThanosConfig.'
        DataPath        = 'Prometheus'' data directory for upload mode; default the DataPath of the piped Prometheus.'
        UploadCompacted = 'Also upload blocks that Prometheus compacted or that existed before the sidecar (--shipper.upload-compacted).'
        HttpPort        = 'The HTTP port (default 19090).'
        GrpcPort        = 'The gRPC StoreAPI port (default 19190).'
    }
    Inputs           = @{ 'ThanosLab.ThanosComponent' = 'The Prometheus to run beside.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running sidecar, with its GrpcEndpoint for the querier.' }
    Notes            = 'Keep Prometheus'' retention at 6 hours or more in upload mode, as a buffer for network partitions.'
    Examples         = @(
        @{
            Code    = '$prom | Start-ThanosSidecar | Start-ThanosQuerier -ReplicaLabel replica'
            Remarks = 'Step 1 of the tutorial: a query-only sidecar and a querier over it.'
        }
        @{
            Code    = '$prom | Start-ThanosSidecar -Bucket $bucket -UploadCompacted -Force'
            Remarks = 'Step 2: replaces the query-only sidecar with one that uploads every block, old and new, to the bucket.'
        }
    )
    Links            = @('Start-ThanosPrometheus', 'Start-ThanosQuerier', 'Stop-ThanosComponent')
}
