using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Distance;

/// <summary>The batch kernel's tiles sum each (row, query) pair in the same order as the plain loop, so they agree exactly.</summary>
public sealed class DotProductTileAgainstScalarTests
{
    [Theory]
    [MemberData(nameof(KernelInputs.ShortLengths), MemberType = typeof(KernelInputs))]
    public void Tiles_equal_scalar_for_short_dimensions(int dimensions)
    {
        Check(seed: dimensions, dimensions, DotProductTile.WideLanes);
        Check(seed: dimensions, dimensions, DotProductTile.NarrowLanes);
    }

    [Fact]
    public void Tiles_equal_scalar_for_random_dimensions_up_to_2000()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 7000, count: 30);
        for (int i = 0; i < lengths.Length; i++)
        {
            Check(seed: 70_000 + i, lengths[i], i % 2 == 0 ? DotProductTile.WideLanes : DotProductTile.NarrowLanes);
        }
    }

    private static void Check(int seed, int dimensions, int width)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        Random random = RandomVectors.Create(seed);
        int stride = dimensions + random.Next(0, 5);
        float[] panel = RandomVectors.Uniform(random, dimensions, width);
        float[] rows = RandomVectors.Uniform(random, DotProductTile.Rows, Math.Max(stride, 1));
        var expected = new float[DotProductTile.Rows * width];
        DotProductTile.Scalar(panel, width, rows, stride, dimensions, expected);

        TileSums sums = default;
        ref float p = ref MemoryMarshal.GetArrayDataReference(panel);
        ref float r = ref MemoryMarshal.GetArrayDataReference(rows);
        if (width == DotProductTile.WideLanes)
        {
            DotProductTile.Wide(ref p, ref r, stride, dimensions, ref sums);
        }
        else
        {
            DotProductTile.Narrow(ref p, ref r, stride, dimensions, ref sums);
        }

        int registers = width / 16;
        for (int row = 0; row < DotProductTile.Rows; row++)
        {
            for (int lane = 0; lane < width; lane++)
            {
                float actual = sums[(row * registers) + (lane / 16)][lane % 16];
                Assert.True(expected[(row * width) + lane].Equals(actual), $"{dimensions} dimensions, row {row}, lane {lane}: expected {expected[(row * width) + lane]:R}, got {actual:R}");
            }
        }
    }
}
