@{
    Synopsis    = 'Writes block plans as a thanosbench plan YAML stream.'
    Description = @'
Export-ThanosBlockPlan writes plan objects from Get-ThanosBlockPlan in the YAML stream that `thanosbench block plan` prints and `thanosbench block gen` reads: one document per block, keys as yaml.v2 writes them. The file is written to a temporary name and renamed, so it is never seen half-written.
'@
    Parameters  = @{
        Path        = 'The file to write, taken exactly as written (an output path has no wildcards, so -LiteralPath and -FilePath are aliases of it).'
        InputObject = 'Plan objects, usually from Get-ThanosBlockPlan through the pipeline.'
        Force       = 'Overwrite the file if it exists.'
        PassThru    = 'Return the written file as a FileInfo.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBlockPlan' = 'Plans from Get-ThanosBlockPlan.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written file, with -PassThru.' }
    Examples    = @(
        @{
            Code    = 'Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = ''eu1'' } | Export-ThanosBlockPlan -Path ./plan.yaml'
            Remarks = 'Saves the plan; `thanosbench block gen --output.dir ./data < plan.yaml` generates the same blocks as New-ThanosBlockData.'
        }
    )
    Links       = @('Get-ThanosBlockPlan')
}
