namespace ThanosLab.Engine.Generation;

/// <summary>thanosbench's RANDOM: an independent draw in [min, max+1) at every scrape.</summary>
public sealed class RandomGenerator : SampleGenerator
{
    public RandomGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
        : base(random, minTime, maxTime, c)
    {
    }

    public override bool Next()
    {
        if (Current > MaxTime)
        {
            return false;
        }
        Current += Interval;
        Time = Current;
        Value = DrawLevel();
        return true;
    }
}
