namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A secret (S3 secret key, session token) held so that it cannot reach output by accident:
/// ToString, string interpolation and debuggers show a mask; only <see cref="Reveal"/> gives the value,
/// and only the code that signs requests or writes the 0600 config file calls it.
/// </summary>
public sealed class SecretString : IEquatable<SecretString>
{
    public const string Mask = "********";

    private readonly string _value;

    public SecretString(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    public bool IsEmpty => _value.Length == 0;

    public string Reveal() => _value;

    public override string ToString() => Mask;

    public bool Equals(SecretString? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SecretString s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
