using System.Globalization;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary>Reads the value of <c>.param set</c>: a literal, or a query whose first value is taken.</summary>
/// <remarks>
/// Accepted: <c>NULL</c>, <c>true</c>, <c>false</c>, integers, reals, <c>'text'</c> with <c>''</c> for
/// a quote, vectors <c>[0.1, -2, 3e-2]</c>, and <c>(SELECT ...)</c>, which runs the query and keeps
/// the first column of its first row, so a stored embedding can become a query vector.
/// </remarks>
internal static class ParameterLiteral
{
    private const string Accepted = "a number, 'text', a vector [0.1, 0.2], NULL, true, false or (SELECT ...)";

    /// <summary>The value <paramref name="text"/> stands for; null for NULL.</summary>
    /// <exception cref="ShellException">The text is none of the accepted forms, or the query returned no rows.</exception>
    /// <exception cref="VecStoreException">The query failed.</exception>
    public static object? Evaluate(ShellContext context, string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            throw new ShellException("a value is missing: use " + Accepted);
        if (text[0] == '(' && text[^1] == ')')
            return FirstValue(context, text[1..^1]);
        if (text[0] == '[' && text[^1] == ']')
            return Vector(text);
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
            return Text(text);
        if (text.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            return null;
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
            return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            return real;
        throw new ShellException($"cannot read the value {text}: use {Accepted}");
    }

    private static object? FirstValue(ShellContext context, string query)
    {
        using var command = context.Connection.CreateCommand();
        command.CommandText = query;
        foreach (var (name, value) in context.Parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        if (reader.FieldCount == 0 || !reader.Read())
            throw new ShellException($"the query returned no value: {query.Trim()}");
        return reader.IsDBNull(0) ? null : reader.GetValue(0);
    }

    private static float[] Vector(string text)
    {
        string inside = text[1..^1];
        if (inside.Trim().Length == 0)
            throw new ShellException("a vector needs at least one component");
        string[] parts = inside.Split(',');
        var vector = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]))
                throw new ShellException($"component {i + 1} of the vector, '{parts[i].Trim()}', is not a number");
        }
        return vector;
    }

    private static string Text(string text)
    {
        string inside = text[1..^1];
        if (inside.Replace("''", "", StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal))
            throw new ShellException($"cannot read the value {text}: write a quote inside text as ''");
        return inside.Replace("''", "'", StringComparison.Ordinal);
    }
}
