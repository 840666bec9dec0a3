using System.Numerics;
using System.Numerics.Tensors;

namespace VecStore.Repl.Bench;

/// <summary>Computes ground truth: the exact nearest base rows of every query, by brute force.</summary>
/// <remarks>
/// Done as the prepared datasets' ground truth is: a float32 pass keeps <see cref="Candidates"/>
/// candidates per query, which are then re-scored in float64 and ordered by (distance, id), so that
/// float32 rounding never decides the order. Bit metrics compare the vectors binarised as
/// <see cref="BitVectors"/> does, as the engine would store them. Queries run in parallel on all cores.
/// </remarks>
internal static class ExactNeighbors
{
    /// <summary>Candidates kept per query by the float32 pass, before exact re-scoring.</summary>
    public const int Candidates = 120;

    /// <summary>The <paramref name="depth"/> nearest base rows of each query, best first; with <paramref name="admitted"/>, only among the rows it marks (a filter's ground truth).</summary>
    public static NeighborLists Compute(VectorMatrix baseVectors, VectorMatrix queries, BenchMetric metric, int depth, Action<int>? queriesDone = null, bool[]? admitted = null)
    {
        if (baseVectors.Dimensions != queries.Dimensions)
            throw new BenchException($"the queries have {queries.Dimensions} dimensions but the base vectors {baseVectors.Dimensions}");
        depth = Math.Min(depth, baseVectors.Rows);
        int candidates = Math.Min(Math.Max(Candidates, depth), baseVectors.Rows);
        var ids = new int[queries.Rows * depth];
        var scorer = Scorer.For(baseVectors, metric);
        scorer.Admitted = admitted;
        int done = 0;
        Parallel.For(0, queries.Rows, () => new CandidateHeap(candidates), (q, _, heap) =>
        {
            heap.Clear();
            scorer.Approximate(queries.Row(q), heap);
            var nearest = heap.ToArray();
            var exact = new (double Distance, int Id)[nearest.Length];
            for (int i = 0; i < nearest.Length; i++)
                exact[i] = (scorer.Exact(queries.Row(q), nearest[i]), nearest[i]);
            Array.Sort(exact);
            for (int i = 0; i < depth; i++)
                ids[q * depth + i] = exact[i].Id;
            int count = Interlocked.Increment(ref done);
            if (queriesDone is not null && count % 100 == 0)
                queriesDone(count);
            return heap;
        }, _ => { });
        return new NeighborLists(ids, queries.Rows, depth);
    }

    /// <summary>Distances from one query to every base row: approximate (float32) for ranking, exact (float64) for the final order.</summary>
    private abstract class Scorer
    {
        public static Scorer For(VectorMatrix baseVectors, BenchMetric metric) => metric switch
        {
            BenchMetric.L2 => new L2Scorer(baseVectors),
            BenchMetric.Cosine => new CosineScorer(baseVectors),
            BenchMetric.InnerProduct => new InnerProductScorer(baseVectors),
            BenchMetric.L1 => new L1Scorer(baseVectors),
            BenchMetric.Hamming or BenchMetric.Jaccard => new BitScorer(baseVectors, metric),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };

        /// <summary>The rows that may be offered, or null for all.</summary>
        public bool[]? Admitted { get; set; }

        protected bool Skips(int row) => Admitted is { } admitted && !admitted[row];

        public abstract void Approximate(ReadOnlySpan<float> query, CandidateHeap heap);

        public abstract double Exact(ReadOnlySpan<float> query, int row);
    }

    private sealed class L2Scorer(VectorMatrix vectors) : Scorer
    {
        public override void Approximate(ReadOnlySpan<float> query, CandidateHeap heap)
        {
            for (int r = 0; r < vectors.Rows; r++)
                if (!Skips(r))
                    heap.Offer(TensorPrimitives.Distance(query, vectors.Row(r)), r);
        }

