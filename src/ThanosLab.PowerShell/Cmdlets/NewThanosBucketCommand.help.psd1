@{
    Synopsis    = 'Creates the bucket that a bucket configuration describes.'
    Description = @'
New-ThanosBucket creates the bucket through the S3 API (CreateBucket), or the directory of a FILESYSTEM bucket. The tutorial's "mkdir /root/minio/thanos" works only on MinIO's old filesystem mode; this works on any S3 server.

It is idempotent: a bucket that already exists is left as it is (-Verbose says which happened). It returns the configuration, so the pipeline can go on to Export-ThanosConfig or Publish-ThanosBlock.

Errors: InvalidCredentials for a wrong secret key or an unknown access key (the secret is never shown), EndpointUnreachable naming the endpoint, BucketOwnedByAnother when the name is taken by another account.
'@
    Parameters  = @{
        Bucket = 'The bucket configuration, from New-ThanosBucketConfig or Import-ThanosConfig.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBucketConfig' = 'Bucket configurations.' }
    Outputs     = @{ 'ThanosLab.ThanosBucketConfig' = 'The configuration of the bucket, which now exists.' }
    Examples    = @(
        @{
            Code    = 'New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure | New-ThanosBucket -Verbose'
            Remarks = 'Creates the bucket thanos on the local MinIO, or says it already exists.'
        }
    )
    Links       = @('New-ThanosBucketConfig', 'Export-ThanosConfig')
}
