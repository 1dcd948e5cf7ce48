@{
    Synopsis    = 'Describes a Thanos object-storage bucket: S3 or a local FILESYSTEM directory.'
    Description = @'
New-ThanosBucketConfig returns a ThanosBucketConfig: the objstore configuration (bucket_storage.yaml) that Thanos components read with --objstore.config-file. Pass it to Export-ThanosConfig to write the file, to New-ThanosBucket to create the bucket, and to any -Bucket parameter.

-FileSystem describes a bucket kept in a local directory (Thanos type FILESYSTEM): the object with key k is the file <Directory>/<Prefix>/k.

The object shows the type, location and prefix; it never shows a secret.
'@
    Parameters  = @{
        FileSystem = 'Describe a FILESYSTEM bucket kept in a local directory.'
        Directory  = 'The bucket directory of a FILESYSTEM bucket. A relative path is resolved against the current location and stored absolute. Binds from the FullName property of a DirectoryInfo.'
        Prefix     = 'A key prefix inside the bucket, such as tenant-a, so several labs can share one bucket. Leading and trailing slashes are dropped; segments . and .., empty segments and backslashes are rejected.'
    }
    Inputs      = @{ 'System.IO.DirectoryInfo' = 'A directory for -FileSystem, bound by its FullName.' }
    Outputs     = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket configuration.' }
    Examples    = @(
        @{
            Code    = 'New-ThanosBucketConfig -FileSystem -Directory ./bucket | Export-ThanosConfig -Path ./bucket_storage.yaml'
            Remarks = 'Describes a bucket in the local directory ./bucket and writes the objstore YAML that thanos tools read with --objstore.config-file.'
        }
    )
    Links       = @('Export-ThanosConfig', 'New-ThanosBucket')
}
