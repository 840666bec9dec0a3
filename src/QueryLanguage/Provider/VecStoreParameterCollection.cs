using System.Collections;
using System.Data.Common;

namespace VecStore;

/// <summary>The parameters of a <see cref="VecStoreCommand"/>.</summary>
public sealed class VecStoreParameterCollection : DbParameterCollection
{
    private readonly List<VecStoreParameter> _items = [];

    internal VecStoreParameterCollection()
    {
    }

    /// <inheritdoc />
    public override int Count => _items.Count;

    /// <inheritdoc />
    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public new VecStoreParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    /// <summary>The parameter named <paramref name="parameterName"/> (with or without prefix).</summary>
    public new VecStoreParameter this[string parameterName]
    {
        get => _items[IndexOfOrThrow(parameterName)];
        set => _items[IndexOfOrThrow(parameterName)] = value;
    }

    /// <summary>Adds a parameter.</summary>
    public VecStoreParameter Add(VecStoreParameter parameter)
    {
        _items.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a named parameter with a value.</summary>
    public VecStoreParameter AddWithValue(string parameterName, object? value) => Add(new VecStoreParameter(parameterName, value));

    /// <inheritdoc />
    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    /// <inheritdoc />
    public override void AddRange(Array values)
    {
        foreach (var value in values)
            Add(value!);
    }

    /// <inheritdoc />
    public override void Clear() => _items.Clear();

    /// <inheritdoc />
    public override bool Contains(object value) => value is VecStoreParameter p && _items.Contains(p);

    /// <inheritdoc />
    public override bool Contains(string value) => IndexOf(value) >= 0;

    /// <inheritdoc />
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override int IndexOf(object value) => value is VecStoreParameter p ? _items.IndexOf(p) : -1;

    /// <inheritdoc />
    public override int IndexOf(string parameterName)
    {
        string bare = Bare(parameterName);
        for (int i = 0; i < _items.Count; i++)
            if (string.Equals(_items[i].BareName, bare, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    /// <inheritdoc />
    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    /// <inheritdoc />
    public override void Remove(object value) => _items.Remove(Cast(value));

    /// <inheritdoc />
    public override void RemoveAt(int index) => _items.RemoveAt(index);

    /// <inheritdoc />
    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfOrThrow(parameterName));

    /// <inheritdoc />
    protected override DbParameter GetParameter(int index) => _items[index];

    /// <inheritdoc />
    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfOrThrow(parameterName)];

    /// <inheritdoc />
    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    /// <inheritdoc />
    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfOrThrow(parameterName)] = Cast(value);

    /// <summary>The parameters in order, for binding.</summary>
    internal IReadOnlyList<VecStoreParameter> Items => _items;

    private int IndexOfOrThrow(string parameterName)
    {
        int i = IndexOf(parameterName);
        return i >= 0 ? i : throw new ArgumentException($"no parameter named '{parameterName}'", nameof(parameterName));
    }

    private static string Bare(string name) => name.Length > 0 && name[0] is '@' or '$' or ':' ? name[1..] : name;

    private static VecStoreParameter Cast(object value)
        => value as VecStoreParameter ?? throw new ArgumentException("VecStore commands take VecStoreParameter objects, not " + value?.GetType().Name, nameof(value));
}
