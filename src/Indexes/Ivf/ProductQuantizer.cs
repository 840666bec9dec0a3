namespace VecStore.Indexes.Ivf;

/// <summary>Product quantization of IVFPQ residuals: the vector is cut into <see cref="M"/> equal slices, and each slice is replaced by the number of its nearest codeword among 256 (one byte).</summary>
/// <remarks>
/// <para>
/// Each slice has its own codebook, trained by plain (Euclidean) <see cref="KMeans"/> on that slice
/// of the training residuals. A code is therefore <see cref="M"/> bytes whatever the dimensions.
/// </para>
/// <para>
/// Distances are asymmetric: the query slice stays exact and only the stored side is quantized.
/// <see cref="ComputeTable"/> precomputes, per slice, the squared distance from the query slice to
/// all 256 codewords; the squared distance to a code is then the sum of <see cref="M"/> table
/// entries, because squared L2 adds up over disjoint slices. <see cref="ComputeInnerProductTable"/>
/// does the same for the dot product, which also adds up over slices. The codes themselves are
/// always trained and chosen by Euclidean distance.
/// </para>
/// Immutable after training; safe for concurrent readers.
/// </remarks>
internal sealed class ProductQuantizer
{
    /// <summary>Codewords per slice: every byte value is a codeword.</summary>
    public const int Codewords = 256;

    /// <summary>Training points per codebook at most: 256 per codeword, as FAISS caps it; more barely moves the codewords and costs time in every slice.</summary>
    public const int MaxTrainingPoints = 256 * Codewords;

    private readonly float[] _codebooks;
    private readonly float[] _columns;
    private readonly CentroidSet[] _slices;

    /// <summary>Wraps trained codebooks: <c>M × 256 × (dimensions / M)</c> floats, slice by slice.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimensions"/> is not a multiple of <paramref name="m"/>, or the codebooks have the wrong length.</exception>
    public ProductQuantizer(int dimensions, int m, float[] codebooks)
    {
        CheckShape(dimensions, m);
        if (codebooks.Length != Codewords * dimensions)
        {
            ThrowHelper.Argument(nameof(codebooks), $"Expected {Codewords * dimensions} codebook floats, got {codebooks.Length}.");
        }

        Dimensions = dimensions;
        M = m;
        SubDimensions = dimensions / m;
        _codebooks = codebooks;
        _slices = new CentroidSet[m];
        int sliceFloats = Codewords * SubDimensions;
        for (int j = 0; j < m; j++)
        {
            _slices[j] = new CentroidSet(codebooks.AsSpan(j * sliceFloats, sliceFloats).ToArray(), SubDimensions);
        }

        _columns = new float[codebooks.Length];
        for (int j = 0; j < m; j++)
        {
            for (int c = 0; c < Codewords; c++)
            {
                for (int s = 0; s < SubDimensions; s++)
                {
                    _columns[(((j * SubDimensions) + s) * Codewords) + c] = codebooks[(((j * Codewords) + c) * SubDimensions) + s];
                }
            }
        }
    }

    /// <summary>Elements of a (residual) vector.</summary>
    public int Dimensions { get; }

    /// <summary>Slices, which is also the bytes per code.</summary>
    public int M { get; }

    /// <summary>Elements per slice.</summary>
    public int SubDimensions { get; }

    /// <summary>All codebooks back to back, slice by slice and codeword by codeword: for saving, and for scoring codes without a table (<see cref="DecodingScan"/>).</summary>
    public ReadOnlySpan<float> Codebooks => _codebooks;

    /// <summary>The codebooks element-major, for <see cref="DistanceTable"/>: float <c>(j·(d/M) + s)·256 + c</c> is element s of codeword c of slice j.</summary>
    public ReadOnlySpan<float> Columns => _columns;

    /// <summary>Floats of a distance table: 256 per slice.</summary>
    public int TableLength => M * Codewords;

    /// <summary>The codebooks, their element-major copy for the tables, and a copy per slice for the nearest-codeword search.</summary>
    public long MemoryBytes => ((_codebooks.Length + _columns.Length) * (long)sizeof(float)) + (_slices.Length * _slices[0].MemoryBytes);

