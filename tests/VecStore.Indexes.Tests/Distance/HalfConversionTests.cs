using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class HalfConversionTests
{
    [Fact]
    public void Every_half_converts_as_the_runtime_does_at_every_width()
    {
        var lanes = new ushort[16];
        for (int start = 0; start <= ushort.MaxValue; start += 16)
        {
            for (int i = 0; i < 16; i++)
            {
                lanes[i] = (ushort)(start + i);
            }

            Vector512<float> wide = HalfConversion.ToSingle(Vector256.Create(lanes).AsInt16());
            Vector256<float> middle = HalfConversion.ToSingle(Vector128.Create(lanes, 0).AsInt16());
            Vector128<float> narrow = HalfConversion.ToSingleLower(Vector128.Create(lanes, 8).AsInt16());
            for (int i = 0; i < 16; i++)
            {
                float expected = (float)BitConverter.UInt16BitsToHalf(lanes[i]);
                AssertSame(expected, wide[i], lanes[i]);
                if (i < 8)
                {
                    AssertSame(expected, middle[i], lanes[i]);
                }

                if (i >= 8 && i < 12)
                {
                    AssertSame(expected, narrow[i - 8], lanes[i]);
                }
            }
        }
    }

    private static void AssertSame(float expected, float actual, ushort bits)
    {
        if (float.IsNaN(expected))
        {
            Assert.True(float.IsNaN(actual), $"half 0x{bits:X4}: expected NaN, got {actual}");
            return;
        }

        Assert.True(
            BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(actual),
            $"half 0x{bits:X4}: expected {expected:R}, got {actual:R}");
    }
}
