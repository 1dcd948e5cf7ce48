BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    # A directory name with wildcard characters: -Path reads [x] as a character class, -LiteralPath as written.
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-paths-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Data = Join-Path $Root 'data[eu1]'
    $null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data
    $script:Plan = Join-Path $Root 'plan[1].yaml'
    Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Export-ThanosBlockPlan -Path $Plan
    $script:BucketDir = Join-Path $Root 'bucket'
    $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir
    New-ThanosBucket -Bucket $Bucket | Out-Null
    $script:ConfigFile = Join-Path $Root 'bucket[1].yaml'
    $Bucket | Export-ThanosConfig -Path $ConfigFile
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# design.md: every cmdlet that takes paths binds them by value and has -LiteralPath beside a
# wildcard -Path, resolved one way.
Describe 'Paths bind by value, and -LiteralPath stands beside -Path' {
    It '<Command> has -LiteralPath with the PSPath alias and a -Path that binds by value' -ForEach @(
        @{ Command = 'Get-ThanosBlock' }, @{ Command = 'Test-ThanosBlock' }, @{ Command = 'Publish-ThanosBlock' },
        @{ Command = 'Test-ThanosBucketUpload' }, @{ Command = 'Import-ThanosConfig' }, @{ Command = 'Get-ThanosBlockPlan' },
        @{ Command = 'Invoke-ThanosDownsample' }, @{ Command = 'Get-ThanosSeries' }, @{ Command = 'Test-ThanosDownsample' }
    ) {
        $cmd = Get-Command $Command
        $cmd.Parameters['LiteralPath'].Aliases | Should -Contain 'PSPath'
        $pathAttrs = $cmd.Parameters['Path'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $pathAttrs.ValueFromPipeline | Should -Contain $true
    }

    It 'reads a directory with brackets in its name through -LiteralPath and through piped FileSystemInfo objects' {
        (Get-ThanosBlock -LiteralPath $Data).Count | Should -Be 9
        (Get-Item -LiteralPath $Data | Get-ThanosBlock).Count | Should -Be 9
        Test-ThanosBlock -LiteralPath (Get-ThanosBlock -LiteralPath $Data).Path -Quiet | Should -BeTrue
        (Get-ThanosBlockPlan -LiteralPath $Plan).Count | Should -Be 9
        (Import-ThanosConfig -LiteralPath $ConfigFile).Type | Should -Be 'FILESYSTEM'
        (Get-Item -LiteralPath $Data | Get-ThanosSeries -Match continuous_app_metric0).Count | Should -Be 9
        $fiveMinutes = Invoke-ThanosDownsample -LiteralPath $Data -Resolution 5m -OutputDirectory (Join-Path $Root 'down[5m]') -WarningAction SilentlyContinue
        $fiveMinutes.Count | Should -Be 4
        (Test-ThanosDownsample -LiteralPath $fiveMinutes.Path -SourcePath ([WildcardPattern]::Escape($Data))).IsCorrect | Should -Not -Contain $false
    }

    It 'treats the same name given to -Path as a wildcard, and says a literal path is missing' {
        { Get-ThanosBlock -Path $Data -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,ThanosLab.Cmdlets.GetThanosBlockCommand'
        (Get-ThanosBlock -Path ([WildcardPattern]::Escape($Data))).Count | Should -Be 9
        { Get-ThanosBlock -LiteralPath (Join-Path $Root 'nope*') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,ThanosLab.Cmdlets.GetThanosBlockCommand'
    }

    It 'publishes and checks a data directory piped as a string' {
        $published = ([WildcardPattern]::Escape($Data)) | Publish-ThanosBlock -Bucket $Bucket -Label @{ cluster = 'eu1' }
        $published.Count | Should -Be 9
        ([WildcardPattern]::Escape($Data)) | Test-ThanosBucketUpload -Bucket $Bucket -Label @{ cluster = 'eu1' } -Quiet | Should -BeTrue
        Test-ThanosBucketUpload -LiteralPath $Data -Bucket $Bucket -Label @{ cluster = 'eu1' } -Quiet | Should -BeTrue
    }

    It 'writes output files exactly where -Path or -LiteralPath says, brackets and all' {
        $config = Join-Path $Root 'out[1].yaml'
        $Bucket | Export-ThanosConfig -LiteralPath $config
        Test-Path -LiteralPath $config | Should -BeTrue
        $plan = Join-Path $Root 'plan[2].yaml'
        Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Export-ThanosBlockPlan -LiteralPath $plan
        (Get-ThanosBlockPlan -LiteralPath $plan).Count | Should -Be 9
    }
}
