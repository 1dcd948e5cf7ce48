# Native histograms through the packaged module: New-ThanosBlockData -SeriesType Histogram and
# FloatHistogram, Test-ThanosBlock decoding them, Get-ThanosSeries reading their samples and
# Invoke-ThanosQuery returning a real Prometheus 2.42's answer as the same sample objects.
BeforeDiscovery {
    $script:HavePrometheus = [bool](Get-Command prometheus -CommandType Application -ErrorAction SilentlyContinue)
    if (-not $HavePrometheus -and $env:CI -eq 'true') { throw 'Required component missing under CI=true: prometheus (apt-get install prometheus).' }
}

BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-hist-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:MaxTime = [DateTimeOffset]'2024-01-01T00:00:00Z'
    # The newest block of the plan: two hours of five series.
    $script:Counter = Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType Histogram -MaxTime $MaxTime | Select-Object -First 1 |
        New-ThanosBlockData -OutputDirectory (Join-Path $Root 'counter')
    $script:Gauge = Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType FloatHistogram -HistogramSchema 0 -HistogramBucketCount 8 -MaxTime $MaxTime | Select-Object -First 1 |
        New-ThanosBlockData -OutputDirectory (Join-Path $Root 'gauge')
}

AfterAll {
    if ($script:Process -and -not $Process.HasExited) { Stop-Process -Id $Process.Id -Force; $Process.WaitForExit() }
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Native-histogram blocks' {
    It 'writes and verifies both histogram types, every sample decoded' {
        $Counter.Samples | Should -Be 2400
        $Gauge.Samples | Should -Be 2400
        $r = $Counter, $Gauge | Test-ThanosBlock
        $r.IsHealthy | Should -Be @($true, $true)
        $r.SamplesChecked | Should -Be @(2400, 2400)
    }

    It 'reads histogram samples with their buckets' {
        $s = Get-ThanosSeries -Path $Gauge.Path -Match continuous_app_metric0
        $s.Samples.Count | Should -Be 480
        $h = $s.Samples[0]
        $h | Should -BeOfType ThanosLab.ThanosHistogramSample
        $h.Schema | Should -Be 0
        $h.Value | Should -Be $h.Count
        # Float counts: the buckets add up to the count but for rounding.
        [math]::Abs($h.Count - ($h.Buckets | Measure-Object Count -Sum).Sum) | Should -BeLessThan (1e-9 * $h.Count)
        $zero = $h.Buckets | Where-Object { $_.LowerInclusive -and $_.UpperInclusive }
        $h.ZeroCount | Should -Be ($zero ? $zero.Count : 0)
        $regular = $h.Buckets | Where-Object { -not $_.LowerInclusive }
        $regular | ForEach-Object { $_.Upper / $_.Lower | Should -Be 2 }
        ($h | Format-Table | Out-String) | Should -Match 'Count'
    }

    It 'refuses a histogram schema out of range, naming it' {
        { Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType Histogram -HistogramSchema 9 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidHistogramSchema,ThanosLab.Cmdlets.GetThanosBlockPlanCommand' -ExpectedMessage '*schema 9*-4 to 8*'
        { Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType Counter -HistogramBucketCount 10 -ErrorAction Stop } |
            Should -Throw -ErrorId 'HistogramShapeWithoutHistogram,ThanosLab.Cmdlets.GetThanosBlockPlanCommand'
    }
}

Describe 'Downsampling native-histogram blocks' {
    BeforeAll {
        # The plan's first block of at least 40 hours, which the compactor downsamples.
        $script:Raw = Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType Histogram -MaxTime $MaxTime |
            Where-Object { $_.MaxTime - $_.MinTime -ge [timespan]::FromHours(40) } | Select-Object -First 1 |
            New-ThanosBlockData -OutputDirectory (Join-Path $Root 'nh')
        $script:FiveMinutes = $Raw | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory (Join-Path $Root 'nh')
        $script:OneHour = $FiveMinutes | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory (Join-Path $Root 'nh') -WarningVariable skipped -WarningAction SilentlyContinue
        $script:Skipped = $skipped
    }

    It 'writes a 5m block that verifies, and says why the 7-day block gets no 1h block' {
        $FiveMinutes.Resolution | Should -Be ([timespan]'00:05:00')
        ($FiveMinutes | Test-ThanosBlock).IsHealthy | Should -BeTrue
        $OneHour | Should -BeNullOrEmpty
        "$Skipped" | Should -BeLike '*not downsampled to 1h*only from 240 h*'
    }

    It 'recomputes every window from the raw block and finds them equal' {
        $check = $FiveMinutes | Test-ThanosDownsample
        $check.IsCorrect | Should -BeTrue
        $check.SeriesChecked | Should -Be 5
        $check.WindowsChecked | Should -Be $FiveMinutes.Samples
    }

    It 'reads each window''s count with its sum and counter as histograms' {
        $raw = Get-ThanosSeries -Path $Raw.Path -Match continuous_app_metric0
        $windows = (Get-ThanosSeries -Path $FiveMinutes.Path -Match continuous_app_metric0).Samples
        ($windows | Measure-Object Count -Sum).Sum | Should -Be $raw.Samples.Count
        $w = $windows[1]
        $w.SumHistogram | Should -BeOfType ThanosLab.ThanosHistogramSample
        $w.CounterHistogram | Should -BeOfType ThanosLab.ThanosHistogramSample
        $w.Min | Should -BeNullOrEmpty
        $inWindow = $raw.Samples | Where-Object { $_.Timestamp -gt $windows[0].Timestamp -and $_.Timestamp -le $w.Timestamp }
        $w.Count | Should -Be $inWindow.Count
        $w.SumHistogram.Count | Should -Be ($inWindow | Measure-Object Count -Sum).Sum
    }
}

Describe 'Native histograms from a real Prometheus' -Skip:(-not $HavePrometheus) {
    BeforeAll {
        $data = Join-Path $Root 'prom'
        New-Item -ItemType Directory $data | Out-Null
        Copy-Item -Recurse $Counter.Path $data
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $configPath = Join-Path $Root 'prometheus.yml'
        [IO.File]::WriteAllText($configPath, "global:`n  scrape_interval: 15s`n")
        $script:Process = Start-Process prometheus -PassThru -RedirectStandardError (Join-Path $Root 'prometheus.log') -ArgumentList @(
            "--config.file=$configPath", "--storage.tsdb.path=$data", "--web.listen-address=127.0.0.1:$port", '--storage.tsdb.retention.time=1000d')
        $script:Prom = [ThanosLab.ThanosComponent]@{ Name = 'prometheus-hist'; Kind = 'Prometheus'; Runtime = 'Process'; Id = "$($Process.Id)"; HttpEndpoint = "http://127.0.0.1:$port/"; State = 'Running' }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not ($Prom | Test-ThanosEndpoint -Quiet -TimeoutSec 2) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
    }

    It 'answers an instant query with the histogram the block holds, as the same sample object' {
        $read = (Get-ThanosSeries -Path $Counter.Path -Match continuous_app_metric3).Samples
        foreach ($i in 0, 119, 120, 479) {
            $want = $read[$i]
            $got = Invoke-ThanosQuery -Endpoint $Prom -Query continuous_app_metric3 -Time $want.Timestamp
            $got.Samples | Should -HaveCount 1
            $sample = $got.Samples[0]
            $sample | Should -BeOfType ThanosLab.ThanosHistogramSample
            $sample.Timestamp | Should -Be $want.Timestamp
            $sample.Count, $sample.Sum, $sample.ZeroCount, $sample.Schema | Should -Be @($want.Count, $want.Sum, $want.ZeroCount, $want.Schema)
            ($sample.Buckets | ForEach-Object ToString) -join ';' | Should -Be (($want.Buckets | ForEach-Object ToString) -join ';')
        }
    }

    It 'returns every sample of a range query as histogram samples' {
        $first = $Counter.MinTime
        $range = $Prom | Invoke-ThanosQuery 'continuous_app_metric0' -Start $first -End $first.AddMinutes(10) -Step '15s'
        $range.Samples.Count | Should -Be 41
        $range.Samples | ForEach-Object { $_ | Should -BeOfType ThanosLab.ThanosHistogramSample }
        $range.Samples[-1].Count | Should -BeGreaterOrEqual $range.Samples[0].Count
    }
}
