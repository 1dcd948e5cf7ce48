BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-lab-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Data = Join-Path $Root 'prom-eu1'
    $script:State = Join-Path $Root 'state'
    $script:Lab = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 6)
    New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data | Out-Null
    # -WhatIf messages go to the host, not to a stream: a transcript records them.
    function Get-WhatIf([scriptblock] $Command) {
        $t = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $t | Out-Null
        try { & $Command | Out-Null } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -LiteralPath $t -Raw
        Remove-Item -LiteralPath $t
        $text -replace '\s*\r?\n\s*', ' '
    }
    function Get-FreePort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, 0)
        $l.Start(); $p = $l.LocalEndpoint.Port; $l.Stop(); $p
    }
}

AfterAll {
    Get-ThanosComponent -Lab $Lab -StatePath $State -Runtime Process -ErrorAction SilentlyContinue | Stop-ThanosComponent -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# The packaged module loads the engine and Docker.DotNet in a private load context: these run the
# lab cmdlets through it, which the in-process xunit tests cannot.
Describe 'Lab cmdlets in the packaged module' {
    It 'shows the tutorial''s docker run command for -WhatIf and starts nothing' {
        $out = Get-WhatIf { Start-ThanosPrometheus -Name prometheus-0-eu1 -DataPath $Data -RetentionTime '1000d' -StatePath $State -Lab $Lab -WhatIf }
        $out | Should -Match 'docker run -d --net=host --rm -v .*prometheus-0-eu1\.yml:/etc/prometheus/prometheus\.yml'
        $out | Should -Match 'quay\.io/prometheus/prometheus:v2\.20\.0 --config\.file=/etc/prometheus/prometheus\.yml --storage\.tsdb\.retention\.time=1000d'
        Test-Path -LiteralPath $State | Should -BeFalse
    }

    It 'chains Prometheus, sidecar and querier through the pipeline into the tutorial''s commands' {
        $prom = [ThanosLab.ThanosComponent]@{ Name = 'prometheus-0-eu1'; Kind = 'Prometheus'; Runtime = 'Docker'; HttpEndpoint = 'http://127.0.0.1:9090/'; Network = 'host'; DataPath = '/root/prom-eu1' }
        $out = Get-WhatIf { $prom | Start-ThanosSidecar -StatePath $State -ListenAddress 0.0.0.0 -WhatIf }
        $out | Should -Match ([regex]::Escape('--name prometheus-0-eu1-sidecar quay.io/thanos/thanos:v0.26.0 sidecar --http-address 0.0.0.0:19090 --grpc-address 0.0.0.0:19190 --prometheus.url http://127.0.0.1:9090'))
        $sidecar = [ThanosLab.ThanosComponent]@{ Name = 'prometheus-0-eu1-sidecar'; Kind = 'Sidecar'; GrpcEndpoint = '127.0.0.1:19190'; Network = 'host' }
        $store = [ThanosLab.ThanosComponent]@{ Name = 'store-gateway'; Kind = 'StoreGateway'; GrpcEndpoint = '127.0.0.1:19191'; Network = 'host' }
        $out = Get-WhatIf { $sidecar, $store | Start-ThanosQuerier -ReplicaLabel replica -StatePath $State -ListenAddress 0.0.0.0 -WhatIf }
        $out | Should -Match ([regex]::Escape('--name querier quay.io/thanos/thanos:v0.26.0 query --http-address 0.0.0.0:9091 --query.replica-label replica --store 127.0.0.1:19190 --store 127.0.0.1:19191'))
        $out = Get-WhatIf { $sidecar | Start-ThanosQuerier -Image quay.io/thanos/thanos:v0.35.0 -Network Bridge -StatePath $State -WhatIf }
        $out | Should -Match ([regex]::Escape('--network=thanoslab --rm -p 127.0.0.1:9091:9091 --name querier quay.io/thanos/thanos:v0.35.0 query --http-address 0.0.0.0:9091 --endpoint 127.0.0.1:19190'))
        Test-Path -LiteralPath $State | Should -BeFalse
    }

    It 'keeps every component on loopback unless -ListenAddress 0.0.0.0 is given' {
        $cred = [pscredential]::new('minio', (ConvertTo-SecureString 'melovethanos' -AsPlainText -Force))
        $bucket = New-ThanosBucketConfig -FileSystem -Directory (Join-Path $Root 'bucket')
        $prom = [ThanosLab.ThanosComponent]@{ Name = 'p'; Kind = 'Prometheus'; HttpEndpoint = 'http://127.0.0.1:9090/'; Network = 'host' }
        $out = Get-WhatIf {
            Start-ThanosPrometheus -DataPath $Data -StatePath $State -WhatIf
            $prom | Start-ThanosSidecar -StatePath $State -WhatIf
            Start-ThanosQuerier -StoreAddress 127.0.0.1:19190 -StatePath $State -WhatIf
            Start-ThanosStoreGateway -Bucket $bucket -StatePath $State -WhatIf
            Start-ThanosCompactor -Bucket $bucket -StatePath $State -WhatIf
            Start-ThanosMinio -DataPath $Root -Credential $cred -StatePath $State -WhatIf
        }
        $out | Should -Match ([regex]::Escape('--web.listen-address=127.0.0.1:9090'))
        $out | Should -Match ([regex]::Escape('sidecar --http-address 127.0.0.1:19090 --grpc-address 127.0.0.1:19190'))
        $out | Should -Match ([regex]::Escape('query --http-address 127.0.0.1:9091'))
        $out | Should -Match ([regex]::Escape('--http-address 127.0.0.1:19091 --grpc-address 127.0.0.1:19191'))
        $out | Should -Match ([regex]::Escape('compact --wait --wait-interval 30s --consistency-delay 0s --objstore.config-file /etc/thanos/minio-bucket.yaml --http-address 127.0.0.1:19095'))
        $out | Should -Match ([regex]::Escape('-p 127.0.0.1:9000:9000'))
        $out | Should -Not -Match '0\.0\.0\.0|listen-address=:'
    }

    It 'warns when a component listens on all interfaces' -Skip:(-not (Get-Command prometheus -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
        $prom = Start-ThanosPrometheus -Runtime Process -Name pester-open -DataPath (New-Item -ItemType Directory (Join-Path $Root 'empty-prom')).FullName -HttpPort (Get-FreePort) -StatePath $State -Lab $Lab -ListenAddress 0.0.0.0 -WarningVariable warned -WarningAction SilentlyContinue
        try {
            "$warned" | Should -Match "'pester-open' listens on all interfaces .*admin API"
        }
        finally { $prom | Stop-ThanosComponent }
    }

    It 'refuses a component without a StoreAPI as a querier store, by name' {
        $prom = [ThanosLab.ThanosComponent]@{ Name = 'prometheus-0-eu1'; Kind = 'Prometheus'; HttpEndpoint = 'http://127.0.0.1:9090/' }
        $prom | Start-ThanosQuerier -StatePath $State -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NotAStore,ThanosLab.Cmdlets.StartThanosQuerierCommand'
        $err[0].Exception.Message | Should -Match 'prometheus-0-eu1'
    }

    It 'masks the MinIO secret key in -WhatIf' {
        $cred = [pscredential]::new('minio', (ConvertTo-SecureString 'melovethanos' -AsPlainText -Force))
        $out = Get-WhatIf { Start-ThanosMinio -DataPath $Root -Credential $cred -StatePath $State -WhatIf }
        $out | Should -Match 'MINIO_SECRET_KEY=\*\*\*'
        $out | Should -Not -Match 'melovethanos'
    }

    It 'runs Prometheus as a process, lists it in the table view, and stops it' -Skip:(-not (Get-Command prometheus -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
        $prom = Start-ThanosPrometheus -Runtime Process -Name pester-prom -DataPath $Data -HttpPort (Get-FreePort) -StatePath $State -Lab $Lab
        $prom | Should -BeOfType ThanosLab.ThanosComponent
        $prom.State | Should -Be 'Running'
        (Invoke-RestMethod ([Uri]::new($prom.HttpEndpoint, '-/ready'))) | Should -Match 'Ready'
        $listed = Get-ThanosComponent -Runtime Process -StatePath $State -Lab $Lab
        $listed.Id | Should -Be $prom.Id
        ($listed | Format-Table | Out-String) | Should -Match 'pester-prom\s+Prometheus\s+Process\s+Running'
        $listed | Stop-ThanosComponent
        Get-ThanosComponent -Runtime Process -StatePath $State -Lab $Lab | Should -BeNullOrEmpty
    }

    It 'runs Prometheus in Docker through the private load context' -Skip:(-not (docker image ls -q thanoslab-test/prometheus:2.42 2>$null) -and $env:CI -ne 'true') {
        # The image is built by the xunit suite (tests/images), which build.ps1 runs first.
        $prom = Start-ThanosPrometheus -Image thanoslab-test/prometheus:2.42 -Name "pester-docker-$Lab" -DataPath $Data -HttpPort (Get-FreePort) -StatePath $State -Lab $Lab
        try {
            $prom.Runtime | Should -Be 'Docker'
            (Invoke-RestMethod ([Uri]::new($prom.HttpEndpoint, '-/ready'))) | Should -Match 'Ready'
            (Get-ThanosComponent -Lab $Lab -Runtime Docker).Id | Should -Be $prom.Id
        }
        finally {
            $prom | Stop-ThanosComponent
        }
        Get-ThanosComponent -Lab $Lab -Runtime Docker | Should -BeNullOrEmpty
    }

    It 'completes component names' -Skip:(-not (Get-Command prometheus -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
        $prom = Start-ThanosPrometheus -Runtime Process -Name pester-complete -DataPath $Data -HttpPort (Get-FreePort) -StatePath (Join-Path $HOME ".thanoslab/$Lab") -Lab $Lab
        try {
            $line = 'Stop-ThanosComponent -Name pester-comp'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'pester-complete'
        }
        finally {
            $prom | Stop-ThanosComponent
            Remove-Item -LiteralPath (Join-Path $HOME ".thanoslab/$Lab") -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'keeps every generated block without -RetentionTime, says so, and lets no second Prometheus onto the directory' -Skip:(-not (Get-Command prometheus -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
        $verbose = $( $prom = Start-ThanosPrometheus -Runtime Process -Name pester-keep -DataPath $Data -HttpPort (Get-FreePort) -StatePath $State -Lab $Lab -Verbose ) 4>&1
        try {
            ($verbose | Out-String) | Should -Match 'retention\.time=\d+d, which keeps all 9 block\(s\)'
            $count = Invoke-ThanosQuery -Endpoint $prom -Query 'count_over_time(continuous_app_metric0[40d])' -Time ([DateTimeOffset]'2024-01-01T03:00:00Z')
            $count.Samples[0].Value | Should -Be 172800
            @(Get-ThanosBlock -Path $Data).Count | Should -Be 9
            # A second Prometheus on the same directory, under another name and port, is refused by name.
            { Start-ThanosPrometheus -Runtime Process -Name pester-second -DataPath $Data -HttpPort (Get-FreePort) -StatePath $State -Lab $Lab -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataPathInUse,ThanosLab.Cmdlets.StartThanosPrometheusCommand' -ExpectedMessage "*Prometheus 'pester-keep'*"
        }
        finally { $prom | Stop-ThanosComponent }
    }

    It 'refuses, in a session that cannot ask, a -RetentionTime that would delete blocks, naming them' {
        $script = "Import-Module '$env:THANOSLAB_MANIFEST'; Start-ThanosPrometheus -Runtime Process -Name pester-15d -DataPath '$Data' -StatePath '$State' -Lab $Lab -RetentionTime '15d' -ErrorAction Stop; exit 0"
        $script = "try { $script } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; exit 1 }"
        $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $LASTEXITCODE | Should -Not -Be 0
        $out | Should -Match 'ConfirmationRequired'
        $out | Should -Match 'deletes 9 of the 9 blocks'
        Test-Path (Join-Path $State 'pester-15d.pid') | Should -BeFalse
        @(Get-ThanosBlock -Path $Data).Count | Should -Be 9
    }

    It 'reports a missing configuration file by its path' {
        { Start-ThanosPrometheus -DataPath $Data -ConfigPath (Join-Path $Root 'missing.yml') -StatePath $State -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigFileMissing,ThanosLab.Cmdlets.StartThanosPrometheusCommand'
    }

    It 'refuses a bad lab name by name' {
        { Get-ThanosComponent -Lab 'no/slash' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ThanosLab.Cmdlets.GetThanosComponentCommand'
    }

    It 'refuses a non-Docker name before doing anything' {
        { Start-ThanosQuerier -Name 'bad name' -StoreAddress 127.0.0.1:19190 -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidComponentName,ThanosLab.Cmdlets.StartThanosQuerierCommand'
    }
}
