using System.Collections.Concurrent;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Inverted file with product-quantized residuals (IVFPQ): the compressed sibling of <see cref="IvfIndex"/>, scanning M-byte codes instead of full vectors.</summary>
/// <remarks>
/// <para>
/// Each vector goes to the list of its nearest coarse centroid, which stores the
/// <see cref="ProductQuantizer"/> code of its residual (vector minus centroid) beside its id. A
/// search ranks the centroids and, for each of the <c>nprobe</c> nearest lists, builds the
/// distance table of the query's residual and scores every code with M table lookups. The best
/// <c>Refine × k</c> candidates are then re-ranked with
/// <see cref="DistanceKernels.Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>
/// on the original vectors, so reported distances are exact, ordered by distance then id.
/// </para>
/// <para>
/// Float32 only, metrics L2, cosine and inner product. The codes always approximate the Euclidean
/// residual, also for cosine and inner product (whose coarse centroids are trained by spherical
/// k-means as in <see cref="IvfIndex"/>). For L2 and cosine candidates are picked by approximate
/// Euclidean distance to the query, and the exact refine re-ranks them by the true metric; that
/// serves cosine on data whose norms vary little (raise <see cref="IvfPqOptions.Refine"/> when
/// they vary a lot). For inner product the Euclidean ranking is a poor proxy (recall@10 0.62 in
/// the tests), so the same codes are scored by approximate dot product instead
/// (<see cref="ProductQuantizer.ComputeInnerProductTable"/>).
/// </para>
/// <para>
/// Memory: M bytes of code plus an 8-byte id per vector in the lists, and in this version also
/// the original float32 vectors (4·d bytes each), kept beside the codes at the same positions:
/// they serve <see cref="GetVectorData"/>, the exact refine and rebuilds. A later version can
/// read them from the database's vector pages instead and keep only the codes in memory.
/// </para>
/// <para>
/// Threading: one writer at a time (<see cref="Add"/>, <see cref="Remove"/>, <see cref="Train"/>,
/// <see cref="Build"/>), any number of concurrent searches. The original vector of an entry is
/// published before its code, so a search that sees a code can always read its vector.
/// </para>
/// </remarks>
public sealed partial class IvfPqIndex : IUpdatableVectorIndex
{
    private readonly ConcurrentDictionary<long, long> _locations = new();
    private readonly int _vectorBytes;
    private Trained? _trained;
    private long _deleted;
    private bool _disposed;

