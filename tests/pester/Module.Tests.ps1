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

# AWS.Tools loads its own AWSSDK.Core and AWSSDK.S3 (3.7 in many installations) into the default load
# context; ThanosLab's 4.x stay in its private one, and its S3 cmdlets must work beside them.
Describe 'Beside AWS.Tools'' AWSSDK 3.7 in the same session' {
    BeforeAll {
        $script:Rgw = $null
        $script:Skip = $null
        try { $script:Rgw = & (Join-Path $PSScriptRoot '../tools/Start-RadosGateway.ps1') } catch { $script:Skip = $_.Exception.Message }
    }

    AfterAll {
        if ($Rgw) { & $Rgw.Stop }
    }

    It 'publishes to and lists an S3 bucket while AWSSDK.Core and AWSSDK.S3 3.7 are loaded' {
        if ($Skip) {
            if ($env:CI -eq 'true') { throw "radosgw is required under CI=true: $Skip" }
            Set-ItResult -Skipped -Because $Skip
            return
        }
        $nugetRoot = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
        $core = Join-Path $nugetRoot 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
        $s3 = Join-Path $nugetRoot 'awssdk.s3/3.7.304.1/lib/net8.0/AWSSDK.S3.dll'
        $core, $s3 | Should -Exist
        $data = Join-Path $TestDrive 'data'
        # The keys reach the child through its environment, never its command line.
        $env:THANOSLAB_TEST_ACCESS_KEY = $Rgw.AccessKey
        $env:THANOSLAB_TEST_SECRET_KEY = $Rgw.SecretKey
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$core', '$s3'
`$null = [Amazon.S3.AmazonS3Client]
Import-Module '$Manifest'
`$cred = [pscredential]::new(`$env:THANOSLAB_TEST_ACCESS_KEY, (ConvertTo-SecureString `$env:THANOSLAB_TEST_SECRET_KEY -AsPlainText -Force))
`$bucket = New-ThanosBucketConfig -S3 -Bucket coexist -Endpoint '$($Rgw.Endpoint)' -Credential `$cred -Insecure
`$null = New-ThanosBucket -Bucket `$bucket
`$null = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | New-ThanosBlockData -OutputDirectory '$data'
`$published = Publish-ThanosBlock -Path '$data' -Bucket `$bucket -Label @{ cluster = 'eu1' }
`$listed = Get-ThanosBlock -Bucket `$bucket
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.S3' } | ForEach-Object { `$_.GetName().Version.Major }
'{0};{1};{2}' -f `$published.Count, `$listed.Count, ((`$versions | Sort-Object) -join ',')
"@
        try {
            $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
        }
        finally {
            Remove-Item Env:THANOSLAB_TEST_ACCESS_KEY, Env:THANOSLAB_TEST_SECRET_KEY -ErrorAction SilentlyContinue
        }
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        @($out)[-1] | Should -Be '9;9;3,4'
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
