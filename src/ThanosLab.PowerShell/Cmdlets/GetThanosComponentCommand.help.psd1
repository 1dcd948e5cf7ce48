@{
    Synopsis         = 'Lists lab components in Docker and as processes, also those started in earlier sessions.'
    Description      = @'
Get-ThanosComponent finds ThanosLab's containers by their thanoslab.component and thanoslab.lab labels and its processes by the pid files in the lab state folders (a pid counts as running only while it still runs the recorded binary). Without -Lab it lists every lab; without -Runtime both runtimes, and a Docker daemon that does not answer is then only mentioned in the verbose stream.

Pipe the result to Wait-ThanosComponent or Stop-ThanosComponent.
'@
    SharedParameters = @('LabCmdlet')
    Parameters       = @{
        Name    = 'Component names; wildcards allowed (default *). Tab completion lists the running components.'
        Runtime = 'Docker or Process; both when left out.'
        Kind    = 'Only these kinds: Prometheus, Sidecar, Querier, StoreGateway, Compactor, Minio.'
    }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'One object per component.' }
    Examples         = @(
        @{
            Code    = 'Get-ThanosComponent -Lab thanoslab'
            Remarks = 'Lists the tutorial lab.'
        }
        @{
            Code    = 'Get-ThanosComponent -Kind Sidecar, StoreGateway | Start-ThanosQuerier -ReplicaLabel replica -Force'
            Remarks = 'Restarts the querier over every store of the lab.'
        }
    )
    Links            = @('Wait-ThanosComponent', 'Stop-ThanosComponent')
}
