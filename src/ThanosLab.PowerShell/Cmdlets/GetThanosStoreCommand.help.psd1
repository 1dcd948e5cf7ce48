@{
    Synopsis    = 'Lists the store endpoints a Thanos querier knows, as its Stores page shows them.'
    Description = @'
Get-ThanosStore reads the querier's /api/v1/stores and returns one ThanosStore per StoreAPI endpoint: Name (the gRPC address), Type (sidecar, store, rule, receive …), Labels (the external label sets it announces), MinTime and MaxTime (the data it serves), LastCheck and LastError (its last health check).

The tutorial checks on the Stores page that the sidecar appears with its external labels and, later, that the store gateway serves the bucket's year; these objects let a runbook assert the same. Prometheus itself has no store list: pointing Get-ThanosStore at it is a StoresApiNotFound error.
'@
    Parameters  = @{
        Endpoint   = 'The querier: a URI such as http://127.0.0.1:9091/, a host:port, or the ThanosComponent from Start-ThanosQuerier (by pipeline).'
        TimeoutSec = 'Seconds the request may take (default 120).'
    }
    Inputs      = @{
        'ThanosLab.ThanosComponent' = 'Queriers whose HttpEndpoint is asked.'
        'System.Uri'                = 'Querier endpoints.'
    }
    Outputs     = @{ 'ThanosLab.ThanosStore' = 'One object per store endpoint, sorted by type and name.' }
    Notes       = 'MinTime and MaxTime are empty for a store that has not yet told its range.'
    Examples    = @(
        @{
            Code    = 'Get-ThanosStore -Endpoint http://127.0.0.1:9091'
            Remarks = 'The querier''s stores with their labels and time ranges.'
        }
        @{
            Code    = '$querier | Get-ThanosStore | Where-Object { $_.Type -eq ''sidecar'' -and $_.Labels.cluster -eq ''eu1'' -and -not $_.LastError }'
            Remarks = 'Checks that the eu1 sidecar is connected and healthy.'
        }
    )
    Links       = @('Invoke-ThanosQuery', 'Start-ThanosQuerier', 'about_ThanosLab')
}
