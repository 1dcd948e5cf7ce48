@{
    Synopsis         = 'Starts a Thanos querier over the StoreAPI components from the pipeline.'
    Description      = @'
Start-ThanosQuerier collects every sidecar and store gateway piped to it and starts one `thanos query` over their gRPC StoreAPIs, on the tutorial's HTTP port 9091. The StoreAPI flag follows the image: --store up to Thanos v0.26 (the tutorial's), --endpoint from v0.27 on, and for tags that are not versions.

-ReplicaLabel names the external labels that tell replicas apart (the tutorial's replica), so their series are deduplicated. Piping a component without a StoreAPI (Prometheus, MinIO, a compactor) is a non-terminating error; the others are still used.
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        Store        = 'Sidecars and store gateways, by pipeline; all are collected before the querier starts.'
        StoreAddress = 'StoreAPI addresses (host:port) of components that ThanosLab did not start.'
        ReplicaLabel = 'External labels to deduplicate on, such as replica (--query.replica-label).'
        HttpPort     = 'The HTTP port of the query API and UI (default 9091).'
    }
    Inputs           = @{ 'ThanosLab.ThanosComponent' = 'Sidecars and store gateways.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running querier; its HttpEndpoint takes PromQL queries.' }
    Notes            = 'To add a store to a running querier, start it again with all stores and -Force, as the tutorial restarts it in step 3.'
    Examples         = @(
        @{
            Code    = '$sidecar, $store | Start-ThanosQuerier -ReplicaLabel replica -Force'
            Remarks = 'Step 3 of the tutorial: the querier over the sidecar and the store gateway.'
        }
    )
    Links            = @('Start-ThanosSidecar', 'Start-ThanosStoreGateway')
}
