namespace HybridInference.Contracts.Oip;

/// <summary>
/// Clinger's fast path for the short decimals that pixel data is made of ("0.003921569"): when the
/// digits fit in 2^53 and the power of ten is at most 10^22, both are exact doubles and one division or
/// multiplication gives the correctly rounded result, the same value a full parser returns. Anything else
/// is declined and left to the full parser. Reading 784 numbers per image, this halves the cost of JSON.
/// </summary>
internal static class FastDecimal
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The whole of <paramref name="text"/> as a number, when the exact path applies; otherwise false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        var i = 0;
        return TryRead(text, ref i, out value, out var exact) && exact && i == text.Length;
    }

    /// <summary>
    /// Reads one JSON number (<c>-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?</c>) at <paramref name="i"/> in one pass,
    /// moving <paramref name="i"/> past it. False for a malformed number. <paramref name="exact"/> says whether
    /// <paramref name="value"/> is the correctly rounded value; when not, the caller uses a full parser on the
    /// bytes read.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ref int i, out double value, out bool exact)
    {
        value = 0;
        exact = false;
        var negative = i < json.Length && json[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return false;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        if (json[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                Accumulate(ref mantissa, ref digits, json[i]);
            }
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            var fraction = ++i;
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                Accumulate(ref mantissa, ref digits, json[i]);
                exponent--;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            var negativeExponent = false;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                negativeExponent = json[i] == (byte)'-';
                i++;
            }

            var first = i;
            var explicitExponent = 0;
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                // Past 9,999 the exact path is out of reach anyway; a full parser reads the digits.
                explicitExponent = Math.Min((explicitExponent * 10) + (json[i] - '0'), 10_000);
            }

            if (i == first)
            {
                return false;
            }

            exponent += negativeExponent ? -explicitExponent : explicitExponent;
        }

        if (digits <= 19 && mantissa <= MaxExactMantissa && exponent is >= -22 and <= 22)
        {
            var magnitude = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
            value = negative ? -magnitude : magnitude;
            exact = true;
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    /// <summary>Leading zeros cost nothing; past 19 significant digits the mantissa could overflow, and only the count goes on.</summary>
    private static void Accumulate(ref ulong mantissa, ref int digits, byte digit)
    {
        if (mantissa == 0 && digit == '0')
        {
            return;
        }

        if (++digits <= 19)
        {
            mantissa = (mantissa * 10) + (ulong)(digit - '0');
        }
    }
}
