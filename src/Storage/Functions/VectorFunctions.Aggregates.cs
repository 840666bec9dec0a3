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
    private static void AverageStep(IntPtr ctx, int argc, IntPtr* argv) => Invoke<StepBody<Averaging>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SumStep(IntPtr ctx, int argc, IntPtr* argv) => Invoke<StepBody<Summing>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void AverageFinal(IntPtr ctx) => Invoke<FinalBody<Averaging>>(ctx, 0, null);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SumFinal(IntPtr ctx) => Invoke<FinalBody<Summing>>(ctx, 0, null);

    /// <summary>avg or sum.</summary>
    private interface IVectorAggregate
    {
        static abstract bool Average { get; }
    }

    private readonly struct Averaging : IVectorAggregate
    {
        public static bool Average => true;
    }

    private readonly struct Summing : IVectorAggregate
    {
        public static bool Average => false;
    }

    private readonly struct StepBody<TAggregate> : ISqlFunction where TAggregate : IVectorAggregate
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
                return;
            bool average = TAggregate.Average;
            RequireNumeric(v, average ? "avg" : "sum");
            int size = StateHeader + v.Dimensions * (average ? sizeof(double) : sizeof(float));
            byte* state = SqliteNative.AggregateContext(call.Context, size);
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
            var floats = call.Floats(v);
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
    }

    private readonly struct FinalBody<TAggregate> : ISqlFunction where TAggregate : IVectorAggregate
    {
        public static void Run(ref SqlFunctionCall call)
        {
            byte* state = SqliteNative.AggregateContext(call.Context, 0);
            if (state == null || *(long*)state == 0)
            {
                // SQL's avg and sum of no rows are NULL.
                call.ReturnNull();
                return;
            }
            long count = *(long*)state;
            int dimensions = *(int*)(state + 8);
            var result = call.Scratch(dimensions);
            if (TAggregate.Average)
            {
                var sums = new ReadOnlySpan<double>(state + StateHeader, dimensions);
                for (int e = 0; e < dimensions; e++)
                    result[e] = (float)(sums[e] / count);
            }
            else
            {
                new ReadOnlySpan<float>(state + StateHeader, dimensions).CopyTo(result);
            }
            call.ReturnFloats((VectorElement)state[12], result);
        }
    }
}
