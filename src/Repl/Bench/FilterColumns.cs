using System.Numerics.Tensors;

namespace VecStore.Repl.Bench;

/// <summary>
/// The two scalar columns a filtered benchmark adds to every base row, so that <c>col &lt; s·n</c>
/// passes exactly the share s of the rows: <c>tag</c>, independent of the vectors, and <c>grp</c>,
/// correlated with them.
/// </summary>
/// <remarks>
/// <c>tag</c> is a seeded random permutation of 0..n-1. <c>grp</c> numbers the rows cluster by
/// cluster: each row belongs to its nearest of <see cref="Pivots"/> base rows drawn at random, and
/// the rows are numbered in the order of their cluster (the pivots' random order), then of their
/// tag. A small threshold on <c>grp</c> therefore passes one region of the space, which is the
/// hard case for searches that filter after ranking: most queries' nearest rows all fail it.
/// Both are recomputed from the dataset whenever needed (the seed fixes them), so a reused
/// database needs no extra record.
/// </remarks>
internal sealed class FilterColumns
{
    /// <summary>Clusters the correlated column is made of.</summary>
    public const int Pivots = 256;

    private const int Seed = 20261126;

    private FilterColumns(int[] tag, int[] group)
    {
        Tag = tag;
        Group = group;
    }

    /// <summary>The independent column, by row.</summary>
    public int[] Tag { get; }

    /// <summary>The correlated column, by row.</summary>
    public int[] Group { get; }

    /// <summary>The column of <paramref name="kind"/>.</summary>
    public int[] Of(FilterKind kind) => kind == FilterKind.Independent ? Tag : Group;

    /// <summary>The rows whose column of <paramref name="kind"/> is below <paramref name="threshold"/>.</summary>
    public bool[] Passing(FilterKind kind, int threshold)
    {
        var values = Of(kind);
        var passing = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
            passing[i] = values[i] < threshold;
        return passing;
    }

    /// <summary>Computes both columns for <paramref name="vectors"/>.</summary>
    public static FilterColumns Compute(VectorMatrix vectors)
    {
        int n = vectors.Rows;
        var random = new Random(Seed);
        var tag = new int[n];
        for (int i = 0; i < n; i++)
            tag[i] = i;
        random.Shuffle(tag);

        int pivots = Math.Min(Pivots, n);
        // The first rows of the shuffled order are distinct random rows.
        var pivotRows = new int[pivots];
        for (int i = 0; i < n; i++)
            if (tag[i] < pivots)
                pivotRows[tag[i]] = i;
        var cluster = new int[n];
        Parallel.For(0, n, row =>
        {
            var vector = vectors.Row(row);
            float best = float.PositiveInfinity;
            int nearest = 0;
            for (int p = 0; p < pivots; p++)
            {
                float d = TensorPrimitives.Distance(vector, vectors.Row(pivotRows[p]));
                if (d < best)
                {
                    best = d;
                    nearest = p;
                }
            }
            cluster[row] = nearest;
        });

        var keys = new long[n];
        var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = ((long)cluster[i] << 32) | (uint)tag[i];
            rows[i] = i;
        }
        Array.Sort(keys, rows);
        var group = new int[n];
        for (int position = 0; position < n; position++)
            group[rows[position]] = position;
        return new FilterColumns(tag, group);
    }
}

/// <summary>How a benchmark filter relates to the vectors.</summary>
internal enum FilterKind
{
    /// <summary><c>tag &lt; t</c>: rows chosen at random.</summary>
    Independent,

    /// <summary><c>grp &lt; t</c>: whole clusters of nearby rows.</summary>
    Correlated,
}
