BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Data = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-inspect-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Written = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data
    $null = New-Item -ItemType Directory -Path (Join-Path $Data 'wal')
}

AfterAll {
    Remove-Item -LiteralPath $Data -Recurse -Force -ErrorAction SilentlyContinue
}

# Runs the reader and verifier through the packaged module, where the engine and its dependencies
# live in the private load context.
Describe 'Get-ThanosBlock and Test-ThanosBlock in the packaged module' {
    It 'lists the generated blocks and verifies all of them healthy' {
        $blocks = Get-ThanosBlock -Path $Data
        $blocks.Count | Should -Be $Written.Count
        $blocks[0] | Should -BeOfType ThanosLab.ThanosBlock
        ($blocks.Id | Sort-Object) | Should -Be ($Written.Id | Sort-Object)
        $results = $blocks | Test-ThanosBlock
        $results.Count | Should -Be $Written.Count
        $results | ForEach-Object { $_.IsHealthy | Should -BeTrue }
        ($results | Measure-Object SamplesChecked -Sum).Sum | Should -Be ($Written | Measure-Object Samples -Sum).Sum
        ($results | Format-Table | Out-String) | Should -Match $results[0].Id
    }

    It 'verifies without decoding samples when asked, says so, and still counts what the chunks announce' {
        $verbose = $Written | Test-ThanosBlock -SkipSampleDecoding -Verbose 4>&1
        $results = $verbose | Where-Object { $_ -is [ThanosLab.ThanosBlockTestResult] }
        $results.Count | Should -Be $Written.Count
        $results | ForEach-Object { $_.IsHealthy | Should -BeTrue; $_.SamplesDecoded | Should -BeFalse }
        ($results | Measure-Object SamplesChecked -Sum).Sum | Should -Be ($Written | Measure-Object Samples -Sum).Sum
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'no sample is decoded'
        ($Written[0] | Test-ThanosBlock).SamplesDecoded | Should -BeTrue
    }

    It 'says why it skipped a directory' {
        $verbose = Get-ThanosBlock -Path $Data -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match "wal': it is Prometheus' write-ahead log"
    }

    It 'finds a corrupted copy unhealthy and names the issue' {
        $copy = Join-Path $Data 'copy'
        $null = New-Item -ItemType Directory -Path $copy
        $source = $Written[0]
        Copy-Item -LiteralPath $source.Path -Destination $copy -Recurse
        $index = Join-Path $copy $source.Id 'index'
        $bytes = [IO.File]::ReadAllBytes($index)
        $bytes[$bytes.Length - 20] = $bytes[$bytes.Length - 20] -bxor 0xFF
        [IO.File]::WriteAllBytes($index, $bytes)

        $result = Get-ThanosBlock -Path $copy | Test-ThanosBlock
        $result.IsHealthy | Should -BeFalse
        $result.Issues[0].File | Should -Be 'index'
        $result.Issues[0].Offset | Should -Be ($bytes.Length - 52)
        $result.Issues[0].Message | Should -Match 'TOC CRC32C mismatch'
        ($result.Issues | Format-Table | Out-String -Width 250) | Should -Match 'TOC CRC32C mismatch'
        Test-ThanosBlock -Path (Join-Path $copy '*') -Quiet | Should -BeFalse
        $Written | Test-ThanosBlock -Quiet | Should -BeTrue
    }

    It 'reports bad paths as errors with stable ids' {
        { Test-ThanosBlock -Path (Join-Path $Data 'no-such-block') -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathNotFound,ThanosLab.Cmdlets.TestThanosBlockCommand'
        { Get-ThanosBlock -Path (Join-Path $Data 'no-such-dir') -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathNotFound,ThanosLab.Cmdlets.GetThanosBlockCommand'
        $meta = Join-Path $Written[1].Path 'meta.json'
        $saved = Get-Content -LiteralPath $meta -Raw
        try {
            Set-Content -LiteralPath $meta -Value '{'
            { Get-ThanosBlock -Path $Data -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBlockMeta,ThanosLab.Cmdlets.GetThanosBlockCommand'
        }
        finally {
            Set-Content -LiteralPath $meta -Value $saved -NoNewline
        }
    }
}

# Issue 11 item 6, issue 12 items 3 and 4 through the packaged module: one hostile block is an error
# or an issue naming the file and the field, and every other block is still listed and verified.
Describe 'Hostile block files in the packaged module' {
    BeforeAll {
        $script:Hostile = Join-Path $Data 'hostile'
        $null = New-Item -ItemType Directory -Path $Hostile
        $Written[0..2] | ForEach-Object { Copy-Item -LiteralPath $_.Path -Destination $Hostile -Recurse }
        $script:Bad = Join-Path $Hostile $Written[1].Id
    }

    It 'reports a meta.json whose thanos.files holds numbers, and lists and verifies the others' {
        $meta = Join-Path $Bad 'meta.json'
        $json = Get-Content -LiteralPath $meta -Raw | ConvertFrom-Json
        $json.thanos | Add-Member -NotePropertyName files -NotePropertyValue @(1, 2) -Force
        $json | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $meta

        $blocks = Get-ThanosBlock -Path $Hostile -ErrorVariable errors -ErrorAction SilentlyContinue
        $blocks.Count | Should -Be 2
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidBlockMeta,ThanosLab.Cmdlets.GetThanosBlockCommand'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("'thanos.files[0]'"))

        $results = Test-ThanosBlock -Path (Join-Path $Hostile '*')
        $results.Count | Should -Be 3
        $unhealthy = $results | Where-Object { -not $_.IsHealthy }
        $unhealthy.Path | Should -Be $Bad
        $unhealthy.Issues[0].Message | Should -Match ([regex]::Escape("'thanos.files[0]'"))
    }

    It 'reports an index that is a FIFO without waiting on it' -Skip:($IsWindows) {
        $index = Join-Path $Bad 'index'
        Remove-Item -LiteralPath $index
        & mkfifo $index
        $job = Start-ThreadJob { param($m, $p) Import-Module $m; Test-ThanosBlock -Path $p } -ArgumentList $env:THANOSLAB_MANIFEST, (Join-Path $Hostile '*')
        $done = Wait-Job $job -Timeout 60
        if (-not $done) {
            # Release a reader that opened the FIFO, so the test run can end.
            [IO.File]::OpenWrite($index).Dispose()
        }
        $done | Should -Not -BeNullOrEmpty -Because 'Test-ThanosBlock must not open a FIFO'
        $results = Receive-Job $job
        $results.Count | Should -Be 3
        ($results | Where-Object { -not $_.IsHealthy }).Issues.Message -join "`n" | Should -Match 'is a FIFO'
    }
}
