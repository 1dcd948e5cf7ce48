@{
    Synopsis         = 'Starts Prometheus on a TSDB data directory, as step 1 of the tutorial, and returns it once it is ready.'
    Description      = @'
Start-ThanosPrometheus runs Prometheus the way the Thanos long-term-storage tutorial does: the configuration mounted at /etc/prometheus/prometheus.yml, the data directory at /prometheus, -u root, 2h minimum and maximum block durations (so local compaction never competes with the bucket compactor), the lifecycle and admin APIs on for the sidecar. Unlike the tutorial it listens on 127.0.0.1 only (--web.listen-address=127.0.0.1:9090), so those APIs are not open to the network; -ListenAddress 0.0.0.0 gives the tutorial's --web.listen-address=:9090, with a warning. It waits until /-/ready answers and returns a ThanosComponent that Start-ThanosSidecar takes from the pipeline.

Without -Config or -ConfigPath it writes a minimal configuration: a 5 s scrape interval, Prometheus scraping itself, and external labels — -ExternalLabel, else the labels of the blocks already in the data directory (New-ThanosBlockData writes them), else cluster=<lab>. A sidecar needs external labels to upload.

Prometheus' retention never deletes the data it was pointed at unasked: without -RetentionTime the retention keeps every block in the data directory (see -RetentionTime), and a -RetentionTime that would delete blocks asks first.

A component with the same name that runs with the same specification is returned as it is; a different specification is an error unless -Force replaces it. The data directory must exist, and no other running component may use it: a second Prometheus on the same directory (another name or port, in Docker or as a process, in any lab) would share its WAL and blocks, so it is refused with the error DataPathInUse naming the running one; a port already in use is reported before anything starts; a Prometheus that exits during start-up is removed and the error carries its last output.
'@
    SharedParameters = @('LabCmdlet', 'StartComponentCmdlet')
    Parameters       = @{
        DataPath      = 'The TSDB directory Prometheus serves and writes, for example the -OutputDirectory of New-ThanosBlockData. Must exist.'
        Config        = 'A Prometheus configuration object from New-ThanosPrometheusConfig (or Import-ThanosConfig), also from the pipeline. ThanosLab writes it into the state folder and mounts it.'
        ConfigPath    = 'An existing prometheus.yml to mount as it is.'
        ExternalLabel = 'External labels of the generated configuration, as a hashtable such as @{ cluster = ''eu1''; replica = ''0'' }.'
        RetentionTime = '--storage.tsdb.retention.time, e.g. ''1000d'' as in the tutorial (quote it: a bare 1000d is a PowerShell number). Prometheus deletes every block that ends more than this before its newest data, which for a scraping Prometheus soon is now. When a retention given here would delete blocks of the data directory, Start-ThanosPrometheus asks first, naming how many and which; -Force or -Confirm:$false answers yes, and a session that cannot ask (pwsh -NonInteractive, a runbook) gets the error ConfirmationRequired and nothing starts. Left out, ThanosLab never uses Prometheus'' default (15d, which deletes generated data older than 15 days): it chooses a retention that keeps every block from the oldest one to now plus a year, in whole years of 365 days and at least the tutorial''s 1000d, and says so in the verbose output.'
        HttpPort      = 'The port of the web server, API and /-/ready (default 9090).'
        ExternalUrl   = '--web.external-url, the URL under which Prometheus is reached from outside.'
    }
    Inputs           = @{ 'ThanosLab.IThanosConfig' = 'A Prometheus configuration object.' }
    Outputs          = @{ 'ThanosLab.ThanosComponent' = 'The running Prometheus: Name, Kind, Runtime, Id, HttpEndpoint, Image, State, Lab, Network, DataPath.' }
    Notes            = 'Run -WhatIf to see the equivalent docker run command (or the process command line) without starting anything.'
    Examples         = @(
        @{
            Code    = 'New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = ''eu1'' } -OutputDirectory ./prom-eu1; Start-ThanosPrometheus -Name prometheus-0-eu1 -DataPath ./prom-eu1 -RetentionTime ''1000d'''
            Remarks = 'Step 1 of the tutorial: a year of data and a Prometheus serving it, in Docker on the host network.'
        }
        @{
            Code    = 'New-ThanosPrometheusConfig -ExternalLabel @{ cluster = ''eu1''; replica = ''0'' } -IncludeLabComponents | Start-ThanosPrometheus -DataPath ./prom-eu1 -Runtime Process'
            Remarks = 'Runs Debian''s prometheus binary as a process with the tutorial''s configuration.'
        }
    )
    Links            = @('Start-ThanosSidecar', 'Get-ThanosComponent', 'Stop-ThanosComponent', 'New-ThanosPrometheusConfig')
}
