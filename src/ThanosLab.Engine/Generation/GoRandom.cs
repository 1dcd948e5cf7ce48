namespace ThanosLab.Engine.Generation;

/// <summary>
/// Go's math/rand source and Float64 with Go 1.19 semantics (formats.md §17.3): an additive lagged
/// Fibonacci generator seeded by Park–Miller steps XORed with Go's cooked values. thanosbench
/// draws every value from one of these, so the port must match bit for bit.
/// </summary>
public sealed class GoRandom
{
    private const int Length = 607;
    private const int Tap = 273;
    private const int Modulus = int.MaxValue;
    private const long Mask = long.MaxValue;

    private readonly long[] _vec = new long[Length];
    private int _tap;
    private int _feed;

    public GoRandom(long seed)
    {
        _tap = 0;
        _feed = Length - Tap;
        seed %= Modulus;
        if (seed < 0)
        {
            seed += Modulus;
        }
        if (seed == 0)
        {
            seed = 89482311;
        }
        var x = (int)seed;
        for (var i = -20; i < Length; i++)
        {
            x = ParkMiller(x);
            if (i >= 0)
            {
                var u = (long)x << 40;
                x = ParkMiller(x);
                u ^= (long)x << 20;
                x = ParkMiller(x);
                u ^= x;
                u ^= GoRandomCookedValues.Values[i];
                _vec[i] = u;
            }
        }
    }

    private static int ParkMiller(int x)
    {
        const int a = 48271, q = 44488, r = 3399;
        x = a * (x % q) - r * (x / q);
        return x < 0 ? x + Modulus : x;
    }

    public long Int63()
    {
        if (--_tap < 0)
        {
            _tap += Length;
        }
        if (--_feed < 0)
        {
            _feed += Length;
        }
        var x = unchecked(_vec[_feed] + _vec[_tap]);
        _vec[_feed] = x;
        return x & Mask;
    }

    public double Float64()
    {
        while (true)
        {
            var f = Int63() / 9223372036854775808.0;
            if (f != 1.0)
            {
                return f;
            }
        }
    }
}
