using System.Numerics.Tensors;
using VecStore.Indexes.Collections;
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
/// Memory: per vector M bytes of code, its 8-byte id in the list, a tombstone bit, and 4 bytes in
/// the map from id to list (for ids below a few times the count, as Storage's slots are; others
/// cost a dictionary entry). Where the original vectors come from is chosen at construction: a
/// standalone index keeps a copy of each (<see cref="StoresVectors"/>, 4·d more bytes a vector)
/// for the refine, <see cref="GetVectorData"/> and rebuilds; a database's index does not, and
/// every search is handed the column as an <see cref="IVectorSource"/> to re-rank from.
/// </para>
/// <para>
/// Threading: one writer at a time (<see cref="Add"/>, <see cref="Remove"/>, <see cref="Train"/>,
/// <see cref="Build"/>), any number of concurrent searches. A stored original vector is
/// published before its code, so a search that sees a code can always read its vector.
/// </para>
/// </remarks>
public sealed partial class IvfPqIndex : IUpdatableVectorIndex
{
    // Only the list: the position is found by scanning that list's ids, which a removal can afford
    // and which keeps the map at four bytes an id where a location would take eight.
    private readonly IdMap _listOfId = new();
    private readonly int _vectorBytes;
    private Trained? _trained;
    private long _live;
    private long _deleted;
    private bool _disposed;