    /// <summary>Creates an empty, untrained index.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1, or an option is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="element"/> is not float32, <paramref name="metric"/> is not L2, cosine or inner product, or <paramref name="dimensions"/> does not divide by <see cref="IvfPqOptions.M"/>.</exception>
    public IvfPqIndex(VectorElement element, int dimensions, Metric metric, IvfPqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IvfChecks.ElementAndMetric(element, metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options.Validate();
        ProductQuantizer.CheckShape(dimensions, options.M);
        ElementType = element;
        Dimensions = dimensions;
        Metric = metric;
        Options = options;
        _vectorBytes = VectorElements.BytesPerVector(element, dimensions);
    }

    /// <summary>The options the index was created with.</summary>
    public IvfPqOptions Options { get; }

    /// <summary>How the stored vectors are encoded (float32).</summary>
    public VectorElement ElementType { get; }

    /// <summary>Elements per vector; queries hold this many floats.</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public Metric Metric { get; }

    /// <inheritdoc />
    public string Kind => "ivfpq";

    /// <summary>Whether the centroids and codebooks exist; vectors can be added only then.</summary>
    public bool IsTrained => Volatile.Read(ref _trained) is not null;

    /// <summary>Number of live (not removed) vectors.</summary>
    public long Count => _locations.Count;

    /// <summary>Number of removed or replaced entries still in the lists as tombstones.</summary>
    public long DeletedCount => Volatile.Read(ref _deleted);

    /// <summary>Bytes held by centroids, codebooks, codes, ids, original vectors and (estimated) the id map.</summary>
    public long MemoryBytes
    {
        get
        {
            Trained? trained = Volatile.Read(ref _trained);
            long bytes = Count * IvfChecks.IdMapBytesPerEntry;
            if (trained is not null)
            {
                bytes += trained.Centroids.MemoryBytes + trained.Quantizer.MemoryBytes;
                for (int l = 0; l < trained.Codes.Length; l++)
                {
                    bytes += trained.Codes[l].MemoryBytes + trained.Vectors[l].MemoryBytes;
                }
            }

            return bytes;
        }
    }

    /// <summary>Adds <paramref name="vector"/> under <paramref name="id"/>, coded in the list of its nearest centroid, replacing the vector the id had.</summary>
    /// <param name="id">Any id; an existing one is tombstoned and added anew.</param>
    /// <param name="vector">Raw float32 bytes, <see cref="VectorElements.BytesPerVector"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="vector"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The index is not trained yet.</exception>
    public void Add(long id, ReadOnlySpan<byte> vector)
    {
        ThrowIfDisposed();
        if (vector.Length != _vectorBytes)
        {
            ThrowHelper.LengthMismatch(nameof(vector), _vectorBytes, vector.Length);
        }

        Trained trained = _trained ?? throw IvfChecks.NotTrained();
        Span<float> residual = Dimensions <= 1024 ? stackalloc float[Dimensions] : new float[Dimensions];
        Span<byte> code = stackalloc byte[Options.M];
        int list = trained.Encode(IvfChecks.AsFloats(vector), residual, code);
        Append(trained, id, vector, code, list);
    }

    /// <summary>Removes the vector with <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(long id)
    {
        ThrowIfDisposed();
        if (!_locations.TryRemove(id, out long location))
        {
            return false;
        }

        _trained!.Codes[IvfChecks.ListOf(location)].MarkDeleted(IvfChecks.PositionOf(location));
        Interlocked.Increment(ref _deleted);
        return true;
    }

    /// <summary>True when a live vector has this id.</summary>
    public bool Contains(long id) => _locations.ContainsKey(id);

    /// <summary>The original float32 bytes of the vector with <paramref name="id"/>, or an empty span when there is none.</summary>
    public ReadOnlySpan<byte> GetVectorData(long id) =>
        _locations.TryGetValue(id, out long location) ? _trained!.Vectors[IvfChecks.ListOf(location)].Entry(IvfChecks.PositionOf(location)) : default;

    /// <summary>The ids of the live vectors, list by list.</summary>
    public long[] LiveIds() => IvfChecks.LiveIds(Volatile.Read(ref _trained)?.Codes ?? [], Count);

    /// <summary>An empty, untrained index with the same options: a rebuild trains it afresh.</summary>
    public IUpdatableVectorIndex CreateEmpty() => new IvfPqIndex(ElementType, Dimensions, Metric, Options);

    /// <summary>Releases the index; searches must not run during or after this call.</summary>
    public void Dispose()
    {
        _disposed = true;
    }

    /// <summary>Appends vector and code at the same position of list <paramref name="list"/>, tombstoning an older entry of the same id (writer only).</summary>
    private void Append(Trained trained, long id, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> code, int list)
    {
        Remove(id);

        // The vector first: a search that sees the code then finds the vector at that position.
        int position = trained.Vectors[list].Append(id, vector);
        trained.Codes[list].Append(id, code);
        _locations[id] = IvfChecks.Location(list, position);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Everything training produces, published at once so that a search sees all of it or none.</summary>
    private sealed class Trained
    {
        public Trained(CentroidSet centroids, ProductQuantizer quantizer, InvertedList[] codes, InvertedList[] vectors)
        {
            Centroids = centroids;
            Quantizer = quantizer;
            Codes = codes;
            Vectors = vectors;
        }

        public CentroidSet Centroids { get; }

        public ProductQuantizer Quantizer { get; }

        /// <summary>Per list, the codes; tombstones live here.</summary>
        public InvertedList[] Codes { get; }

        /// <summary>Per list, the original vectors at the same positions as the codes.</summary>
        public InvertedList[] Vectors { get; }

        /// <summary>Finds the list of <paramref name="vector"/> and writes the code of its residual; returns the list.</summary>
        public int Encode(ReadOnlySpan<float> vector, Span<float> residual, Span<byte> code)
        {
            int list = Centroids.Nearest(vector);
            Residual(vector, Centroids.Centroid(list), residual);
            Quantizer.Encode(residual, code);
            return list;
        }

        public static void Residual(ReadOnlySpan<float> vector, ReadOnlySpan<float> centroid, Span<float> residual)
        {
            for (int j = 0; j < residual.Length; j++)
            {
                residual[j] = vector[j] - centroid[j];
            }
        }
    }
}
