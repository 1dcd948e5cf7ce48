BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:BucketDir = Join-Path $Root 'bucket'
    $null = New-Item -ItemType Directory $BucketDir
    $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir
    $script:Data = Join-Path $Root 'data'
    $null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data
    $null = Publish-ThanosBlock -Path $Data -Bucket $Bucket -Label @{ cluster = 'eu1' }
    # -WhatIf messages go to the host, not to a stream: a transcript records them.
    function Get-WhatIf([scriptblock] $Command) {
        $t = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $t | Out-Null
        try { & $Command 3>$null | Out-Null } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -LiteralPath $t -Raw
        Remove-Item -LiteralPath $t
        $text -replace '\s*\r?\n\s*', ' '
    }
    function Get-BucketFiles { @(Get-ChildItem -LiteralPath $BucketDir -Recurse -File | ForEach-Object FullName | Sort-Object) }
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# Through the packaged module, as after the tutorial's compactor step: the compactor's downsampling
# reproduced on a directory bucket with the published year, then checked.
Describe 'Invoke-ThanosDownsample -Bucket and Test-ThanosDownsample -Bucket' {
    It 'says under -WhatIf what it would download and write, the 1h blocks that would follow included, and writes nothing' {
        $before = Get-BucketFiles
        $text = Get-WhatIf { Invoke-ThanosDownsample -Bucket $Bucket -WhatIf }
        ([regex]::Matches($text, 'What if: Performing the operation "Downsample to 5m" on target "block \w{26} \(raw, [\d,]+ bytes\) in ')).Count | Should -Be 9
        ([regex]::Matches($text, 'What if: Performing the operation "Downsample to 1h" on target "the 5m block to be made from block \w{26}')).Count | Should -Be 5
        Get-BucketFiles | Should -Be $before
    }

    It 'downsamples raw to 5m, then the new 5m blocks to 1h, one ThanosBlock per block written' {
        $script:Written = @(Invoke-ThanosDownsample -Bucket $Bucket -WarningVariable warnings 3>$null)
        @($Written | Where-Object Resolution -eq ([timespan]'00:05:00')).Count | Should -Be 9
        @($Written | Where-Object Resolution -eq ([timespan]'01:00:00')).Count | Should -Be 5
        $Written | ForEach-Object { $_.BucketLocation | Should -Be (Join-Path $BucketDir $_.Id) }
        @($warnings | Where-Object { $_ -match 'is not downsampled to 5m: it spans .* only from 40 h' }).Count | Should -Be 4
    }

    It 'leaves every eligible block downsampled, nothing missing or partial, and every window right' {
        @(Get-ThanosDownsampleStatus -Bucket $Bucket | Where-Object Status -eq Eligible).Count | Should -Be 0
        @(Test-ThanosBucket -Bucket $Bucket | Where-Object Kind -in MissingDownsample, PartialUpload).Count | Should -Be 0
        $checks = @(Test-ThanosDownsample -Bucket $Bucket)
        $checks.Count | Should -Be 14
        @($checks | Where-Object { -not $_.IsCorrect }).Count | Should -Be 0
    }

    It 'writes the same blocks as local Invoke-ThanosDownsample of the same raw blocks' {
        $local = Join-Path $Root 'local'
        $five = @(Get-ThanosBlock -Path $Data | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory $local 3>$null)
        $null = $five | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory $local 3>$null
        foreach ($block in Get-ThanosBlock -Path $local) {
            $twin = $Written | Where-Object { $_.Resolution -eq $block.Resolution -and $_.MinTime -eq $block.MinTime }
            foreach ($file in 'index', 'chunks/000001') {
                (Get-FileHash (Join-Path $block.Path $file)).Hash | Should -Be (Get-FileHash (Join-Path $twin.BucketLocation $file)).Hash
            }
        }
    }

    It 'does nothing on a second run and says so' {
        $before = Get-BucketFiles
        @(Invoke-ThanosDownsample -Bucket $Bucket -WarningVariable warnings 3>$null).Count | Should -Be 0
        $warnings.Message | Should -Contain "Nothing to downsample to 5m in ${BucketDir}: of its 13 raw block(s), 9 are already downsampled and 4 are not eligible."
        @($warnings | Where-Object { $_ -like 'Nothing to downsample to 1h*' }).Count | Should -Be 1
        Get-BucketFiles | Should -Be $before
    }

    It 'refuses a resolution it does not know, naming the accepted ones' {
        { Invoke-ThanosDownsample -Bucket $Bucket -Resolution 2h -ErrorAction Stop } | Should -Throw '*"5m,1h"*'
    }
}
