@{
    Synopsis    = 'Writes a configuration object as the YAML file its component reads.'
    Description = @'
Export-ThanosConfig writes a ThanosBucketConfig as the objstore YAML (bucket_storage.yaml) that Thanos reads with --objstore.config-file, exactly as Thanos parses it: Thanos decodes the file strictly, so only keys with non-default values are written, which keeps the file readable by older Thanos releases.

A configuration that holds a secret (an S3 secret key) is created with mode 0600, readable by its owner only. The file is written to a temporary name and renamed, so it is never seen half-written. An existing file is an error unless -Force is given.
'@
    Parameters  = @{
        Path        = 'The file to write, such as ./bucket_storage.yaml, taken exactly as written (an output path has no wildcards, so -LiteralPath and -FilePath are aliases of it).'
        InputObject = 'The configuration: a ThanosBucketConfig from New-ThanosBucketConfig or Import-ThanosConfig. One per file.'
        Force       = 'Overwrite the file if it exists.'
        PassThru    = 'Return the written file as a FileInfo.'
    }
    Inputs      = @{ 'ThanosLab.IThanosConfig' = 'A configuration object, such as ThanosBucketConfig.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written file, with -PassThru.' }
    Examples    = @(
        @{
            Code    = 'New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure | Export-ThanosConfig -Path ./bucket_storage.yaml'
            Remarks = 'Writes the bucket configuration with mode 0600, because it holds the secret key.'
        }
    )
    Links       = @('Import-ThanosConfig', 'New-ThanosBucketConfig')
}
