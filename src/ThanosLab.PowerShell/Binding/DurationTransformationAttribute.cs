using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Durations;

namespace ThanosLab.Binding;

/// <summary>Lets a TimeSpan parameter also take Prometheus/Go duration strings such as <c>15s</c>, <c>1h</c>, <c>1h0m0s</c>, <c>1000d</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is string s)
        {
            if (TimeSpan.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var ts) && s.Contains(':'))
            {
                return ts;
            }
            try
            {
                return PrometheusDuration.Parse(s, "duration");
            }
            catch (ThanosLabException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
        return value!;
    }
}
