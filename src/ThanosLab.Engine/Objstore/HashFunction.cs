namespace ThanosLab.Engine.Objstore;

/// <summary>Thanos' <c>--hash-func</c>: whether uploaded meta.json records a hash of every data file.</summary>
public enum HashFunction
{
    None,
    SHA256,
}
