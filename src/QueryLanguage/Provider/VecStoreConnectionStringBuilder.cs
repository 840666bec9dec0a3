using System.Data.Common;
using System.Globalization;
using VecStore.Storage;

namespace VecStore;

/// <summary>Reads and writes VecStore connection strings, in Microsoft.Data.Sqlite's manner.</summary>
/// <remarks>
/// Keywords (case-insensitive): <c>Data Source</c> (also <c>DataSource</c>, <c>Filename</c>),
/// <c>Mode</c> (<c>ReadWriteCreate</c>, <c>ReadWrite</c>, <c>ReadOnly</c>, <c>Memory</c>: an in-memory
/// database, shared by name within the process, or private when it has no Data Source or <c>:memory:</c>),
/// <c>Default Timeout</c> (also <c>Busy Timeout</c>; seconds to wait for another writer, default 30),
/// <c>Page Size</c> (bytes per vector page of a new database, default 262144),
/// <c>Checkpoint Threshold</c> (bytes of logged vectors that trigger a checkpoint, default 64 MiB),
/// <c>Threads</c> (threads one exact search may use, default the processor count).
/// </remarks>
public sealed class VecStoreConnectionStringBuilder : DbConnectionStringBuilder
{
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Data Source"] = "Data Source",
        ["DataSource"] = "Data Source",
        ["Filename"] = "Data Source",
        ["Mode"] = "Mode",
        ["Default Timeout"] = "Default Timeout",
        ["Busy Timeout"] = "Default Timeout",
        ["Command Timeout"] = "Default Timeout",
        ["Page Size"] = "Page Size",
        ["Checkpoint Threshold"] = "Checkpoint Threshold",
        ["Pooling"] = "Pooling",
        ["Threads"] = "Threads",
        ["Search Threads"] = "Threads",
    };

    /// <summary>An empty builder.</summary>
    public VecStoreConnectionStringBuilder()
    {
    }

    /// <summary>A builder holding <paramref name="connectionString"/>; unknown keywords are rejected.</summary>
    public VecStoreConnectionStringBuilder(string? connectionString) => ConnectionString = connectionString ?? "";

    /// <summary>Path of the database file, or <c>:memory:</c>.</summary>
    public string DataSource
    {
        get => TryGetValue("Data Source", out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "";
        set => this["Data Source"] = value;
    }

    /// <summary>How to open the database.</summary>
    public OpenMode Mode
    {
        get => TryGetValue("Mode", out var v) ? ParseEnum<OpenMode>("Mode", v) : OpenMode.ReadWriteCreate;
        set => this["Mode"] = value.ToString();
    }

    /// <summary>Seconds to wait for another writer before failing.</summary>
    public int DefaultTimeout
    {
        get => TryGetValue("Default Timeout", out var v) ? ParseInt("Default Timeout", v, 0) : 30;
        set => this["Default Timeout"] = value;
    }

    /// <summary>Bytes per page of a new vector file.</summary>
    public int PageSize
    {
        get => TryGetValue("Page Size", out var v) ? ParseInt("Page Size", v, 65536) : DatabaseOptions.DefaultPageSize;
        set => this["Page Size"] = value;
    }

    /// <summary>Bytes of logged vectors that trigger an automatic checkpoint.</summary>
    public long CheckpointThreshold
    {
        get => TryGetValue("Checkpoint Threshold", out var v) ? ParseLong("Checkpoint Threshold", v) : 64L * 1024 * 1024;
        set => this["Checkpoint Threshold"] = value;
    }

    /// <summary>Threads one exact search may use.</summary>
    public int Threads
    {
        get => TryGetValue("Threads", out var v) ? ParseInt("Threads", v, 1) : Environment.ProcessorCount;
        set => this["Threads"] = value;
    }

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override object this[string keyword]
    {
        get => base[Normalize(keyword)];
        set => base[Normalize(keyword)] = value;
    }

    /// <inheritdoc />
    public override bool ContainsKey(string keyword) => Canonical.TryGetValue(keyword, out var k) && base.ContainsKey(k);

    /// <inheritdoc />
    public override bool Remove(string keyword) => Canonical.TryGetValue(keyword, out var k) && base.Remove(k);

    /// <inheritdoc />
    public override bool TryGetValue(string keyword, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
    {
        value = null;
        return Canonical.TryGetValue(keyword, out var k) && base.TryGetValue(k, out value);
    }

    /// <summary>The storage options these settings describe.</summary>
    internal DatabaseOptions ToOptions()
    {
        var mode = Mode;
        return new DatabaseOptions
        {
            // Mode=Memory without a name is a private in-memory database, as in Microsoft.Data.Sqlite.
            DataSource = mode == OpenMode.Memory && DataSource.Length == 0 ? ":memory:" : DataSource,
            Mode = mode,
            BusyTimeoutSeconds = DefaultTimeout,
            PageSize = PageSize,
            CheckpointThresholdBytes = CheckpointThreshold,
            SearchThreads = Threads,
        };
    }

    private static string Normalize(string keyword)
        => Canonical.TryGetValue(keyword, out var canonical)
            ? canonical
            : throw new VecStoreException(ErrorCode.InvalidConnectionString,
                $"connection string keyword '{keyword}' is not supported; use Data Source, Mode, Default Timeout, Page Size, Checkpoint Threshold or Threads");

    private static T ParseEnum<T>(string key, object value) where T : struct, Enum
        => Enum.TryParse<T>(Convert.ToString(value, CultureInfo.InvariantCulture), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new VecStoreException(ErrorCode.InvalidConnectionString, $"'{value}' is not a valid {key}; use one of {string.Join(", ", Enum.GetNames<T>())}");

    private static int ParseInt(string key, object value, int min)
        => int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min
            ? parsed
            : throw new VecStoreException(ErrorCode.InvalidConnectionString, $"'{value}' is not a valid {key}: expected a whole number of at least {min}");

    private static long ParseLong(string key, object value)
        => long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new VecStoreException(ErrorCode.InvalidConnectionString, $"'{value}' is not a valid {key}: expected a positive whole number");
}
