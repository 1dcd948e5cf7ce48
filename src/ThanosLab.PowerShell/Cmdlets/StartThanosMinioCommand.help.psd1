@{
    Synopsis         = 'Starts MinIO as the lab''s object store.'
    Description      = @'
Start-ThanosMinio starts MinIO as step 2 of the tutorial: the data directory mounted at /data, the access and secret keys in MINIO_ACCESS_KEY and MINIO_SECRET_KEY, and port 9000 published on Docker's default bridge (the tutorial runs MinIO with -p 9000:9000, not on the host network), on 127.0.0.1 only unless -ListenAddress 0.0.0.0 publishes it on all interfaces as the tutorial does. With -Runtime Process minio listens on the host itself (--address 127.0.0.1:9000). The secret key is passed only to the container's environment: -WhatIf and verbose output show it as ***.

Create the bucket with New-ThanosBucket (through the S3 API); the tutorial's `mkdir /root/minio/thanos` only works with MinIO's old file-system mode.
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        DataPath   = 'The directory MinIO keeps its buckets in. Must exist.'
        Credential = 'User name = access key, password = secret key (at least 8 characters), e.g. (Get-Credential minio).'
        HttpPort   = 'The S3 API port (default 9000).'
    }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running MinIO; its HttpEndpoint is the S3 endpoint.' }
    Examples         = @(
        @{
            Code    = 'Start-ThanosMinio -DataPath /root/minio -Credential (Get-Credential minio)'
            Remarks = 'MinIO on port 9000, as in the tutorial.'
        }
    )
    Links            = @('Start-ThanosSidecar', 'Stop-ThanosComponent')
}
