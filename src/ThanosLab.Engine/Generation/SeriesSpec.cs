using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// One entry of a block plan: <see cref="Targets"/> series sharing <see cref="Labels"/>, each told
/// apart by a <c>__blockgen_target__</c> label, with samples in [<see cref="MinTime"/>, <see cref="MaxTime"/>] (ms).
/// </summary>
public sealed record SeriesSpec(LabelSet Labels, int Targets, SeriesType Type, long MinTime, long MaxTime, SeriesCharacteristics Characteristics)
{
    public const string TargetLabel = "__blockgen_target__";

    public void Validate()
    {
        if (Labels.Count == 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "EmptySeriesLabels",
                "A series spec has no labels; give at least __name__.", this);
        }
        if (Targets < 1)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTargetCount",
                $"The target count {Targets} is not accepted: a series spec needs at least 1 target.", Targets);
        }
        if (MaxTime < MinTime)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidSeriesRange",
                $"The series range [{MinTime}, {MaxTime}] ends before it starts.", this);
        }
        Characteristics.Validate();
    }
}
