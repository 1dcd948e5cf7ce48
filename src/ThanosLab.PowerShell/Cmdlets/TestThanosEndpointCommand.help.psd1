@{
    Synopsis    = 'Checks that lab components answer: their metrics page, /-/ready and /-/healthy.'
    Description = @'
Test-ThanosEndpoint runs the tutorial's checks (its verify scripts curl /metrics on 9090, 19090 and 9091) on each endpoint: GET /metrics, /-/ready and /-/healthy, all at once, each with -TimeoutSec. It returns one ThanosEndpointTest per endpoint with Passed, Metrics, Ready, Healthy and the individual Checks (status code, duration, first line of the answer or why it failed). MinIO components (Kind Minio) are checked on /minio/prometheus/metrics, /minio/health/ready and /minio/health/live.

An endpoint that does not answer is a failed result, not an error. With -Quiet the cmdlet returns a single boolean: whether every endpoint passed every check.
'@
    Parameters  = @{
        Endpoint   = 'The endpoints: URIs such as http://127.0.0.1:9090/, host:port strings, or ThanosComponents from the Start-* cmdlets or Get-ThanosComponent (by pipeline).'
        Name       = 'The name shown in the result; taken from a piped ThanosComponent. Default: host:port.'
        Kind       = 'The component kind, taken from a piped ThanosComponent: Minio selects MinIO''s health paths; every other kind uses /metrics, /-/ready and /-/healthy.'
        Quiet      = 'Return only $true when at least one endpoint was checked and every endpoint passed every check, otherwise $false. No endpoint at all (for instance Get-ThanosComponent finding nothing running) is $false with a warning. Failed checks are described in the verbose stream.'
        TimeoutSec = 'Seconds each check may take (default 10).'
    }
    Inputs      = @{
        'ThanosLab.ThanosComponent' = 'Components to check.'
        'System.Uri'                = 'Endpoints to check.'
    }
    Outputs     = @{
        'ThanosLab.ThanosEndpointTest' = 'One result per endpoint.'
        'System.Boolean'               = 'With -Quiet: whether all endpoints passed.'
    }
    Notes       = 'Prometheus answers /-/ready with 503 while it loads its blocks; poll Test-ThanosEndpoint -Quiet (or use Wait-ThanosComponent) until it passes.'
    Examples    = @(
        @{
            Code    = 'Test-ThanosEndpoint -Endpoint 127.0.0.1:9090, 127.0.0.1:19090, 127.0.0.1:9091'
            Remarks = 'The tutorial''s step 1 verification: Prometheus, sidecar and querier.'
        }
        @{
            Code    = 'Get-ThanosComponent | Test-ThanosEndpoint -Quiet'
            Remarks = '$true when every running lab component answers; $false (with a warning) when none is running.'
        }
    )
    Links       = @('Invoke-ThanosQuery', 'Get-ThanosStore', 'Wait-ThanosComponent', 'about_ThanosLab')
}
