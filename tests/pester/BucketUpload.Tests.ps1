BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Data = Join-Path $Root 'data'
    $null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# Through the packaged module: the uploader, the catalog and the verifier run in the private load
# context, with a directory bucket (real files) and with radosgw (a real S3 server).
Describe 'Publish-ThanosBlock and Test-ThanosBucketUpload with a FILESYSTEM bucket' {
    BeforeAll {
        $script:BucketDir = Join-Path $Root 'bucket'
        $null = New-Item -ItemType Directory $BucketDir
        $script:Bucket = New-ThanosBucketConfig -FileSystem -Directory $BucketDir
    }

    It 'publishes every block, then the check passes' {
        $published = Publish-ThanosBlock -Path $Data -Bucket $Bucket -Label @{ cluster = 'eu1' }
        $published.Count | Should -Be 9
        $published[0] | Should -BeOfType ThanosLab.ThanosBlock
        $published | ForEach-Object { $_.BucketLocation | Should -Be (Join-Path $BucketDir $_.Id) }
        (Get-Content -Raw (Join-Path $Data 'thanos.shipper.json')) | Should -Match '"version": 1'

        $result = Test-ThanosBucketUpload -Path $Data -Bucket $Bucket -Label 'cluster=eu1'
        $result.Passed | Should -BeTrue
        $result.Blocks.Count | Should -Be 9
        ($result | Format-Table | Out-String -Width 250) | Should -Match 'True'
        Test-ThanosBucketUpload -Path $Data -Bucket $Bucket -Quiet | Should -BeTrue

        (Get-ThanosBlock -Bucket $Bucket).Count | Should -Be 9
    }

    It 'fails naming the block and the file after an object is removed' {
        $victim = (Get-ThanosBlock -Bucket $Bucket)[3].Id
        Remove-Item -LiteralPath (Join-Path $BucketDir $victim 'chunks/000001')
        $result = Test-ThanosBucketUpload -Path $Data -Bucket $Bucket
        $result.Passed | Should -BeFalse
        $result.Failed.Id | Should -Be $victim
        $result.Failed.Status | Should -Be 'FileMissing'
        $result.Failed.Details[0] | Should -Be 'chunks/000001 is not in the bucket'
        ($result.Blocks | Format-Table | Out-String -Width 250) | Should -Match "$victim\s+FileMissing"
        Test-ThanosBucketUpload -Path $Data -Bucket $Bucket -Quiet | Should -BeFalse
    }

    It 'marks a block and shows the mark' {
        $mark = Get-ThanosBlock -Bucket $Bucket -Id (Get-ThanosBlock -Bucket $Bucket)[0].Id | Set-ThanosBlockMark -Bucket $Bucket -Kind NoCompact -Details 'pester'
        $mark.Kind | Should -Be 'NoCompact'
        ($mark | Format-Table | Out-String -Width 250) | Should -Match 'manual'
        (Get-ThanosBlock -Bucket $Bucket -Id $mark.Id).NoCompactMarked | Should -BeTrue
        $mark | Remove-ThanosBlockMark -Bucket $Bucket
        (Get-ThanosBlock -Bucket $Bucket -Id $mark.Id).NoCompactMarked | Should -BeFalse
    }

    It 'refuses blocks without external labels with a clear error' {
        $plain = Join-Path $Root 'plain'
        $null = New-ThanosBlockData -Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $plain
        { Publish-ThanosBlock -Path $plain -Bucket $Bucket -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExternalLabelsRequired,ThanosLab.Cmdlets.PublishThanosBlockCommand'
    }
}

Describe 'Publish-ThanosBlock with radosgw (S3)' {
    BeforeAll {
        $script:Rgw = $null
        $script:Skip = $null
        try { $script:Rgw = & (Join-Path $PSScriptRoot '../tools/Start-RadosGateway.ps1') } catch { $script:Skip = $_.Exception.Message }
        if ($Rgw) {
            $script:S3 = New-ThanosBucketConfig -S3 -Bucket pester -Endpoint $Rgw.Endpoint -Credential $Rgw.Credential -Insecure
            New-ThanosBucket -Bucket $S3 | Out-Null
            Remove-Item -LiteralPath (Join-Path $Data 'thanos.shipper.json')
        }
    }

    AfterAll {
        if ($Rgw) { & $Rgw.Stop }
    }

    It 'uploads, verifies and lists the blocks' {
        if ($Skip) {
            if ($env:CI -eq 'true') { throw "radosgw is required under CI=true: $Skip" }
            Set-ItResult -Skipped -Because $Skip
            return
        }
        $published = Publish-ThanosBlock -Path $Data -Bucket $S3 -Label @{ cluster = 'eu1' } -HashFunction SHA256
        $published.Count | Should -Be 9
        $published[0].BucketLocation | Should -BeLike 's3://pester/*'
        Test-ThanosBucketUpload -Path $Data -Bucket $S3 -Label @{ cluster = 'eu1' } -Wait -Timeout '30s' -Quiet | Should -BeTrue
        (Get-ThanosBlock -Bucket $S3).Count | Should -Be 9
    }
}
