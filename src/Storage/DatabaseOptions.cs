namespace VecStore.Storage;

/// <summary>What a session needs to open a database.</summary>
public sealed record DatabaseOptions
{
    /// <summary>Default bytes per vector page: 256 KiB holds 503 vectors of 128 floats.</summary>
    public const int DefaultPageSize = 256 * 1024;

    /// <summary>Path of the <c>.vdb</c> file, or <c>:memory:</c> / a name with <see cref="OpenMode.Memory"/>.</summary>
    public required string DataSource { get; init; }

    /// <summary>How to open it.</summary>
    public OpenMode Mode { get; init; } = OpenMode.ReadWriteCreate;

    /// <summary>Seconds to wait for another writer or a checkpoint before failing with <see cref="ErrorCode.Busy"/>.</summary>
    public int BusyTimeoutSeconds { get; init; } = 30;

    /// <summary>Page size of a new vector file (a power of two, 64 KiB to 16 MiB); an existing file keeps its own.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Bytes of logged vectors past which a commit triggers a checkpoint.</summary>
    public long CheckpointThresholdBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Threads an exact scan may use (per session; 1 keeps every search on the calling thread).</summary>
    public int SearchThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>True for an in-memory database.</summary>
    public bool IsMemory => Mode == OpenMode.Memory || DataSource == ":memory:";

    /// <summary>True when no statement may change the database.</summary>
    public bool IsReadOnly => Mode == OpenMode.ReadOnly;
}
