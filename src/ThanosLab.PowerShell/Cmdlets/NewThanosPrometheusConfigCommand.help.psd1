@{
    Synopsis    = 'Builds a Prometheus configuration (prometheus.yml): scrape interval, external labels and static scrape jobs.'
    Description = @'
New-ThanosPrometheusConfig returns a ThanosPrometheusConfig object: the global scrape and evaluation intervals, the external labels that Thanos uses to tell Prometheus replicas apart (the tutorial's cluster, replica and tenant) and static scrape jobs. Nothing is written: Export-ThanosConfig writes the object as YAML that Prometheus and `promtool check config` accept, and Start-ThanosPrometheus mounts it.

-IncludeLabComponents adds the tutorial's jobs for every lab component (prometheus on 9090, sidecar on 19090, minio on 9000 with /minio/prometheus/metrics, querier on 9091, store_gateway on 19091), so the lab's Prometheus monitors the lab. Further jobs from -ScrapeJob follow them.

Every value is checked as Prometheus would: label names must match [a-zA-Z_][a-zA-Z0-9_]* and may not start with __, values must be non-empty, targets are host:port without scheme or path, job names are unique, intervals are positive.
'@
    Parameters  = @{
        ScrapeInterval       = 'global.scrape_interval: how often every target is scraped. A TimeSpan or a quoted Prometheus duration such as ''5s''. Left out of the file when not given (Prometheus then uses 1m).'
        EvaluationInterval   = 'global.evaluation_interval: how often rules are evaluated. Left out of the file when not given (Prometheus then uses 1m).'
        ExternalLabel        = 'global.external_labels as a hashtable, such as @{ cluster = ''eu1''; replica = ''0''; tenant = ''team-eu'' }. The sidecar puts them on every block it uploads; the querier deduplicates on the replica label.'
        ScrapeJob            = 'Scrape jobs as hashtables or objects with Name, Targets (one or more host:port) and optionally MetricsPath (default /metrics), such as @{ Name = ''node''; Targets = ''127.0.0.1:9100'' }. ThanosScrapeJob objects from another configuration''s ScrapeJobs are accepted too, also from the pipeline.'
        IncludeLabComponents = 'Adds the tutorial''s scrape jobs for the lab components: prometheus, sidecar, minio, querier and store_gateway, on their tutorial ports.'
        LabHost              = 'The host of the lab components'' targets with -IncludeLabComponents (default 127.0.0.1, as in the tutorial''s host network).'
    }
    Inputs      = @{ 'ThanosLab.ThanosScrapeJob' = 'Scrape jobs (or hashtables with Name, Targets, MetricsPath) to add.' }
    Outputs     = @{ 'ThanosLab.ThanosPrometheusConfig' = 'The configuration, with ScrapeInterval, EvaluationInterval, ExternalLabels and ScrapeJobs; ToYaml() shows the text Export-ThanosConfig writes.' }
    Notes       = 'The YAML form is canonical: keys in Prometheus'' order, label values quoted only where YAML would read them as something other than text (replica: "0"). Import-ThanosConfig reads any spelling of the same settings.'
    Examples    = @(
        @{
            Code    = 'New-ThanosPrometheusConfig -ScrapeInterval ''5s'' -ExternalLabel ([ordered]@{ cluster = ''eu1''; replica = ''0''; tenant = ''team-eu'' }) -IncludeLabComponents'
            Remarks = 'The tutorial''s prometheus0_eu1.yml.'
        }
        @{
            Code    = 'New-ThanosPrometheusConfig -ScrapeInterval ''15s'' -ScrapeJob @{ Name = ''node''; Targets = ''10.0.0.1:9100'', ''10.0.0.2:9100'' } | Export-ThanosConfig -Path ./prometheus.yml'
            Remarks = 'One job with two targets, written to a file.'
        }
        @{
            Code    = '(New-ThanosPrometheusConfig -IncludeLabComponents -LabHost lab.example.com).ToYaml()'
            Remarks = 'Shows the YAML for lab components that run on another host.'
        }
    )
    Links       = @('Export-ThanosConfig', 'Import-ThanosConfig', 'Start-ThanosPrometheus', 'about_ThanosLab')
}
