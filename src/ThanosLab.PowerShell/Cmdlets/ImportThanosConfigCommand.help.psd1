@{
    Synopsis    = 'Reads a configuration file back into a configuration object.'
    Description = @'
Import-ThanosConfig reads an objstore configuration (bucket_storage.yaml) into a ThanosBucketConfig, as strictly as Thanos does: an unknown key is an error naming the key, only the first YAML document is read, and S3 and FILESYSTEM types are supported. A Prometheus configuration (prometheus.yml) becomes a ThanosPrometheusConfig, which Start-ThanosPrometheus takes as -Config; keys ThanosLab does not model are an error naming the key. The kind of file is told from its top-level keys. A file larger than 4 MiB (or a device that never ends) or YAML nested more than 64 levels deep is refused with an error naming the file and the limit.
'@
    Parameters  = @{
        Path = 'The configuration file(s) to read. Wildcards are resolved like Resolve-Path. Binds from the pipeline by value.'
        LiteralPath = 'Like -Path, but taken exactly as written: no wildcard expansion, so names with [ ] or * need no escaping. Binds by the property names PSPath and FullName, so Get-Item and Get-ChildItem output binds here.'
    }
    Inputs      = @{
        'System.String'     = 'Paths of configuration files.'
        'System.IO.FileInfo' = 'Configuration files, bound by FullName.'
    }
    Outputs     = @{
        'ThanosLab.ThanosBucketConfig'     = 'The bucket configuration read from an objstore YAML file.'
        'ThanosLab.ThanosPrometheusConfig' = 'The Prometheus configuration read from a prometheus.yml file.'
    }
    Examples    = @(
        @{
            Code    = 'Import-ThanosConfig -Path ./bucket_storage.yaml | New-ThanosBucket'
            Remarks = 'Reads the tutorial''s bucket configuration and creates the bucket it names.'
        }
        @{
            Code    = 'Start-ThanosPrometheus -DataPath ./prom-eu1 -Config (Import-ThanosConfig ./prometheus0_eu1.yml)'
            Remarks = 'Starts Prometheus with a configuration file written earlier by Export-ThanosConfig (or by hand).'
        }
    )
    Links       = @('Export-ThanosConfig', 'New-ThanosBucketConfig')
}
