BeforeAll {
    Import-Module $env:THANOSLAB_MANIFEST -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('thanoslab-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Data = Join-Path $Root 'data'
    $script:Ids = (New-ThanosBlockData -Profile continuous-30d-tiny -Label @{ cluster = 'one' } -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $Data).Id
    $script:A = New-ThanosBucketConfig -FileSystem -Directory (New-Item -ItemType Directory (Join-Path $Root 'a')).FullName
    $script:B = New-ThanosBucketConfig -FileSystem -Directory (New-Item -ItemType Directory (Join-Path $Root 'b')).FullName
    $script:Empty = (New-Item -ItemType Directory (Join-Path $Root 'empty')).FullName
}

AfterAll {
    Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction SilentlyContinue
}

# Through the packaged module (the engine in its private load context, its native stat calls included):
# broken and hostile local blocks, a second bucket, and checks over nothing (issues 11 and 12).
Describe 'Uploads that skip, refuse or check nothing say so' {
    It 'uploads the other blocks when one is incomplete and one holds a FIFO, naming both' -Skip:$IsWindows {
        Remove-Item -LiteralPath (Join-Path $Data $Ids[2] 'index')
        $fifo = Join-Path $Data $Ids[5] 'chunks/000001'
        Remove-Item -LiteralPath $fifo
        & mkfifo $fifo
        $published = Publish-ThanosBlock -Path $Data -Bucket $A -Label @{ cluster = 'eu1' } -ErrorVariable failures -ErrorAction SilentlyContinue
        $published.Count | Should -Be 7
        $failures.Count | Should -Be 2
        ($failures | Where-Object TargetObject -eq $Ids[2]).FullyQualifiedErrorId | Should -BeLike 'BlockIncomplete,*'
        ($failures | Where-Object TargetObject -eq $Ids[5]).FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
        ($failures | Where-Object TargetObject -eq $Ids[5]).Exception.Message | Should -Match 'FIFO'
    }

    It 'warns about recorded blocks a second bucket does not have, and -Force uploads them' {
        $none = Publish-ThanosBlock -Path $Data -Bucket $B -Label @{ cluster = 'eu1' } -WarningVariable warned -ErrorAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        $warned.Count | Should -Be 1
        $warned[0].Message | Should -Match '^7 blocks \('
        $warned[0].Message | Should -Match '-Force'
        (Publish-ThanosBlock -Path $Data -Bucket $B -Label @{ cluster = 'eu1' } -Force -ErrorAction SilentlyContinue).Count | Should -Be 7
    }

    It 'refuses a bucket directory inside the data directory' {
        $inside = New-ThanosBucketConfig -FileSystem -Directory (New-Item -ItemType Directory (Join-Path $Data 'bucket')).FullName
        { Publish-ThanosBlock -Path $Empty -Bucket $inside -Label @{ cluster = 'eu1' } -ErrorAction Stop } | Should -Not -Throw
        $err = $null
        Publish-ThanosBlock -Path $Data -Bucket $inside -Label @{ cluster = 'eu1' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BucketInsideDataDirectory,*'
    }

    It 'returns $false with a warning for checks over nothing' {
        @() | Test-ThanosBlock -Quiet -WarningAction SilentlyContinue | Should -BeFalse
        Get-ThanosBlock -Path $Empty | Test-ThanosBucketUpload -Bucket $A -Quiet -WarningAction SilentlyContinue | Should -BeFalse
        (Test-ThanosBucketUpload -Path $Empty -Bucket $A -WarningAction SilentlyContinue).Passed | Should -BeFalse
        @() | Test-ThanosEndpoint -Quiet -WarningVariable w -WarningAction SilentlyContinue | Should -BeFalse
        $w[0].Message | Should -Match 'No endpoint was checked'
    }
}
