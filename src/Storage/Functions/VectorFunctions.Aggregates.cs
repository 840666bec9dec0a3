using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VecStore.Indexes;

namespace VecStore.Storage.Functions;

// avg(vector) and sum(vector) as SQLite aggregates. Their state lives in SQLite's aggregate context
// (native memory SQLite frees with the group), so a group costs no managed allocation:
//   bytes 0-7    rows counted (long)
//   bytes 8-11   dimensions (int)
//   byte  12     element type
//   bytes 16-    one accumulator per element: double for avg (pgvector accumulates in float8),
//                float for sum (pgvector's sum is vector_add row by row, rounded to the type each time)
public static unsafe partial class VectorFunctions
{
    private const int StateHeader = 16;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void AverageStep(IntPtr ctx, int argc, IntPtr* argv) => Step(ctx, argc, argv, average: true);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SumStep(IntPtr ctx, int argc, IntPtr* argv) => Step(ctx, argc, argv, average: false);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void AverageFinal(IntPtr ctx) => Final(ctx, average: true);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SumFinal(IntPtr ctx) => Final(ctx, average: false);

    private static void Step(IntPtr ctx, int argc, IntPtr* argv, bool average)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
                return;
            RequireNumeric(v, average ? "avg" : "sum");
            int size = StateHeader + v.Dimensions * (average ? sizeof(double) : sizeof(float));
            byte* state = SqliteNative.AggregateContext(ctx, size);
            if (state == null)
                throw new OutOfMemoryException("SQLite could not allocate an aggregate's state");
            ref long count = ref *(long*)state;
            ref int dimensions = ref *(int*)(state + 8);
            if (count == 0)
            {
                dimensions = v.Dimensions;
                state[12] = (byte)v.Element;
            }
            else if (dimensions != v.Dimensions)
            {
                throw DifferentDimensions(average ? VectorFunction.Average : VectorFunction.Sum, dimensions, v.Dimensions);
            }
            var floats = v.Element == VectorElement.Float32 ? v.Floats : v.ToFloats(rented = ArrayPool<float>.Shared.Rent(v.Dimensions));
            if (average)
            {
                var sums = new Span<double>(state + StateHeader, dimensions);
                for (int e = 0; e < sums.Length; e++)
                {
                    sums[e] += floats[e];
                    if (double.IsInfinity(sums[e]))
                        throw new VecStoreException(ErrorCode.InvalidVectorValue, $"avg: element {e} of the sum overflows");
                }
            }
            else
            {
                var sums = new Span<float>(state + StateHeader, dimensions);
                bool half = (VectorElement)state[12] == VectorElement.Float16;
                for (int e = 0; e < sums.Length; e++)
                {
                    float next = sums[e] + floats[e];
                    if (half)
                        next = (float)(Half)next;
                    if (float.IsInfinity(next))
                        throw VectorMath.Overflow(VectorFunction.Add, e, sums[e], floats[e]);
                    sums[e] = next;
                }
            }
            count++;
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    private static void Final(IntPtr ctx, bool average)
    {
        float[]? rented = null;
        try
        {
            byte* state = SqliteNative.AggregateContext(ctx, 0);
            if (state == null || *(long*)state == 0)
            {
                // SQL's avg and sum of no rows are NULL.
                SqliteNative.ResultNull(ctx);
                return;
            }
            long count = *(long*)state;
            int dimensions = *(int*)(state + 8);
            var element = (VectorElement)state[12];
            rented = ArrayPool<float>.Shared.Rent(Math.Max(1, dimensions));
            var result = rented.AsSpan(0, dimensions);
            if (average)
            {
                var sums = new ReadOnlySpan<double>(state + StateHeader, dimensions);
                for (int e = 0; e < dimensions; e++)
                    result[e] = (float)(sums[e] / count);
            }
            else
            {
                new ReadOnlySpan<float>(state + StateHeader, dimensions).CopyTo(result);
            }
            ResultFloats(ctx, element, result);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }
}
