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

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var any = false;
        for (; i < text.Length && IsDigit(text[i]); i++)
        {
            any = true;
            if (!Accumulate(ref mantissa, ref digits, text[i]))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            for (; i < text.Length && IsDigit(text[i]); i++)
            {
                any = true;
                if (!Accumulate(ref mantissa, ref digits, text[i]))
                {
                    return false;
                }

                exponent--;
            }
        }

        if (!any)
        {
            return false;
        }

        if (i < text.Length && (text[i] == (byte)'e' || text[i] == (byte)'E'))
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && (text[i] == (byte)'+' || text[i] == (byte)'-'))
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }

            var explicitExponent = 0;
            var exponentDigits = 0;
            for (; i < text.Length && IsDigit(text[i]); i++)
            {
                if (++exponentDigits > 3)
                {
                    return false;
                }

                explicitExponent = (explicitExponent * 10) + (text[i] - '0');
            }

            if (exponentDigits == 0)
            {
                return false;
            }

            exponent += negativeExponent ? -explicitExponent : explicitExponent;
        }

        if (i != text.Length || mantissa > MaxExactMantissa || exponent < -22 || exponent > 22)
        {
            return false;
        }

        var magnitude = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    // Leading zeros cost nothing; past 19 significant digits the mantissa could overflow, so decline.
    private static bool Accumulate(ref ulong mantissa, ref int digits, byte digit)
    {
        if (mantissa == 0 && digit == '0')
        {
            return true;
        }

        if (++digits > 19)
        {
            return false;
        }

        mantissa = (mantissa * 10) + (ulong)(digit - '0');
        return true;
    }
}