    /// <summary>Creates an empty, untrained index.</summary>
    /// <param name="element">How vectors are encoded; float32 only.</param>
    /// <param name="dimensions">Elements per vector, a multiple of <see cref="IvfPqOptions.M"/>.</param>
    /// <param name="metric">L2, cosine or inner product.</param>
    /// <param name="options">Lists, codes, refine and training.</param>
    /// <param name="storesVectors">Whether to keep a copy of every original vector for the exact re-rank (see <see cref="StoresVectors"/>); false when each search is given the vectors instead.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1, or an option is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="element"/> is not float32, <paramref name="metric"/> is not L2, cosine or inner product, or <paramref name="dimensions"/> does not divide by <see cref="IvfPqOptions.M"/>.</exception>
    public IvfPqIndex(VectorElement element, int dimensions, Metric metric, IvfPqOptions options, bool storesVectors = true)
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
        StoresVectors = storesVectors;
        _vectorBytes = VectorElements.BytesPerVector(element, dimensions);
    }

    /// <summary>The options the index was created with.</summary>
    public IvfPqOptions Options { get; }

    /// <summary>Whether the index keeps the original vectors; without them it holds only codes and ids, and a search must be given an <see cref="IVectorSource"/> to re-rank from.</summary>
    public bool StoresVectors { get; }

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
    public long Count => Volatile.Read(ref _live);

    /// <summary>Number of removed or replaced entries still in the lists as tombstones.</summary>
    public long DeletedCount => Volatile.Read(ref _deleted);

    /// <summary>Bytes held by centroids, codebooks, codes, ids, tombstones, the id map and, when stored, the original vectors.</summary>
    public long MemoryBytes
    {
        get
        {
            Trained? trained = Volatile.Read(ref _trained);
            long bytes = _listOfId.MemoryBytes;
            if (trained is not null)
            {
                bytes += trained.Centroids.MemoryBytes + trained.Quantizer.MemoryBytes;
                for (int l = 0; l < trained.Codes.Length; l++)
                {
                    bytes += trained.Codes[l].MemoryBytes + (trained.Vectors?[l].MemoryBytes ?? 0);
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
        CheckLength(vector);
        Trained trained = _trained ?? throw IvfChecks.NotTrained();
        Span<byte> code = stackalloc byte[Options.M];
        int list = Encode(trained, vector, code);
        Append(trained, id, vector, code, list);
    }

    /// <summary>Removes the vector with <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(long id)
    {
        ThrowIfDisposed();
        if (!_listOfId.TryGet(id, out int list))
        {
            return false;
        }

        Trained trained = _trained!;
        int position = trained.Codes[list].LastPositionOf(id);
        trained.Codes[list].MarkDeleted(position);
        trained.Vectors?[list].MarkDeleted(position);
        _listOfId.Remove(id);
        Interlocked.Decrement(ref _live);
        Interlocked.Increment(ref _deleted);
        return true;
    }

    /// <summary>True when a live vector has this id.</summary>
    public bool Contains(long id) => _listOfId.TryGet(id, out _);

    /// <summary>The original float32 bytes of the vector with <paramref name="id"/>, or an empty span when there is none or the index does not store vectors.</summary>
    public ReadOnlySpan<byte> GetVectorData(long id)
    {
        Trained? trained = Volatile.Read(ref _trained);
        if (trained?.Vectors is null || !_listOfId.TryGet(id, out int list))
        {
            return default;
        }

        // The codes are read first: the vectors list is published ahead of them, so it holds every position they do.
        int position = trained.Codes[list].Read().Ids.LastIndexOf(id);
        return position < 0 ? default : trained.Vectors[list].Entry(position);
    }

    /// <summary>True when the entry under <paramref name="id"/> is what <see cref="Add"/> would store for <paramref name="vector"/>: the same list and code (and the same bytes when vectors are stored).</summary>
    /// <remarks>Codes are a pure function of the vector and the trained centroids and codebooks, so this is exact for what the index holds. Writer only: it encodes the vector.</remarks>
    /// <exception cref="ArgumentException"><paramref name="vector"/> has the wrong length.</exception>
    public bool Holds(long id, ReadOnlySpan<byte> vector)
    {
        ThrowIfDisposed();
        CheckLength(vector);
        Trained? trained = _trained;
        if (trained is null || !_listOfId.TryGet(id, out int list))
        {
            return false;
        }

        int position = trained.Codes[list].LastPositionOf(id);
        if (trained.Vectors is not null)
        {
            return trained.Vectors[list].Entry(position).SequenceEqual(vector);
        }

        Span<byte> code = stackalloc byte[Options.M];
        return Encode(trained, vector, code) == list && trained.Codes[list].Entry(position).SequenceEqual(code);
    }

    /// <summary>The ids of the live vectors, list by list.</summary>
    public long[] LiveIds() => IvfChecks.LiveIds(Volatile.Read(ref _trained)?.Codes ?? [], Count);

    /// <summary>An empty, untrained index with the same options and the same choice of storing vectors: a rebuild trains it afresh.</summary>
    public IUpdatableVectorIndex CreateEmpty() => new IvfPqIndex(ElementType, Dimensions, Metric, Options, StoresVectors);

    /// <summary>A copy without the tombstones: the same centroids, codebooks and codes, each list keeping its live entries in order, so searches answer exactly as before.</summary>
    /// <remarks>Needs no original vectors and trains nothing. Writer only; searches may run on this index meanwhile.</remarks>
    public IUpdatableVectorIndex Compact(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var compacted = (IvfPqIndex)CreateEmpty();
        Trained? trained = _trained;
        if (trained is null)
        {
            return compacted;
        }

        var codes = new InvertedList[trained.Codes.Length];
        var vectors = trained.Vectors is null ? null : new InvertedList[codes.Length];
        compacted._listOfId.ExpectAtLeast(Count);
        for (int l = 0; l < codes.Length; l++)
        {
            codes[l] = trained.Codes[l].WithoutTombstones();
            vectors?[l] = trained.Vectors![l].WithoutTombstones();
            compacted.MapList(codes[l], l, "the compacted index");
        }

        compacted._trained = new Trained(trained.Centroids, trained.Quantizer, codes, vectors);
        return compacted;
    }

    /// <summary>Releases the index; searches must not run during or after this call.</summary>
    public void Dispose()
    {
        _disposed = true;
    }

    /// <summary>Appends code (and vector, when stored) at the same position of list <paramref name="list"/>, tombstoning an older entry of the same id (writer only).</summary>
    private void Append(Trained trained, long id, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> code, int list)
    {
        Remove(id);

        // The vector first: a search that sees the code then finds the vector at that position.
        trained.Vectors?[list].Append(id, vector);
        trained.Codes[list].Append(id, code);
        _listOfId.Add(id, list);
        Interlocked.Increment(ref _live);
    }

    /// <summary>Maps the live ids of a list read from a file or compacted, and counts its tombstones.</summary>
    private void MapList(InvertedList codes, int list, string origin) =>
        _deleted += IvfChecks.MapLoadedList(codes, list, _listOfId, ref _live, origin);

    /// <summary>The list of <paramref name="vector"/>, and its code written to <paramref name="code"/>.</summary>
    private int Encode(Trained trained, ReadOnlySpan<byte> vector, Span<byte> code)
    {
        Span<float> residual = Dimensions <= 1024 ? stackalloc float[Dimensions] : new float[Dimensions];
        return trained.Encode(IvfChecks.AsFloats(vector), residual, code);
    }

    private void CheckLength(ReadOnlySpan<byte> vector)
    {
        if (vector.Length != _vectorBytes)
        {
            ThrowHelper.LengthMismatch(nameof(vector), _vectorBytes, vector.Length);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Everything training produces, published at once so that a search sees all of it or none.</summary>
    private sealed class Trained
    {
        public Trained(CentroidSet centroids, ProductQuantizer quantizer, InvertedList[] codes, InvertedList[]? vectors)
        {
            Centroids = centroids;
            Quantizer = quantizer;
            Codes = codes;
            Vectors = vectors;
        }

        public CentroidSet Centroids { get; }

        public ProductQuantizer Quantizer { get; }

        /// <summary>Per list, the codes and ids, with the tombstones searches read.</summary>
        public InvertedList[] Codes { get; }

        /// <summary>Per list, the original vectors at the same positions as the codes; null when the index does not store them.</summary>
        public InvertedList[]? Vectors { get; }

        /// <summary>Finds the list of <paramref name="vector"/> and writes the code of its residual; returns the list.</summary>
        public int Encode(ReadOnlySpan<float> vector, Span<float> residual, Span<byte> code)
        {
            int list = Centroids.Nearest(vector);
            Residual(vector, Centroids.Centroid(list), residual);
            Quantizer.Encode(residual, code);
            return list;
        }

        public static void Residual(ReadOnlySpan<float> vector, ReadOnlySpan<float> centroid, Span<float> residual) =>
            TensorPrimitives.Subtract(vector, centroid, residual);
    }
}