    /// <summary>Throws unless <paramref name="dimensions"/> splits into <paramref name="m"/> equal slices.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public static void CheckShape(int dimensions, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        if (dimensions % m != 0)
        {
            ThrowHelper.Argument(nameof(m), $"Product quantization splits a vector into M equal slices: {dimensions} dimensions do not divide by M = {m}.");
        }
    }

    /// <summary>Trains the codebooks on the first <c>residuals.Length / dimensions</c> residual vectors, at most <see cref="MaxTrainingPoints"/>.</summary>
    /// <remarks>
    /// With fewer than 256 training vectors a slice trains as many codewords as there are vectors
    /// and repeats the first for the rest: those copies are never chosen (ties go to the lower
    /// number), so the code stays valid, only coarser.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ProductQuantizer Train(ReadOnlySpan<float> residuals, int dimensions, int m, int seed, int maxThreads, CancellationToken cancellationToken = default) =>
        Train(residuals, dimensions, m, seed, maxThreads, new BuildMonitor(null, cancellationToken));

    /// <summary>As <see cref="Train(ReadOnlySpan{float}, int, int, int, int, CancellationToken)"/>, reported as <see cref="BuildStage.TrainingCodebooks"/>: k-means iterations over all slices.</summary>
    internal static ProductQuantizer Train(ReadOnlySpan<float> residuals, int dimensions, int m, int seed, int maxThreads, BuildMonitor monitor)
    {
        CheckShape(dimensions, m);

        // The residuals are a uniform sample (a reservoir), so any prefix of it is one too.
        int n = Math.Min(residuals.Length / dimensions, MaxTrainingPoints);
        if (n < 1)
        {
            ThrowHelper.Argument(nameof(residuals), "Product quantization needs at least one training vector.");
        }

        int sub = dimensions / m;
        int trained = Math.Min(Codewords, n);
        float[] codebooks = new float[Codewords * dimensions];
        float[] slice = new float[n * sub];
        monitor.Begin(BuildStage.TrainingCodebooks, (long)m * KMeans.DefaultIterations);
        for (int j = 0; j < m; j++)
        {

            // The slice of every vector, gathered so that k-means sees contiguous points.
            for (int i = 0; i < n; i++)
            {
                residuals.Slice((i * dimensions) + (j * sub), sub).CopyTo(slice.AsSpan(i * sub, sub));
            }

            float[] words = KMeans.Train(slice, sub, trained, seed + j, maxThreads, spherical: false, monitor: monitor, reportOffset: (long)j * KMeans.DefaultIterations);
            Span<float> book = codebooks.AsSpan(j * Codewords * sub, Codewords * sub);
            words.CopyTo(book);
            for (int c = trained; c < Codewords; c++)
            {
                words.AsSpan(0, sub).CopyTo(book.Slice(c * sub, sub));
            }
        }

        return new ProductQuantizer(dimensions, m, codebooks);
    }

    /// <summary>Writes the <see cref="M"/>-byte code of <paramref name="residual"/>: per slice, its nearest codeword.</summary>
    public void Encode(ReadOnlySpan<float> residual, Span<byte> code)
    {
        int sub = SubDimensions;
        for (int j = 0; j < _slices.Length; j++)
        {
            code[j] = (byte)_slices[j].Nearest(residual.Slice(j * sub, sub));
        }
    }

    /// <summary>Writes the approximation of a residual that <paramref name="code"/> stands for.</summary>
    public void Decode(ReadOnlySpan<byte> code, Span<float> residual)
    {
        int sub = SubDimensions;
        for (int j = 0; j < _slices.Length; j++)
        {
            _codebooks.AsSpan(((j * Codewords) + code[j]) * sub, sub).CopyTo(residual.Slice(j * sub, sub));
        }
    }

    /// <summary>Fills <paramref name="table"/> (<see cref="TableLength"/> floats) with the squared distance from each slice of <paramref name="queryResidual"/> to each codeword of that slice: entry <c>j·256 + c</c>.</summary>
    public void ComputeTable(ReadOnlySpan<float> queryResidual, Span<float> table) => DistanceTable.SquaredL2(queryResidual, _columns, SubDimensions, table);

    /// <summary>Fills <paramref name="table"/> (<see cref="TableLength"/> floats) with minus the dot product of each slice of <paramref name="query"/> with each codeword of that slice.</summary>
    /// <remarks>
    /// For inner product: −q·(c + r) = −q·c − Σ q_slice·codeword, so with this table the sum of
    /// a code's lookups plus −q·c is minus the dot product with the approximated vector. The
    /// query is used as it is, not as a residual, so one table serves every probed list.
    /// </remarks>
    public void ComputeInnerProductTable(ReadOnlySpan<float> query, Span<float> table) => DistanceTable.NegatedDot(query, _columns, SubDimensions, table);

    /// <summary>The approximate score of a code (squared distance, or minus the dot product) given a table of the query: one lookup per slice.</summary>
    public static float Score(ReadOnlySpan<float> table, ReadOnlySpan<byte> code) => CodeScan.Score(table, 0f, code);
}
