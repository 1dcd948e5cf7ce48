BeforeAll {
    $script:Manifest = $env:THANOSLAB_MANIFEST
    Import-Module $Manifest -Force
}

Describe 'The packaged module' {
    It 'has a valid manifest' {
        $m = Test-ModuleManifest -Path $Manifest
        $m.Name | Should -Be 'ThanosLab'
        $m.Author | Should -Not -BeNullOrEmpty
        $m.Description | Should -Not -BeNullOrEmpty
        $m.PowerShellVersion | Should -Be ([version]'7.4')
        $m.CompatiblePSEditions | Should -Be @('Core')
        $m.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $m.PrivateData.PSData.Tags | Should -Contain 'Thanos'
    }

    It 'exports exactly the cmdlets it implements, listed without wildcards' {
        $data = Import-PowerShellDataFile -Path $Manifest
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.FunctionsToExport.Count | Should -Be 0
        $data.AliasesToExport.Count | Should -Be 0
        $implemented = [ThanosLab.Cmdlets.ThanosLabCmdlet].Assembly.GetTypes() |
            Where-Object { -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        ($data.CmdletsToExport | Sort-Object) | Should -Be ($implemented | Sort-Object)
        ((Get-Command -Module ThanosLab).Name | Sort-Object) | Should -Be ($implemented | Sort-Object)
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($c in Get-Command -Module ThanosLab) { $approved | Should -Contain $c.Verb }
    }

    It 'loads the engine into its own load context' {
        $engine = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ThanosLab.Engine' }
        $engine | Should -Not -BeNullOrEmpty
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0]).Name | Should -Be 'ThanosLab'
    }

    It 'works in a session that already loaded YamlDotNet 11' {
        $nugetRoot = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
        $old = Join-Path $nugetRoot 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
        $old | Should -Exist
        $plan = Join-Path $TestDrive 'plan.yaml'
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$old'
Import-Module '$Manifest'
Get-ThanosBlockPlan -Profile continuous-30d-tiny | Export-ThanosBlockPlan -Path '$plan'
`$back = Get-ThanosBlockPlan -Path '$plan'
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.Major }
'{0};{1}' -f `$back.Count, ((`$versions | Sort-Object) -join ',')
"@
        $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        @($out)[-1] | Should -Be '9;11,18'
    }
}

Describe 'Get-ThanosBlockPlan' {
    It 'completes profile names' {
        $line = 'Get-ThanosBlockPlan -Profile continuous-3'
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Be @('continuous-30d-tiny', 'continuous-365d-tiny')
    }

    It 'gives the 13 blocks of formats.md §18' {
        $plans = Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')
        $plans.Count | Should -Be 13
        $plans[0].MinTime.ToUnixTimeMilliseconds() | Should -Be 1704067200001
        $plans[0].MaxTime.ToUnixTimeMilliseconds() | Should -Be 1704074400000
        $plans[0] | Should -BeOfType ([ThanosLab.ThanosBlockPlan])
    }

    It 'names the bad profile and lists the valid ones' {
        { Get-ThanosBlockPlan -Profile bogus -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownProfile,ThanosLab.Cmdlets.GetThanosBlockPlanCommand'
        try { Get-ThanosBlockPlan -Profile bogus -ErrorAction Stop } catch { $_.Exception.Message | Should -Match "'bogus'.*continuous-365d-tiny" }
    }

    It 'formats plans as a table with labels' {
        $text = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'eu1' } | Out-String -Width 250
        $text | Should -Match 'MinTime \(UTC\)'
        $text | Should -Match '\{cluster="eu1"\}'
    }
}
