# The runbook examples/lts-tutorial.ps1 under -WhatIf: it must start nothing, write nothing, and
# show for each step the tutorial's own `docker run` command (tutorial-reference.md, steps 1-4).
# Docker's options are compared as a set (docker reads them in any order, and the course orders
# them differently from one command to the next); the image and everything after it token for
# token. Host-side mount paths are the lab's, not the course's /root/..., so only the container
# side of each -v is compared.
BeforeAll {
    function ConvertTo-RunShape([string] $Command) {
        $tokens = @(($Command -replace '\\\s*\n', ' ') -split '\s+' | Where-Object { $_ } | ForEach-Object { $_.Trim('"') })
        $image = [Array]::FindIndex([string[]]$tokens, [Predicate[string]] { param($t) $t -match '^(quay\.io|minio)/' })
        $options = [System.Collections.Generic.List[string]]::new()
        for ($i = 2; $i -lt $image; $i++) {
            $t = $tokens[$i]
            if ($t -in '-v', '-p', '-e', '-u', '--name') { $i++; $v = $tokens[$i]; if ($t -eq '-v') { $v = ($v -split ':', 2)[1] }; $options.Add("$t $v") }
            else { $options.Add($t) }
        }
        [pscustomobject]@{ Options = ($options | Sort-Object) -join ' | '; Command = $tokens[$image..($tokens.Count - 1)] -join ' ' }
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-runbook-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $runbook = Join-Path $PSScriptRoot '../../examples/lts-tutorial.ps1'
    $script = "& '$runbook' -ModuleManifest '$env:THANOSLAB_MANIFEST' -WorkDirectory '$work' -WhatIf"
    $output = @(& dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
    $exit = $LASTEXITCODE
    $started = @($output | Where-Object { $_ -match '^What if: Performing the operation "Start ' } |
            ForEach-Object { if ($_ -match 'on target "(docker run .*)"\.$') { ConvertTo-RunShape $Matches[1] } })
}

AfterAll {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'examples/lts-tutorial.ps1 -WhatIf' {
    It 'exits 0, writes nothing and starts nothing' {
        $output -join "`n" | Should -Not -Match 'FAILED'
        $exit | Should -Be 0
        Test-Path $work | Should -BeFalse
    }

    It 'shows the course''s docker run commands of steps 1-4, in order' {
        $expected = @(
            # Step 1 (the course also passes --web.external-url, its own public address)
            'docker run -d --net=host --rm -v /root/editor/prometheus0_eu1.yml:/etc/prometheus/prometheus.yml -v /root/prom-eu1:/prometheus -u root --name prometheus-0-eu1 quay.io/prometheus/prometheus:v2.20.0 --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.retention.time=1000d --storage.tsdb.path=/prometheus --storage.tsdb.max-block-duration=2h --storage.tsdb.min-block-duration=2h --web.listen-address=:9090 --web.enable-lifecycle --web.enable-admin-api'
            'docker run -d --net=host --rm --name prometheus-0-eu1-sidecar -u root quay.io/thanos/thanos:v0.26.0 sidecar --http-address 0.0.0.0:19090 --grpc-address 0.0.0.0:19190 --prometheus.url http://127.0.0.1:9090'
            'docker run -d --net=host --rm --name querier quay.io/thanos/thanos:v0.26.0 query --http-address 0.0.0.0:9091 --query.replica-label replica --store 127.0.0.1:19190'
            # Step 2 (the secret is masked in what ThanosLab shows)
            'docker run -d --rm --name minio -v /root/minio:/data -p 9000:9000 -e "MINIO_ACCESS_KEY=minio" -e "MINIO_SECRET_KEY=***" minio/minio:RELEASE.2019-01-31T00-31-19Z server /data'
            'docker run -d --net=host --rm -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml -v /root/prom-eu1:/prometheus --name prometheus-0-eu1-sidecar -u root quay.io/thanos/thanos:v0.26.0 sidecar --tsdb.path /prometheus --objstore.config-file /etc/thanos/minio-bucket.yaml --shipper.upload-compacted --http-address 0.0.0.0:19090 --grpc-address 0.0.0.0:19190 --prometheus.url http://127.0.0.1:9090'
            # Step 3
            'docker run -d --net=host --rm -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml --name store-gateway quay.io/thanos/thanos:v0.26.0 store --objstore.config-file /etc/thanos/minio-bucket.yaml --http-address 0.0.0.0:19091 --grpc-address 0.0.0.0:19191'
            'docker run -d --net=host --rm --name querier quay.io/thanos/thanos:v0.26.0 query --http-address 0.0.0.0:9091 --query.replica-label replica --store 127.0.0.1:19190 --store 127.0.0.1:19191'
            # Step 4
            'docker run -d --net=host --rm -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml --name thanos-compact quay.io/thanos/thanos:v0.26.0 compact --wait --wait-interval 30s --consistency-delay 0s --objstore.config-file /etc/thanos/minio-bucket.yaml --http-address 0.0.0.0:19095'
        ) | ForEach-Object { ConvertTo-RunShape $_ }
        $started.Count | Should -Be $expected.Count
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $started[$i].Command | Should -BeExactly $expected[$i].Command -Because "command $($i + 1)"
            $started[$i].Options | Should -BeExactly $expected[$i].Options -Because "docker options of command $($i + 1)"
        }
    }

    It 'names the checks of each step, the three of the compactor''s output in step 4 among them' {
        $planned = @($output | Where-Object { $_ -match '^\s*\[planned\] check: ' } | ForEach-Object { ($_ -replace '^\s*\[planned\] check: ', '') })
        . (Join-Path $PSScriptRoot '../../examples/downsampling-checks.ps1')
        $step4 = @(Get-DownsamplingCheck -Bucket 'only the names are read' | ForEach-Object What)
        $step4.Count | Should -Be 3
        $planned | Should -Contain 'generated blocks are healthy'
        $at = [Array]::IndexOf([string[]]$planned, $step4[0])
        $at | Should -BeGreaterThan 0
        $planned[$at..($at + 2)] | Should -Be $step4
        $planned[$at + 3] | Should -Be 'a query at max source resolution 5m answers for the year'
    }

    It 'never shows the MinIO secret' {
        $output -join "`n" | Should -Not -Match 'melovethanos'
    }
}

# The runbook's step-4 checks on a directory bucket, where Invoke-ThanosDownsample -Bucket does the
# compactor's downsampling (Thanos itself cannot be had here): they fail before it, pass after it, and
# fail again when a downsampled block no longer matches its source.
Describe 'the runbook''s checks of the compactor''s output (examples/downsampling-checks.ps1)' {
    BeforeAll {
        Import-Module $env:THANOSLAB_MANIFEST -Force
        . (Join-Path $PSScriptRoot '../../examples/downsampling-checks.ps1')
        $script:Lab = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-step4-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $script:BucketDir = Join-Path $Lab 'bucket'
        $null = New-Item -ItemType Directory $BucketDir
        $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir
        $data = Join-Path $Lab 'prom-eu1'
        $null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data
        $null = Publish-ThanosBlock -Path $data -Bucket $Bucket -Label @{ cluster = 'eu1'; replica = '0'; tenant = 'team-eu' }
        $script:Checks = @(Get-DownsamplingCheck -Bucket $Bucket)
    }

    AfterAll {
        Remove-Item -LiteralPath $Lab -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'fail while the bucket is not downsampled' {
        { & $Checks[0].Test } | Should -Throw '9 block(s) still wait for the downsampler*'
        { & $Checks[1].Test } | Should -Throw 'MissingDownsample: *'
        { & $Checks[2].Test } | Should -Throw 'no downsampled block with its source in the bucket'
    }

    It 'pass once the bucket is downsampled as the compactor does' {
        $null = Invoke-ThanosDownsample -Bucket $Bucket -WarningAction SilentlyContinue
        & $Checks[0].Test | Should -Be '9 raw block(s) downsampled to 5m, 5 5m block(s) to 1h, 8 not eligible'
        & $Checks[1].Test | Should -Be 'none'
        & $Checks[2].Test | Should -Match '^14 block\(s\), [\d,]+ windows, all equal$'
    }

    It 'fail when a downsampled block no longer matches its source' {
        $five = @(Get-ThanosBlock -Bucket $Bucket | Where-Object Resolution -eq ([timespan]'00:05:00') | Sort-Object MinTime)
        foreach ($file in 'index', 'chunks/000001') {
            Copy-Item -LiteralPath (Join-Path $BucketDir $five[1].Id $file) -Destination (Join-Path $BucketDir $five[0].Id $file) -Force
        }
        { & $Checks[2].Test } | Should -Throw "$($five[0].Id): *"
    }
}

# The runbook for real needs the tutorial's images from quay.io and Docker Hub, which cannot be
# reached here: opt in with THANOSLAB_E2E_REGISTRY=1 where they can.
Describe 'examples/lts-tutorial.ps1 with the tutorial''s images' -Tag E2E {
    It 'runs the four steps and passes every check' -Skip:($env:THANOSLAB_E2E_REGISTRY -ne '1') {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-e2e-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        try {
            $script = "& '$runbook' -ModuleManifest '$env:THANOSLAB_MANIFEST' -WorkDirectory '$dir'"
            $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
            $out | Out-String | Write-Host
            $LASTEXITCODE | Should -Be 0
            ($out | Out-String) | Should -Match '(\d+) of \1 checks passed'
        }
        finally { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
