namespace VecStore.Indexes.Tests;

/// <summary>A source that cancels a token when a chosen block is first handed out, and counts the blocks handed out: a deterministic point in the middle of a scan or a build.</summary>
internal sealed class CancellingSource(IVectorSource inner, int cancelAtBlock) : IVectorSource
{
    private readonly CancellationTokenSource _source = new();
    private int _blocksHandedOut;

    public CancellationToken Token => _source.Token;

    /// <summary>How many times a block was handed out.</summary>
    public int BlocksHandedOut => Volatile.Read(ref _blocksHandedOut);

    public int Dimensions => inner.Dimensions;

    public VectorElement ElementType => inner.ElementType;

    public int BlockCount => inner.BlockCount;

    public VectorBlock GetBlock(int index)
    {
        Interlocked.Increment(ref _blocksHandedOut);
        if (index == cancelAtBlock)
            _source.Cancel();
        return inner.GetBlock(index);
    }

    public ReadOnlySpan<byte> GetVectorData(long id) => inner.GetVectorData(id);
}
