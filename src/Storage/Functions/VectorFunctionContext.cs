using System.Runtime.InteropServices;
using VecStore.Storage.Views;

namespace VecStore.Storage.Functions;

/// <summary>What VecStore's SQL functions on one session's SQLite connection read through: the statement in progress and its views of vector columns.</summary>
/// <remarks>
/// Registered as the functions' user data (a <see cref="GCHandle"/>), so an entry point finds the
/// session from the SQLite call alone. Functions run only inside a statement: SQLite calls them while
/// the session steps one, on the same thread, and the statement's scope holds the page latch.
/// </remarks>
internal sealed unsafe class VectorFunctionContext : IDisposable
{
    private readonly Session _session;
    private GCHandle _handle;

    public VectorFunctionContext(Session session)
    {
        _session = session;
        _handle = GCHandle.Alloc(this);
    }

    /// <summary>The pointer SQLite hands back as the functions' user data.</summary>
    public IntPtr Handle => GCHandle.ToIntPtr(_handle);

    /// <summary>The database's name, for messages.</summary>
    public string DisplayName => _session.DisplayName;

    /// <summary>The context a function call belongs to.</summary>
    public static VectorFunctionContext Of(IntPtr sqliteContext) =>
        (VectorFunctionContext)GCHandle.FromIntPtr(SqliteNative.UserData(sqliteContext)).Target!;

    /// <summary>The vectors of a column as the statement in progress sees them.</summary>
    public ColumnView View(long columnId)
    {
        var scope = _session.CurrentScope
            ?? throw new InvalidOperationException("a VecStore vector function ran outside a statement");
        return scope.ViewById(columnId)
            ?? throw VecStoreException.CorruptMetadata(DisplayName, $"a statement refers to vector column {columnId}, which the catalog does not hold");
    }

    /// <summary>Frees the handle; call after the connection is closed, when SQLite can no longer call the functions.</summary>
    public void Dispose()
    {
        if (_handle.IsAllocated)
            _handle.Free();
    }
}
