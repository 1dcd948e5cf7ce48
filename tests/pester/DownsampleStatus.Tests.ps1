BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:BucketDir = Join-Path $Root 'bucket'
    $null = New-Item -ItemType Directory $BucketDir
    $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# Through the packaged module, as an operator asks "why was nothing downsampled?": the generated year
# published, two of its blocks downsampled and published, one given a no-downsample mark.
Describe 'Get-ThanosDownsampleStatus and the no-downsample mark' {
    BeforeAll {
        $data = Join-Path $Root 'data'
        $ds = Join-Path $Root 'ds'
        $null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{ cluster = 'eu1' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data
        $script:Raw = @(Get-ThanosBlock -Path $data | Sort-Object MinTime)
        $script:Five = @($Raw[0], $Raw[8] | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory $ds | Sort-Object MinTime)
        $null = Publish-ThanosBlock -Path $data -Bucket $Bucket -Label @{ cluster = 'eu1' }
        $null = Publish-ThanosBlock -Path $ds -Bucket $Bucket -Label @{ cluster = 'eu1' }
        $script:Mark = $Raw[1] | Set-ThanosBlockMark -Bucket $Bucket -Kind NoDownsample -Details 'keep raw'
        $script:Status = @(Get-ThanosDownsampleStatus -Bucket $Bucket)
    }

    It 'writes Thanos'' no-downsample-mark.json and Get-ThanosBlock shows it' {
        $Mark.Kind | Should -Be 'NoDownsample'
        $json = Get-Content -Raw -LiteralPath (Join-Path $BucketDir $Raw[1].Id 'no-downsample-mark.json')
        $json | Should -BeExactly ('{{"id":"{0}","version":1,"details":"keep raw","no_downsample_time":{1},"reason":"manual"}}' -f $Raw[1].Id, $Mark.Time.ToUnixTimeSeconds())
        (Get-ThanosBlock -Bucket $Bucket -Id $Raw[1].Id).NoDownsampleMarked | Should -BeTrue
    }

    It 'lists every raw and 5m block with its status' {
        $Status.Count | Should -Be 15
        ($Status | Where-Object Id -eq $Raw[0].Id).Status | Should -Be 'Downsampled'
        ($Status | Where-Object Id -eq $Raw[0].Id).DownsampledTo | Should -Be @($Five[0].Id)
        $marked = $Status | Where-Object Id -eq $Raw[1].Id
        $marked.Status | Should -Be 'NotEligible'
        $marked.Reason | Should -Match 'no-downsample-mark.json'
        ($Status | Where-Object Id -eq $Raw[2].Id).Status | Should -Be 'Eligible'
        ($Status | Where-Object Id -eq $Raw[12].Id).Reason | Should -Match 'from 40 h'
        ($Status | Where-Object Id -eq $Five[0].Id).Status | Should -Be 'Eligible'
        ($Status | Where-Object Id -eq $Five[1].Id).Reason | Should -Match 'from 240 h'
    }

    It 'formats as a table with the reason or the covering blocks' {
        $text = $Status | Format-Table | Out-String -Width 250
        $text | Should -Match 'DownsampledTo / Reason'
        $text | Should -Match ([regex]::Escape($Five[0].Id))
    }

    It 'removes the mark again, and the block is Eligible' {
        $Raw[1] | Remove-ThanosBlockMark -Bucket $Bucket -Kind NoDownsample
        (Get-ThanosDownsampleStatus -Bucket $Bucket | Where-Object Id -eq $Raw[1].Id).Status | Should -Be 'Eligible'
    }
}