        public override double Exact(ReadOnlySpan<float> query, int row)
        {
            var x = vectors.Row(row);
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = (double)x[i] - query[i];
                sum += d * d;
            }
            return sum;
        }
    }

    private sealed class InnerProductScorer(VectorMatrix vectors) : Scorer
    {
        public override void Approximate(ReadOnlySpan<float> query, CandidateHeap heap)
        {
            for (int r = 0; r < vectors.Rows; r++)
                if (!Skips(r))
                    heap.Offer(-TensorPrimitives.Dot(query, vectors.Row(r)), r);
        }

        public override double Exact(ReadOnlySpan<float> query, int row) => -ExactDot(query, vectors.Row(row));
    }

    private sealed class CosineScorer : Scorer
    {
        private readonly VectorMatrix _vectors;
        private readonly float[] _norms;

        public CosineScorer(VectorMatrix vectors)
        {
            _vectors = vectors;
            _norms = new float[vectors.Rows];
            for (int r = 0; r < vectors.Rows; r++)
                _norms[r] = TensorPrimitives.Norm(vectors.Row(r));
        }

        // The query's own norm scales every score alike, so ranking by dot / |x| is enough here.
        public override void Approximate(ReadOnlySpan<float> query, CandidateHeap heap)
        {
            for (int r = 0; r < _vectors.Rows; r++)
            {
                if (Skips(r))
                    continue;
                float norm = _norms[r];
                heap.Offer(norm == 0 ? 0 : -TensorPrimitives.Dot(query, _vectors.Row(r)) / norm, r);
            }
        }

        public override double Exact(ReadOnlySpan<float> query, int row)
        {
            var x = _vectors.Row(row);
            double dot = ExactDot(query, x), xx = ExactDot(x, x), qq = ExactDot(query, query);
            return xx == 0 || qq == 0 ? 1 : 1 - dot / Math.Sqrt(xx * qq);
        }
    }

    private sealed class L1Scorer(VectorMatrix vectors) : Scorer
    {
        public override void Approximate(ReadOnlySpan<float> query, CandidateHeap heap)
        {
            Span<float> difference = new float[query.Length];
            for (int r = 0; r < vectors.Rows; r++)
            {
                if (Skips(r))
                    continue;
                TensorPrimitives.Subtract(query, vectors.Row(r), difference);
                heap.Offer(TensorPrimitives.SumOfMagnitudes(difference), r);
            }
        }

        public override double Exact(ReadOnlySpan<float> query, int row)
        {
            var x = vectors.Row(row);
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
                sum += Math.Abs((double)x[i] - query[i]);
            return sum;
        }
    }

    private sealed class BitScorer(VectorMatrix vectors, BenchMetric metric) : Scorer
    {
        private readonly ulong[] _bits = BitVectors.Pack(vectors);
        private readonly int _words = BitVectors.WordsPerVector(vectors.Dimensions);

        public override void Approximate(ReadOnlySpan<float> query, CandidateHeap heap)
        {
            var q = BitVectors.Pack(query);
            for (int r = 0; r < vectors.Rows; r++)
                if (!Skips(r))
                    heap.Offer((float)Score(q, r), r);
        }

        public override double Exact(ReadOnlySpan<float> query, int row) => Score(BitVectors.Pack(query), row);

        private double Score(ReadOnlySpan<ulong> query, int row)
        {
            var x = _bits.AsSpan(row * _words, _words);
            int differ = 0, both = 0, either = 0;
            for (int i = 0; i < _words; i++)
            {
                differ += BitOperations.PopCount(query[i] ^ x[i]);
                both += BitOperations.PopCount(query[i] & x[i]);
                either += BitOperations.PopCount(query[i] | x[i]);
            }
            if (metric == BenchMetric.Hamming)
                return differ;
            return either == 0 ? 0 : 1 - (double)both / either;
        }
    }

    private static double ExactDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>The <c>capacity</c> smallest (distance, id) pairs offered so far: a max-heap on (distance, id), so ties keep the lower ids.</summary>
    private sealed class CandidateHeap(int capacity)
    {
        private readonly float[] _distances = new float[capacity];
        private readonly int[] _ids = new int[capacity];
        private int _count;

        public void Clear() => _count = 0;

        public void Offer(float distance, int id)
        {
            if (_count < capacity)
            {
                int i = _count++;
                _distances[i] = distance;
                _ids[i] = id;
                SiftUp(i);
            }
            else if (distance < _distances[0] || (distance == _distances[0] && id < _ids[0]))
            {
                _distances[0] = distance;
                _ids[0] = id;
                SiftDown(0);
            }
        }

        public int[] ToArray() => _ids.AsSpan(0, _count).ToArray();

        private void SiftUp(int i)
        {
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Greater(i, parent))
                    return;
                Swap(i, parent);
                i = parent;
            }
        }

        private void SiftDown(int i)
        {
            while (true)
            {
                int largest = i, left = 2 * i + 1, right = left + 1;
                if (left < _count && Greater(left, largest))
                    largest = left;
                if (right < _count && Greater(right, largest))
                    largest = right;
                if (largest == i)
                    return;
                Swap(i, largest);
                i = largest;
            }
        }

        private bool Greater(int a, int b) => _distances[a] > _distances[b] || (_distances[a] == _distances[b] && _ids[a] > _ids[b]);

        private void Swap(int a, int b)
        {
            (_distances[a], _distances[b]) = (_distances[b], _distances[a]);
            (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
        }
    }
}
