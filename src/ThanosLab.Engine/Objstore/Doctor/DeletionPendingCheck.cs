namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Blocks with a deletion mark: when the compactor may delete them (mark time + delete delay), and
/// whether it still works on them (it stops seeing them once the mark is older than half the delay).
/// A mark that does not read is named too: Thanos ignores it, so the block is neither hidden nor deleted.
/// Partial uploads with a mark are the <see cref="PartialUploadCheck"/>'s.
/// </summary>
public sealed class DeletionPendingCheck : IBucketCheck
{
    public IEnumerable<BucketFinding> Check(BucketSurvey survey)
    {
        foreach (var block in survey.Blocks.Where(b => b.DeletionMarked && !b.IsPartial))
        {
            var stream = block.Meta is { } meta ? BlockStream.Of(meta) : null;
            if (survey.UnreadableDeletionMarks.TryGetValue(block.Id, out var error))
            {
                yield return new BucketFinding(BucketFindingKind.UnreadableMeta, new[] { block.Id }, stream,
                    $"{error.Message} Thanos ignores a deletion mark it cannot read: the block is neither hidden nor deleted.",
                    $"Remove the mark (Remove-ThanosBlockMark -Id {block.Id} -Kind Deletion) and set it again if the block is to go.");
                continue;
            }
            if (!survey.DeletionMarks.TryGetValue(block.Id, out var mark)) continue;
            var due = mark.Time + survey.DeleteDelay;
            var when = due <= survey.Now ? $"its delete delay ({FormatDelay(survey.DeleteDelay)}) has passed, so the compactor deletes it on its next run" : $"the compactor deletes it from {due:u} on (mark time + {FormatDelay(survey.DeleteDelay)} delete delay)";
            var seen = survey.HiddenByDeletionMark(block) ? "The compactor no longer compacts it." : "Until the mark is older than half the delay the compactor still sees it and counts it in its overlap check.";
            var details = mark.Details.Length > 0 ? $" ({mark.Details})" : "";
            yield return new BucketFinding(BucketFindingKind.DeletionPending, new[] { block.Id }, stream,
                $"Block {block.Id} was marked for deletion at {mark.Time:u}{details}; {when}. {seen}",
                $"To keep the block, remove the mark before then: Remove-ThanosBlockMark -Id {block.Id} -Kind Deletion.");
        }
    }

    private static string FormatDelay(TimeSpan delay) => delay.TotalHours >= 1 && delay.Minutes == 0 && delay.Seconds == 0 ? $"{(long)delay.TotalHours}h" : delay.ToString();
}
