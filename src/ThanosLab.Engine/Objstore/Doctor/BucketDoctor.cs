namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Finds what halts or misleads Thanos' compactor in a bucket, every offender at once: one listing and
/// one meta.json read per block (<see cref="BucketBlockCatalog"/>), one read per deletion mark, then
/// each check over what was read; deep, also each block's index and chunks (<see cref="BlockContentCheck"/>). Nothing in the bucket is changed, and a block that does not read is
/// a finding, never the end of the examination.
/// </summary>
public static class BucketDoctor
{
    /// <summary>The checks, in the order their findings are reported.</summary>
    public static readonly IReadOnlyList<IBucketCheck> Checks = new IBucketCheck[]
    {
        new OverlapCheck(),
        new DuplicateCompactionCheck(),
        new PartialUploadCheck(),
        new UnreadableMetaCheck(),
        new MissingDownsampleCheck(),
        new DeletionPendingCheck(),
    };

    /// <param name="deleteDelay">The compactor's <c>--delete-delay</c> (Thanos' default 48 h).</param>
    /// <param name="deep">Also download and verify every block the compactor sees.</param>
    public static async Task<BucketExamination> ExamineAsync(IBucket bucket, TimeSpan deleteDelay, DateTimeOffset now, int parallelism, bool deep, CancellationToken cancellationToken)
    {
        var survey = await BucketSurvey.ReadAsync(bucket, deleteDelay, now, parallelism, cancellationToken).ConfigureAwait(false);
        var findings = Checks.SelectMany(c => c.Check(survey)).ToList();
        // A deep check holds a whole block's files and verifies them on a core: as many at once as there are cores, not as many as meta.json reads.
        if (deep) findings.AddRange(await BlockContentCheck.CheckAsync(bucket, survey.Fetched, Math.Min(parallelism, Environment.ProcessorCount), cancellationToken).ConfigureAwait(false));
        return new BucketExamination(survey.Blocks.Count, findings);
    }
}
