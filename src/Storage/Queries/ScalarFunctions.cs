namespace VecStore.Storage.Queries;

/// <summary>The scalar functions the dialect offers, all evaluated by SQLite with SQLite's meaning.</summary>
public static class ScalarFunctions
{
    private static readonly Dictionary<string, ScalarFunction> ByName = Build(
        new ScalarFunction("abs", 1, 1),
        new ScalarFunction("coalesce", 2, 16),
        new ScalarFunction("ifnull", 2, 2),
        new ScalarFunction("nullif", 2, 2),
        new ScalarFunction("length", 1, 1),
        new ScalarFunction("lower", 1, 1),
        new ScalarFunction("upper", 1, 1),
        new ScalarFunction("trim", 1, 2),
        new ScalarFunction("ltrim", 1, 2),
        new ScalarFunction("rtrim", 1, 2),
        new ScalarFunction("substr", 2, 3),
        new ScalarFunction("replace", 3, 3),
        new ScalarFunction("instr", 2, 2),
        new ScalarFunction("round", 1, 2),
        new ScalarFunction("typeof", 1, 1));

    /// <summary>Finds a function by name, ignoring case.</summary>
    public static ScalarFunction? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Every function name, for messages.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    private static Dictionary<string, ScalarFunction> Build(params ScalarFunction[] functions)
    {
        var map = new Dictionary<string, ScalarFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in functions)
            map[f.Name] = f;
        return map;
    }
}
