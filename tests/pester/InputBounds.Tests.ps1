BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-bounds-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $Dir | Out-Null

    # A stack overflow ends the whole process, so each read runs in a child pwsh: the test sees
    # whether that process survived and what error it reported.
    function Invoke-ChildPwsh([string] $Command) {
        $script = "Import-Module '$env:THANOSLAB_MANIFEST'; try { $Command } catch { 'CAUGHT ' + `$_.FullyQualifiedErrorId; `$_.Exception.Message }; 'SURVIVED'"
        $output = @(& dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
    }
    $script:Nested = ('[' * 50000) + (']' * 50000)
}

AfterAll {
    Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'YAML nested without end' {
    It 'Get-ThanosBlockPlan -Path refuses a plan nested 50,000 levels deep, naming the file and the limit' {
        $plan = Join-Path $Dir 'nested-plan.yaml'
        Set-Content -LiteralPath $plan -Value ('series: ' + $Nested) -NoNewline
        $r = Invoke-ChildPwsh "Get-ThanosBlockPlan -Path '$plan' -ErrorAction Stop"
        $r.Output | Should -Match 'SURVIVED'
        $r.Output | Should -Match 'CAUGHT YamlNestedTooDeep,ThanosLab.Cmdlets.GetThanosBlockPlanCommand'
        $r.Output | Should -Match ([regex]::Escape($plan))
        $r.Output | Should -Match 'more than 64 levels'
        $r.ExitCode | Should -Be 0
    }

    It 'Import-ThanosConfig refuses an objstore configuration with the nesting inside, naming the file and the limit' {
        $config = Join-Path $Dir 'nested-bucket.yaml'
        Set-Content -LiteralPath $config -Value ("type: FILESYSTEM`nconfig:`n  directory: " + $Nested) -NoNewline
        $r = Invoke-ChildPwsh "Import-ThanosConfig -Path '$config' -ErrorAction Stop"
        $r.Output | Should -Match 'SURVIVED'
        $r.Output | Should -Match 'CAUGHT YamlNestedTooDeep,ThanosLab.Cmdlets.ImportThanosConfigCommand'
        $r.Output | Should -Match ([regex]::Escape($config))
        $r.Output | Should -Match 'more than 64 levels'
    }

    It 'Import-ThanosConfig refuses a prometheus.yml with the nesting inside' {
        $config = Join-Path $Dir 'nested-prometheus.yml'
        Set-Content -LiteralPath $config -Value ("global:`n  external_labels: " + $Nested) -NoNewline
        $r = Invoke-ChildPwsh "Import-ThanosConfig -Path '$config' -ErrorAction Stop"
        $r.Output | Should -Match 'SURVIVED'
        $r.Output | Should -Match 'CAUGHT YamlNestedTooDeep,ThanosLab.Cmdlets.ImportThanosConfigCommand'
    }
}

Describe 'Values out of range or not what they seem, through the packaged module' {
    It 'Get-ThanosBlockPlan -MaxTime ''-1000000d'' names the value and the range' {
        { Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime '-1000000d' -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*-1000000d*292 years*'
    }

    It 'a plan file with maxtime 9223372036854775807 is an error for that file, and the next file is still read' {
        $bad = Join-Path $Dir 'maxtime.yaml'
        Set-Content -LiteralPath $bad -Value "meta:`n  blockmeta:`n    mintime: 0`n    maxtime: 9223372036854775807`nseries: []`n"
        $good = Join-Path $Dir 'good.yaml'
        Get-ThanosBlockPlan -Profile continuous-30d-tiny | Select-Object -First 1 | Export-ThanosBlockPlan -Path $good
        $plans = @(Get-ThanosBlockPlan -Path $bad, $good -ErrorVariable failed -ErrorAction SilentlyContinue)
        $plans.Count | Should -Be 1
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidBlockPlan,ThanosLab.Cmdlets.GetThanosBlockPlanCommand'
        "$($failed[0])" | Should -Match '9223372036854775807'
    }

    It 'a label value that is a hashtable is refused naming the label' {
        { Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ c = @{ a = 1 } } -ErrorAction Stop } |
            Should -Throw -ErrorId 'LabelValueNotScalar,ThanosLab.Cmdlets.GetThanosBlockPlanCommand' -ExpectedMessage "*'c'*hashtable*"
    }
}
