@{
    Synopsis    = 'Finds every block in a bucket that halts or misleads the Thanos compactor, and says what to do about each.'
    Description = @'
Test-ThanosBucket reads a bucket once (one recursive listing, one meta.json read per block and one read per deletion mark; nothing is changed) and returns one finding per problem, each naming every block involved. It looks at the blocks the way Thanos' compactor does: it groups them into streams (same external labels and resolution), leaves out blocks whose deletion mark is older than half the delete delay (the compactor stops seeing them then) and blocks whose compaction sources another block covers (the compactor's deduplication).

The kinds of finding:

Overlap: blocks of one stream whose [minTime, maxTime) ranges intersect. The compactor halts on the group ("pre compaction overlap check") unless vertical compaction is enabled. Blocks that overlap through a chain are one finding; blocks of different streams never overlap each other.

DuplicateCompaction: a block whose compaction sources are all sources of another block of its stream. The compactor ignores it and marks it for deletion. Id holds only the duplicate, never the block that covers it.

PartialUpload: a block prefix without meta.json, with its age (from its newest object, or its ULID when the bucket gives no times). The compactor deletes it once it is older than 48 hours.

UnreadableMeta: a meta.json (or deletion mark) that does not read. Thanos hides the block; the other blocks are checked as usual.

MissingDownsample: a raw block spanning at least 40 hours, or a 5m block spanning at least 10 days, that no block of the next resolution covers and that has no no-downsample mark.

DeletionPending: a block with a deletion mark, with when the compactor may delete it (mark time plus -DeleteDelay) and whether it still counts in the overlap check.

With -Deep, every block the compactor sees is also downloaded (meta.json, index and chunk segments) into a private temporary directory, checked as Test-ThanosBlock checks a local block, and deleted again. Its issues become findings, one per kind and block: OutOfOrderChunks (chunks of a series that overlap or go back in time, which the compactor refuses), MetaMismatch (meta.json's stats or time range against the data; chunks outside the range halt the compactor) and IndexIssue (every other index or chunk problem, or a block that does not download). -Deep reads every byte of the bucket's blocks; each block is held in memory while it downloads.

Findings bind to Set-ThanosBlockMark by property name: their Id property holds the blocks to act on, and RecommendedMark the mark kind that applies. A no-compact mark keeps overlapping blocks out of compaction plans, but Thanos still counts them in its overlap check: the halt ends when the redundant copy is deleted or vertical compaction is on.
'@
    Parameters  = @{
        Bucket        = 'The bucket to check: a configuration from New-ThanosBucketConfig or Import-ThanosConfig. Binds from the pipeline.'
        DeleteDelay   = 'The compactor''s --delete-delay (default 48h, as in Thanos): a TimeSpan or a quoted duration such as ''24h''. A deletion-marked block leaves the compactor''s view after half of it and may be deleted after all of it.'
        ThrottleLimit = 'How many meta.json and mark reads run at once (default 32, as Thanos'' --block-meta-fetch-concurrency; at most 64). With -Deep, blocks are downloaded and verified at most one per processor at a time.'
        Deep          = 'Also download and verify each block''s index and chunks (see the description): slower, and reads every byte of every block.'
        Quiet         = 'Return only $true or $false: $true when at least one block was checked and nothing was found. An empty bucket is $false.'
    }
    Inputs      = @{ 'ThanosLab.ThanosBucketConfig' = 'The bucket to check.' }
    Outputs     = @{ 'ThanosLab.ThanosBucketFinding' = 'Kind, Id (the blocks to act on), Blocks (every block involved), Stream, Labels, Resolution, Message, Recommendation, RecommendedMark and BucketLocation.'; 'System.Boolean' = 'With -Quiet.' }
    Notes       = 'An empty bucket writes a warning: a check over nothing is not a pass. -Verbose says how many blocks were checked. Without -Deep the check reads only meta.json and marks, never indexes or chunks.'
    Examples    = @(
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket'
            Remarks = 'Lists every problem in the bucket, one finding per problem.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq Overlap | Set-ThanosBlockMark -Bucket $bucket -Kind NoCompact -Details ''overlap, under investigation'''
            Remarks = 'Gives every block of every overlap a no-compact mark (one mark per block) while you decide which copy to delete.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq DuplicateCompaction | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion'
            Remarks = 'Marks only the duplicates for deletion (Id never holds the block that covers a duplicate); asks for confirmation unless -Force.'
        }
        @{
            Code    = 'Test-ThanosBucket -Bucket $bucket -Deep | Where-Object Kind -in OutOfOrderChunks, IndexIssue, MetaMismatch | Format-List Id, Kind, Message'
            Remarks = 'Downloads and verifies every block, and shows each block whose data the compactor would refuse.'
        }
        @{
            Code    = 'if (-not (Test-ThanosBucket -Bucket $bucket -Quiet)) { throw ''the bucket needs attention'' }'
            Remarks = 'Fails a script when anything was found or the bucket is empty.'
        }
    )
    Links       = @('Set-ThanosBlockMark', 'Get-ThanosBlock', 'Test-ThanosBucketUpload', 'about_ThanosLab')
}
