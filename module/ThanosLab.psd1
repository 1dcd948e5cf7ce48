@{
    RootModule             = 'ThanosLab.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6c2c3edd-63ca-4d3b-a620-4c4ac470a76f'
    Author                 = 'ThanosLab contributors'
    CompanyName            = 'ThanosLab'
    Copyright              = '(c) 2026 ThanosLab contributors. MIT License.'
    Description            = 'Build, run, verify and tear down the Thanos long-term-storage lab from PowerShell: generate a year of Prometheus TSDB blocks natively (thanosbench-compatible), write Prometheus and object-storage configs, upload and verify blocks in S3 or filesystem buckets, and drive Prometheus, Thanos sidecar, querier, store gateway, compactor and MinIO in Docker or as native processes.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('ThanosLab.format.ps1xml')
    CmdletsToExport        = @(
        'Export-ThanosBlockPlan'
        'Export-ThanosBlockReport'
        'Export-ThanosConfig'
        'Export-ThanosSeries'
        'Format-ThanosBlockTimeline'
        'Get-ThanosBlock'
        'Get-ThanosBlockPlan'
        'Get-ThanosComponent'
        'Get-ThanosDownsampleStatus'
        'Get-ThanosSeries'
        'Get-ThanosStore'
        'Import-ThanosConfig'
        'Invoke-ThanosDownsample'
        'Invoke-ThanosQuery'
        'New-ThanosBlockData'
        'New-ThanosBucket'
        'New-ThanosBucketConfig'
        'New-ThanosPrometheusConfig'
        'Publish-ThanosBlock'
        'Remove-ThanosBlock'
        'Remove-ThanosBlockMark'
        'Set-ThanosBlockMark'
        'Start-ThanosCompactor'
        'Start-ThanosMinio'
        'Start-ThanosPrometheus'
        'Start-ThanosQuerier'
        'Start-ThanosSidecar'
        'Start-ThanosStoreGateway'
        'Stop-ThanosComponent'
        'Test-ThanosBlock'
        'Test-ThanosBucket'
        'Test-ThanosBucketUpload'
        'Test-ThanosDownsample'
        'Test-ThanosEndpoint'
        'Wait-ThanosComponent'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Thanos', 'Prometheus', 'TSDB', 'Docker', 'S3', 'MinIO', 'Monitoring', 'Lab', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/thanoslab/ThanosLab'
            LicenseUri   = 'https://github.com/thanoslab/ThanosLab/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Get-ThanosBlockPlan and Export-ThanosBlockPlan: thanosbench's eight profiles and plan YAML.
'@
        }
    }
}
