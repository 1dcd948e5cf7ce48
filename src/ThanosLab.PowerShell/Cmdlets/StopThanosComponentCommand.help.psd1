@{
    Synopsis         = 'Stops and removes lab components; one call can stop a whole lab.'
    Description      = @'
Stop-ThanosComponent stops each component gracefully and removes it: a container is stopped (killed after -Timeout) and removed, and the thanoslab network goes with its last component; a process gets SIGTERM, SIGKILL after -Timeout, and its pid and state files are removed (its log stays in the state folder). Containers that ThanosLab did not start are never touched.
'@
    SharedParameters = @('LabCmdlet', 'ComponentTargetCmdlet')
    Parameters       = @{
        Timeout  = 'How long a component may take to shut down before it is killed (default 10 seconds).'
        PassThru = 'Write the stopped components.'
    }
    Inputs           = @{ 'ThanosLab.ThanosComponent' = 'Components to stop.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'With -PassThru, the stopped components.' }
    Examples         = @(
        @{
            Code    = 'Get-ThanosComponent -Lab thanoslab | Stop-ThanosComponent'
            Remarks = 'Stops the whole lab.'
        }
        @{
            Code    = 'Stop-ThanosComponent -Name querier -WhatIf'
            Remarks = 'Shows what would be stopped.'
        }
    )
    Links            = @('Get-ThanosComponent')
}
