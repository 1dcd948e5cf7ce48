@{
    Synopsis         = 'Waits until components answer their readiness endpoint.'
    Description      = @'
Wait-ThanosComponent polls each component's readiness endpoint (/-/ready for Prometheus and Thanos, /minio/health/ready for MinIO) until it answers 200 and then returns the component. A component that stops meanwhile, or is not ready within -Timeout, is a non-terminating error carrying its last output.
'@
    SharedParameters = @('LabCmdlet', 'ComponentTargetCmdlet')
    Parameters       = @{
        Timeout = 'How long to wait for each component (default 2 minutes): a TimeSpan or a quoted duration such as ''30s'', from 0 (check once) to 7 days; anything else is the error TimeoutOutOfRange, before any wait.'
    }
    Inputs           = @{ 'ThanosLab.ThanosComponent' = 'Components to wait for.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'Each component once ready.' }
    Examples         = @(
        @{
            Code    = 'Get-ThanosComponent | Wait-ThanosComponent -Timeout ''30s'''
            Remarks = 'Waits until the whole lab is ready.'
        }
    )
    Links            = @('Get-ThanosComponent')
}
