using System.Globalization;
using System.Text.RegularExpressions;

namespace VecStore.Repl.Bench;

/// <summary>One <c>name=value</c> index setting: a build parameter (<c>--param m=16</c>) or a search parameter (<c>--sweep ef_search=...</c>).</summary>
/// <remarks>Build parameters go to <c>CREATE INDEX ... WITH (m = 16)</c>, search parameters to <c>SELECT ... LIMIT k WITH (ef_search = 40)</c>, keys spelled as SQL spells them.</remarks>
internal sealed partial record IndexOption(string Name, string Value)
{
    /// <summary>Reads <c>name=value</c>.</summary>
    /// <exception cref="BenchException">The text is not a SQL name, '=', and a value.</exception>
    public static IndexOption Parse(string text, string option)
    {
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            throw new BenchException($"{option} {text}: expected NAME=VALUE, such as {option} m=16");
        return Create(text[..equals].Trim(), text[(equals + 1)..].Trim(), option);
    }

    /// <summary>Checks that <paramref name="name"/> is a plain SQL name and <paramref name="value"/> is not empty.</summary>
    public static IndexOption Create(string name, string value, string option)
    {
        if (!NamePattern().IsMatch(name))
            throw new BenchException($"{option}: '{name}' is not a parameter name (letters, digits and '_', not starting with a digit)");
        if (value.Length == 0)
            throw new BenchException($"{option}: {name} has no value");
        return new IndexOption(name.ToLowerInvariant(), value);
    }

    /// <summary>The value as a number, when it is one.</summary>
    public double? Number => double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    /// <summary>The value as a SQL literal: the number itself, or a quoted string.</summary>
    public string SqlLiteral => Number is not null ? Value : "'" + Value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><c>name = value</c>, as a WITH list holds it.</summary>
    public string ToSql() => Name + " = " + SqlLiteral;

    /// <summary><c>WITH (a = 1, b = 2)</c>, or nothing when there are no options.</summary>
    public static string WithClause(IReadOnlyList<IndexOption> options)
        => options.Count == 0 ? "" : " WITH (" + string.Join(", ", options.Select(o => o.ToSql())) + ")";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
