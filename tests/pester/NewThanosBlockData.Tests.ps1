BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Out = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
}

AfterAll {
    Remove-Item -LiteralPath $Out -Recurse -Force -ErrorAction SilentlyContinue
}

# The packaged module keeps the engine's dependencies (Ulid, System.IO.Hashing) in a private load
# context: this runs the whole writer path there, which the in-process xunit tests cannot.
Describe 'New-ThanosBlockData in the packaged module' {
    It 'writes plans from the pipeline as blocks and shows them in the table view' {
        $blocks = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
            New-ThanosBlockData -OutputDirectory $Out
        $blocks.Count | Should -Be 9
        $blocks[0] | Should -BeOfType ThanosLab.ThanosBlock
        ($blocks | Measure-Object Series -Sum).Sum | Should -Be 45
        foreach ($b in $blocks) {
            Test-Path -LiteralPath (Join-Path $b.Path 'meta.json') | Should -BeTrue
            $b.Id | Should -Match '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'
        }
        (Get-ChildItem -LiteralPath $Out -Directory -Filter '*.tmp-for-creation').Count | Should -Be 0
        ($blocks | Format-Table | Out-String) | Should -Match $blocks[0].Id
    }

    It 'refuses to write the same plan again into its directory, naming the blocks it would overlap' {
        $existing = @(Get-ThanosBlock -Path $Out)
        $again = @(Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') |
            New-ThanosBlockData -OutputDirectory $Out -ErrorVariable refused -ErrorAction SilentlyContinue)
        $again.Count | Should -Be 0
        $refused.Count | Should -Be 9
        $refused[0].FullyQualifiedErrorId | Should -Be 'OverlappingBlocks,ThanosLab.Cmdlets.NewThanosBlockDataCommand'
        foreach ($b in $existing) { ($refused | Where-Object { "$_" -match $b.Id }).Count | Should -Be 1 }
        @(Get-ThanosBlock -Path $Out).Count | Should -Be $existing.Count
    }

    It 'reports a bad output directory with a clear error' {
        $file = Join-Path $Out 'a-file'
        Set-Content -LiteralPath $file -Value 'x'
        { New-ThanosBlockData -Profile continuous-30d-tiny -OutputDirectory $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputDirectoryIsFile,ThanosLab.Cmdlets.NewThanosBlockDataCommand'
    }
}
