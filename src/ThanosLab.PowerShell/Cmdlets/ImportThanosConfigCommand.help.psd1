@{
    Synopsis    = 'Reads a configuration file back into a configuration object.'
    Description = @'
Import-ThanosConfig reads an objstore configuration (bucket_storage.yaml) into a ThanosBucketConfig, as strictly as Thanos does: an unknown key is an error naming the key, only the first YAML document is read, and S3 and FILESYSTEM types are supported. The kind of file is told from its top-level keys.

Prometheus configurations (prometheus.yml) are recognised but not imported by this version: they give the error PrometheusConfigNotSupported.
'@
    Parameters  = @{
        Path = 'The configuration file(s) to read. Binds from the pipeline as strings or FileInfo objects.'
    }
    Inputs      = @{
        'System.String'     = 'Paths of configuration files.'
        'System.IO.FileInfo' = 'Configuration files, bound by FullName.'
    }
    Outputs     = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket configuration read from an objstore YAML file.' }
    Examples    = @(
        @{
            Code    = 'Import-ThanosConfig -Path ./bucket_storage.yaml | New-ThanosBucket'
            Remarks = 'Reads the tutorial''s bucket configuration and creates the bucket it names.'
        }
    )
    Links       = @('Export-ThanosConfig', 'New-ThanosBucketConfig')
}
