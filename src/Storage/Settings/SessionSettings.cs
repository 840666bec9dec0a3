namespace VecStore.Storage.Settings;

/// <summary>The values a connection's <c>SET</c> statements gave, with PostgreSQL's transaction rules.</summary>
/// <remarks>
/// <para>
/// Names are the canonical ones (the query language resolves aliases and checks values before it
/// stores them); values are what the language parsed. Three layers, as in PostgreSQL: the session's
/// values (<c>SET</c>), the transaction's (<c>SET LOCAL</c>, gone at COMMIT or ROLLBACK), and the
/// session's values as they were at BEGIN, restored by ROLLBACK, so a rolled-back transaction undoes
/// its <c>SET</c> and <c>RESET</c> as it undoes its writes.
/// </para>
/// <para>A new session starts with none: closing and opening a connection resets every setting (the provider does not pool sessions).</para>
/// </remarks>
public sealed class SessionSettings
{
    private Dictionary<string, object> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object> _local = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, object>? _atBegin;

    // In the SET LOCAL layer: the default for the rest of the transaction, whatever the session's value.
    private static readonly object LocalDefault = new();

    /// <summary>The value in effect for <paramref name="name"/>, and whether SET LOCAL gave it; false when the setting has its default.</summary>
    public bool TryGet(string name, out object value, out bool local)
    {
        local = _local.TryGetValue(name, out value!);
        if (local)
            return !ReferenceEquals(value, LocalDefault);
        return _values.TryGetValue(name, out value!);
    }

    /// <summary>SET: the value for the rest of the session (until a RESET, or a ROLLBACK of the transaction it was set in).</summary>
    public void Set(string name, object value)
    {
        _local.Remove(name);
        _values[name] = value;
    }

    /// <summary>SET LOCAL: the value until the open transaction ends, or the default with a null <paramref name="value"/> (SET LOCAL name TO DEFAULT); the caller checks that a transaction is open.</summary>
    public void SetLocal(string name, object? value) => _local[name] = value ?? LocalDefault;

    /// <summary>RESET name (and SET name TO DEFAULT): back to the default.</summary>
    public void Reset(string name)
    {
        _local.Remove(name);
        _values.Remove(name);
    }

    /// <summary>RESET ALL: every setting back to its default.</summary>
    public void ResetAll()
    {
        _local.Clear();
        _values.Clear();
    }

    /// <summary>An explicit transaction begins: remember the values a ROLLBACK restores.</summary>
    internal void BeginTransaction() => _atBegin = new Dictionary<string, object>(_values, StringComparer.OrdinalIgnoreCase);

    /// <summary>The transaction committed: its SET values stay, its SET LOCAL values go.</summary>
    internal void Commit()
    {
        _atBegin = null;
        _local.Clear();
    }

    /// <summary>The transaction rolled back: the values as they were at BEGIN.</summary>
    internal void Rollback()
    {
        if (_atBegin is not null)
            _values = _atBegin;
        _atBegin = null;
        _local.Clear();
    }
}
