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

    private const int Warmup = 20;

    // Seeding steps x by Park–Miller, x' = 48271·x mod (2^31−1), 20 times and then three times per
    // state element, so element i is a function of x0·48271^n mod (2^31−1) for three known n. With
    // the powers at hand each element can be made on its own, and is made when the source first
    // reads it: a realistic profile's series draws two or three values, which read six elements of
    // 607, and seeding all of them (1,841 dependent divisions) was most of that profile's time.
    private static readonly ulong[] StepPowers = ParkMillerPowers(Warmup + 3 * Length);

    private readonly long[] _vec = new long[Length];

    // Element i holds this seed's value when _madeFor[i] == _seeding; every element is made by the
    // time the feed has gone round once (Length draws), and from then on no check is needed.
    private readonly int[] _madeFor = new int[Length];
    private int _seeding;
    private int _drawsBeforeMade;
    private ulong _x0;
    private int _tap;
    private int _feed;

    public GoRandom(long seed) => Seed(seed);

    /// <summary>Starts over from <paramref name="seed"/>, as Go's <c>Seed</c> does, reusing this source's state.</summary>
    public void Seed(long seed)
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
        _x0 = (ulong)seed;
        if (_seeding == int.MaxValue)
        {
            Array.Clear(_madeFor);
            _seeding = 0;
        }
        _seeding++;
        _drawsBeforeMade = Length;
    }

    private void Make(int i)
    {
        if (_madeFor[i] == _seeding)
        {
            return;
        }
        var n = Warmup + 3 * i;
        var u = (long)Step(_x0, StepPowers[n]) << 40;
        u ^= (long)Step(_x0, StepPowers[n + 1]) << 20;
        u ^= (long)Step(_x0, StepPowers[n + 2]);
        _vec[i] = u ^ GoRandomCookedValues.Values[i];
        _madeFor[i] = _seeding;
    }

    // x0·p mod 2^31−1 by folding the high bits onto the low ones (2^31 ≡ 1); x0, p < 2^31.
    private static ulong Step(ulong x0, ulong power)
    {
        var t = x0 * power;
        t = (t & Modulus) + (t >> 31);
        t = (t & Modulus) + (t >> 31);
        return t >= Modulus ? t - Modulus : t;
    }

    // powers[n] = 48271^(n+1) mod 2^31−1: the multiplier of the seed after n+1 steps.
    private static ulong[] ParkMillerPowers(int count)
    {
        var powers = new ulong[count];
        ulong p = 1;
        for (var n = 0; n < count; n++)
        {
            p = Step(p, 48271);
            powers[n] = p;
        }
        return powers;
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
        if (_drawsBeforeMade > 0)
        {
            _drawsBeforeMade--;
            Make(_feed);
            Make(_tap);
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
