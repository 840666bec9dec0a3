using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Binding;

/// <summary>The values a command supplies for <c>@name</c>, <c>$name</c> and <c>?</c>.</summary>
/// <remarks>
/// Names match without their prefix and ignoring case. <c>?</c> number i takes the i-th parameter
/// that has no name, or, when every parameter is named, the i-th parameter.
/// </remarks>
internal sealed class ParameterValues
{
    public static readonly ParameterValues None = new([]);

    private readonly Dictionary<string, object?> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<object?> _positional = [];

    public ParameterValues(IReadOnlyList<VecStoreParameter> parameters)
    {
        var all = new List<object?>();
        foreach (var p in parameters)
        {
            object? value = p.Value is DBNull ? null : p.Value;
            all.Add(value);
            if (p.BareName.Length == 0)
                _positional.Add(value);
            else
                _named.TryAdd(p.BareName, value);
        }
        if (_positional.Count == 0)
            _positional = all;
    }

    /// <summary>The value for a parameter; false when the command supplies none.</summary>
    public bool TryGet(ParameterExpression parameter, out object? value)
    {
        if (parameter.Position is int position)
        {
            if (position < _positional.Count)
            {
                value = _positional[position];
                return true;
            }
            value = null;
            return false;
        }
        return _named.TryGetValue(parameter.Name!, out value);
    }
}
