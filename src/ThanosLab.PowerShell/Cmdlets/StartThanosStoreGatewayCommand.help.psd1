@{
    Synopsis         = 'Starts a Thanos store gateway that serves the blocks of a bucket.'
    Description      = @'
Start-ThanosStoreGateway starts `thanos store` over the bucket, as step 3 of the tutorial: the bucket configuration written owner-only into the lab state folder and mounted at /etc/thanos/minio-bucket.yaml, HTTP on 19091 and the gRPC StoreAPI on 19191. It returns the store gateway once /-/ready answers; pipe it, with the sidecar, to Start-ThanosQuerier.
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        Bucket   = 'The bucket configuration from New-ThanosBucketConfig or Import-ThanosConfig, also by pipeline.'
        HttpPort = 'The HTTP port (default 19091).'
        GrpcPort = 'The gRPC StoreAPI port (default 19191).'
    }
    Inputs           = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket to serve.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running store gateway, with its GrpcEndpoint.' }
    Examples         = @(
        @{
            Code    = '$store = Start-ThanosStoreGateway -Bucket $bucket'
            Remarks = 'Serves the uploaded year from the bucket.'
        }
    )
    Links            = @('Start-ThanosQuerier', 'Start-ThanosCompactor')
}
