namespace VecStore.Storage.Queries;

/// <summary>The scalar functions the dialect offers, all evaluated by SQLite with SQLite's meaning: text, numbers, dates and times, JSON on TEXT.</summary>
/// <remarks>The SQL name rendered is the entry's own constant, never the text a user typed.</remarks>
public static class ScalarFunctions
{
    private const int Any = int.MaxValue;

    private static readonly Dictionary<string, ScalarFunction> ByName = Build(
        // Values and NULLs
        new ScalarFunction("abs", 1, 1),
        new ScalarFunction("coalesce", 2, 16),
        new ScalarFunction("ifnull", 2, 2),
        new ScalarFunction("nullif", 2, 2),
        new ScalarFunction("iif", 3, 3),
        new ScalarFunction("typeof", 1, 1),
        new ScalarFunction("min", 2, 16),
        new ScalarFunction("max", 2, 16),
        new ScalarFunction("sign", 1, 1),
        // Text
        new ScalarFunction("length", 1, 1),
        new ScalarFunction("lower", 1, 1),
        new ScalarFunction("upper", 1, 1),
        new ScalarFunction("trim", 1, 2),
        new ScalarFunction("ltrim", 1, 2),
        new ScalarFunction("rtrim", 1, 2),
        new ScalarFunction("substr", 2, 3),
        new ScalarFunction("substring", 2, 3),
        new ScalarFunction("replace", 3, 3),
        new ScalarFunction("instr", 2, 2),
        new ScalarFunction("concat", 1, Any),
        new ScalarFunction("concat_ws", 2, Any),
        new ScalarFunction("printf", 1, Any),
        new ScalarFunction("format", 1, Any),
        new ScalarFunction("hex", 1, 1),
        new ScalarFunction("unhex", 1, 2),
        new ScalarFunction("quote", 1, 1),
        new ScalarFunction("char", 1, Any),
        new ScalarFunction("unicode", 1, 1),
        new ScalarFunction("soundex", 1, 1),
        // Numbers
        new ScalarFunction("round", 1, 2),
        new ScalarFunction("ceil", 1, 1),
        new ScalarFunction("ceiling", 1, 1),
        new ScalarFunction("floor", 1, 1),
        new ScalarFunction("trunc", 1, 1),
        new ScalarFunction("sqrt", 1, 1),
        new ScalarFunction("pow", 2, 2),
        new ScalarFunction("power", 2, 2),
        new ScalarFunction("exp", 1, 1),
        new ScalarFunction("ln", 1, 1),
        new ScalarFunction("log", 1, 2),
        new ScalarFunction("log10", 1, 1),
        new ScalarFunction("log2", 1, 1),
        new ScalarFunction("mod", 2, 2),
        new ScalarFunction("pi", 0, 0),
        // Dates and times
        new ScalarFunction("date", 0, Any),
        new ScalarFunction("time", 0, Any),
        new ScalarFunction("datetime", 0, Any),
        new ScalarFunction("julianday", 0, Any),
        new ScalarFunction("unixepoch", 0, Any),
        new ScalarFunction("strftime", 1, Any),
        new ScalarFunction("timediff", 2, 2),
        // JSON on TEXT
        new ScalarFunction("json", 1, 1),
        new ScalarFunction("json_valid", 1, 2),
        new ScalarFunction("json_type", 1, 2),
        new ScalarFunction("json_extract", 2, Any),
        new ScalarFunction("json_array_length", 1, 2),
        new ScalarFunction("json_array", 0, Any),
        new ScalarFunction("json_object", 0, Any),
        new ScalarFunction("json_quote", 1, 1),
        new ScalarFunction("json_insert", 3, Any),
        new ScalarFunction("json_replace", 3, Any),
        new ScalarFunction("json_set", 3, Any),
        new ScalarFunction("json_remove", 1, Any),
        new ScalarFunction("json_patch", 2, 2));

    /// <summary>Finds a function by name, ignoring case.</summary>
    public static ScalarFunction? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Every function name, for messages.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The SQL type a function returns, as far as it is known without its arguments' values: "INTEGER", "REAL", "TEXT", or null (the first argument's, or unknown).</summary>
    public static string? ResultType(string name) => name switch
    {
        "length" or "instr" or "unicode" or "sign" or "json_valid" or "json_array_length" or "unixepoch" => "INTEGER",
        "round" or "sqrt" or "pow" or "power" or "exp" or "ln" or "log" or "log10" or "log2" or "pi" or "julianday" => "REAL",
        "lower" or "upper" or "trim" or "ltrim" or "rtrim" or "substr" or "substring" or "replace" or "typeof" or "concat" or "concat_ws"
            or "printf" or "format" or "hex" or "quote" or "char" or "soundex" or "date" or "time" or "datetime" or "strftime" or "timediff"
            or "json" or "json_type" or "json_array" or "json_object" or "json_quote" or "json_insert" or "json_replace" or "json_set"
            or "json_remove" or "json_patch" => "TEXT",
        _ => null,
    };

    private static Dictionary<string, ScalarFunction> Build(params ScalarFunction[] functions)
    {
        var map = new Dictionary<string, ScalarFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in functions)
            map[f.Name] = f;
        return map;
    }
}
