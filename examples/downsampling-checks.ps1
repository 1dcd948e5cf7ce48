<#
.SYNOPSIS
    The checks of a bucket after the compactor's downsampling, as the runbook's step 4 runs them.
.DESCRIPTION
    Dot-source this file for Get-DownsamplingCheck, which returns the checks in order, each a name
    (What) and a script block (Test) that returns a one-line detail or throws what is wrong. None of
    them needs Thanos: whoever downsampled the bucket (Thanos' compactor, or Invoke-ThanosDownsample
    -Bucket in its place), they read the bucket and recompute its downsampled blocks.
.EXAMPLE
    . ./examples/downsampling-checks.ps1
    Get-DownsamplingCheck -Bucket $bucket | ForEach-Object { '{0}: {1}' -f $_.What, (& $_.Test) }
#>

function Get-DownsamplingCheck {
    param(
        [Parameter(Mandatory)] $Bucket,

        # How long the first check waits for the downsampler to finish (zero: no waiting).
        [timespan] $Timeout = [timespan]::Zero
    )
    [pscustomobject]@{
        What = 'every eligible raw and 5m block is downsampled (Get-ThanosDownsampleStatus)'
        Test = {
            $deadline = [DateTime]::UtcNow + $Timeout
            while ($true) {
                $status = @(Get-ThanosDownsampleStatus -Bucket $Bucket -WarningAction SilentlyContinue)
                $due = @($status | Where-Object Status -eq Eligible)
                $done = @($status | Where-Object Status -eq Downsampled)
                if ($done.Count -gt 0 -and $due.Count -eq 0) { break }
                if ([DateTime]::UtcNow -ge $deadline) {
                    throw "$($due.Count) block(s) still wait for the downsampler ($(($due | ForEach-Object { "$($_.Id) to $($_.TargetResolution)" }) -join ', ')); $($done.Count) are downsampled"
                }
                Start-Sleep -Seconds 10
            }
            $fiveMinutes = @($done | Where-Object Resolution -eq ([timespan]::Zero)).Count
            '{0} raw block(s) downsampled to 5m, {1} 5m block(s) to 1h, {2} not eligible' -f $fiveMinutes, ($done.Count - $fiveMinutes), @($status | Where-Object Status -eq NotEligible).Count
        }.GetNewClosure()
    }
    [pscustomobject]@{
        What = 'no missing downsampling, partial upload, overlap or unreadable meta.json (Test-ThanosBucket)'
        Test = {
            $findings = @(Test-ThanosBucket -Bucket $Bucket -WarningAction SilentlyContinue)
            $bad = @($findings | Where-Object Kind -in MissingDownsample, PartialUpload, Overlap, UnreadableMeta)
            if ($bad.Count -gt 0) { throw (($bad | ForEach-Object { "$($_.Kind): $($_.Message)" }) -join ' ') }
            $others = @($findings | Group-Object Kind | ForEach-Object { "$($_.Count) $($_.Name)" })
            'none' + ($others ? " (also: $($others -join ', '))" : '')
        }.GetNewClosure()
    }
    [pscustomobject]@{
        What = 'every 5m and 1h window recomputes from its source block (Test-ThanosDownsample -Bucket)'
        Test = {
            $results = @(Test-ThanosDownsample -Bucket $Bucket -WarningAction SilentlyContinue)
            if ($results.Count -eq 0) { throw 'no downsampled block with its source in the bucket' }
            $wrong = @($results | Where-Object { -not $_.IsCorrect })
            if ($wrong.Count -gt 0) {
                throw (($wrong | ForEach-Object { "$($_.Id): $(($_.Differences | Select-Object -First 3) -join '; ')" }) -join ' ')
            }
            '{0} block(s), {1:N0} windows, all equal' -f $results.Count, ($results | Measure-Object WindowsChecked -Sum).Sum
        }.GetNewClosure()
    }
}
