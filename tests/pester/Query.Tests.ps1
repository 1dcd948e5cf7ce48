# Invoke-ThanosQuery, Get-ThanosStore, Test-ThanosEndpoint and New-ThanosPrometheusConfig through the
# packaged module, against a real Prometheus 2.42 (Debian's) that runs on generated blocks with a
# configuration written by New-ThanosPrometheusConfig.
BeforeDiscovery {
    $script:HavePrometheus = [bool](Get-Command prometheus -CommandType Application -ErrorAction SilentlyContinue)
    if (-not $HavePrometheus -and $env:CI -eq 'true') { throw 'Required component missing under CI=true: prometheus (apt-get install prometheus).' }
}

BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-query-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Data = Join-Path $Root 'data'
    $script:MaxTime = [DateTimeOffset]'2024-01-01T00:00:00Z'
    $script:Process = $null
    if (-not (Get-Command prometheus -CommandType Application -ErrorAction SilentlyContinue)) { return }

    $script:Blocks = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'eu1' } -MaxTime $MaxTime -OutputDirectory $Data
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $script:Port = $listener.LocalEndpoint.Port; $listener.Stop()
    $config = New-ThanosPrometheusConfig -ScrapeInterval '1s' -ExternalLabel @{ cluster = 'eu1'; replica = '0' } -ScrapeJob @{ Name = 'self'; Targets = "127.0.0.1:$Port" }
    $configPath = Join-Path $Root 'prometheus.yml'
    [IO.File]::WriteAllText($configPath, $config.ToYaml())
    $script:Process = Start-Process prometheus -PassThru -RedirectStandardError (Join-Path $Root 'prometheus.log') -ArgumentList @(
        "--config.file=$configPath", "--storage.tsdb.path=$Data", "--web.listen-address=127.0.0.1:$Port",
        '--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h', '--storage.tsdb.retention.time=1000d')
    $script:Prom = [ThanosLab.ThanosComponent]@{ Name = 'prometheus-0-eu1'; Kind = 'Prometheus'; Runtime = 'Process'; Id = "$($Process.Id)"; HttpEndpoint = "http://127.0.0.1:$Port/"; State = 'Running' }
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not ($Prom | Test-ThanosEndpoint -Quiet -TimeoutSec 2) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
}

AfterAll {
    if ($Process -and -not $Process.HasExited) { Stop-Process -Id $Process.Id -Force; $Process.WaitForExit() }
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Query cmdlets against a real Prometheus' -Skip:(-not $HavePrometheus) {
    It 'answers Test-ThanosEndpoint for a component from the pipeline' {
        $r = $Prom | Test-ThanosEndpoint
        $r | Should -BeOfType ThanosLab.ThanosEndpointTest
        $r.Name | Should -Be 'prometheus-0-eu1'
        $r.Passed | Should -BeTrue
        ($r | Format-Table | Out-String) | Should -Match 'prometheus-0-eu1'
    }

    It 'returns the 30 days of every series from a range query at step 1h' {
        $series = $Prom | Invoke-ThanosQuery '{__name__=~"continuous_app_metric.*"}' -Start $MaxTime.AddDays(-31) -End $MaxTime -Step '1h'
        $series.Count | Should -Be 5
        $series[0] | Should -BeOfType ThanosLab.ThanosQuerySeries
        $series.Name | Should -Be @('continuous_app_metric0', 'continuous_app_metric1', 'continuous_app_metric2', 'continuous_app_metric3', 'continuous_app_metric4')
        # A step has a point when a block holds a sample at most 5 minutes before it (samples are 15 s apart).
        $expected = 0
        for ($t = $MaxTime.AddDays(-31); $t -le $MaxTime; $t = $t.AddHours(1)) {
            if ($Blocks | Where-Object { $_.MinTime -le $t -and $t -le $_.MaxTime.AddMinutes(5) }) { $expected++ }
        }
        $expected | Should -BeGreaterThan 700
        foreach ($s in $series) { $s.Samples.Count | Should -Be $expected }
        $series[0].Samples[0].Timestamp | Should -BeOfType [DateTimeOffset]
        ($series | Format-Table | Out-String) | Should -Match 'continuous_app_metric4\{__blockgen_target__="1"\}'
    }

    It 'scrapes the target that New-ThanosPrometheusConfig configured, with its external labels' {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do { $up = $Prom | Invoke-ThanosQuery 'up{job="self"}'; if (-not $up) { Start-Sleep -Milliseconds 500 } } while (-not $up -and [DateTime]::UtcNow -lt $deadline)
        $up.Samples[0].Value | Should -Be 1
        $up.Labels.instance | Should -Be "127.0.0.1:$Port"
        $flags = Invoke-RestMethod "http://127.0.0.1:$Port/api/v1/status/config"
        $flags.data.yaml | Should -Match 'replica: "0"'
    }

    It 'reports malformed PromQL as an error record with the parser message' {
        { $Prom | Invoke-ThanosQuery 'sum(' -ErrorAction Stop } | Should -Throw -ErrorId 'QueryBadData,ThanosLab.Cmdlets.InvokeThanosQueryCommand' -ExpectedMessage '*bad_data*'
    }

    It 'says Prometheus is not a querier when asked for stores' {
        { $Prom | Get-ThanosStore -ErrorAction Stop } | Should -Throw -ErrorId 'StoresApiNotFound,ThanosLab.Cmdlets.GetThanosStoreCommand'
    }

    It 'returns $false for a dead port with -Quiet and a result object without' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $dead = $listener.LocalEndpoint.Port; $listener.Stop()
        Test-ThanosEndpoint -Endpoint "127.0.0.1:$dead" -Quiet -TimeoutSec 5 | Should -BeFalse
        (Test-ThanosEndpoint -Endpoint "127.0.0.1:$dead" -TimeoutSec 5).Checks.Message | Should -Match 'refused'
        { Invoke-ThanosQuery up -Endpoint "127.0.0.1:$dead" -TimeoutSec 5 -ErrorAction Stop } | Should -Throw -ErrorId 'EndpointUnreachable,ThanosLab.Cmdlets.InvokeThanosQueryCommand'
    }
}

Describe 'Query output views' {
    It 'shows a store with its labels and time range' {
        $store = [ThanosLab.ThanosStore]@{ Name = '127.0.0.1:19191'; Type = 'store'; Labels = @([ordered]@{ cluster = 'eu1'; replica = '0' }); MinTime = [DateTimeOffset]'2023-01-01T00:00:00Z'; MaxTime = [DateTimeOffset]'2024-01-01T00:00:00Z' }
        $text = $store | Format-Table | Out-String -Width 200
        $text | Should -Match '\{cluster="eu1", replica="0"\}'
        $text | Should -Match '2023-01-01 00:00:00 +2024-01-01 00:00:00'
    }

    It 'shows a Prometheus configuration with its jobs' {
        $text = New-ThanosPrometheusConfig -ScrapeInterval '5s' -ExternalLabel @{ cluster = 'eu1' } -IncludeLabComponents | Format-Table | Out-String -Width 250
        $text | Should -Match '00:00:05'
        $text | Should -Match 'store_gateway \(127\.0\.0\.1:19091\)'
    }
}
