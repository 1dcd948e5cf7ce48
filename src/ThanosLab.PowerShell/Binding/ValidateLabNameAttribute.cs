using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ThanosLab.Binding;

/// <summary>
/// A lab name is a Docker label value and a folder name: letters, digits, '_', '.', '-'. Null or
/// empty passes (it means the default lab), so piped objects without a lab still bind.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateLabNameAttribute : ValidateArgumentsAttribute
{
    private static readonly Regex Pattern = new("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = (arguments is PSObject p ? p.BaseObject : arguments) as string;
        if (!string.IsNullOrEmpty(value) && !Pattern.IsMatch(value))
        {
            throw new ValidationMetadataException(
                $"The lab name '{value}' is not valid: use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit.");
        }
    }
}
