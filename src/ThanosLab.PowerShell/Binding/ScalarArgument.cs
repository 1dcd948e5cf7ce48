using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Binding;

/// <summary>
/// The text of a value that must be one value: strings, numbers (invariant culture), booleans,
/// characters and enum names. A hashtable, a list or another object is refused naming what it was
/// given for, since its ToString() ('System.Collections.Hashtable') would pass for a value.
/// </summary>
internal static class ScalarArgument
{
    /// <param name="what">What the value is for, e.g. "external label 'cluster'".</param>
    /// <param name="example">How to give it, e.g. "@{ cluster = 'eu1' }".</param>
    public static string? Text(object? value, string what, string errorId, string example)
    {
        var v = value is PSObject p ? p.BaseObject : value;
        return v switch
        {
            null => null,
            string s => s,
            IFormattable f when v.GetType().IsPrimitive || v is decimal || v is Enum => f.ToString(null, CultureInfo.InvariantCulture),
            bool or char => v.ToString(),
            _ => throw new ThanosLabException(ErrorKind.InvalidArgument, errorId,
                $"The {what} has a value of type {v.GetType().FullName}; it takes one string (or number), not a {(v is IDictionary ? "hashtable" : v is IEnumerable ? "list" : "object")}.",
                what, $"Give the {what} a single value, such as {example}."),
        };
    }
}
