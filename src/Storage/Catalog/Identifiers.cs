using System.Text;

namespace VecStore.Storage.Catalog;

/// <summary>Rules for user-visible identifiers (table and column names) in VecStore's dialect.</summary>
/// <remarks>
/// These names are data to VecStore: they are stored in the catalog and compared ignoring case,
/// and never written into SQLite SQL text (SQLite objects are named from catalog ids).
/// </remarks>
public static class Identifiers
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = 128;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "ANALYZE", "AS", "ASC", "BACKUP", "BEGIN", "BETWEEN", "BY", "CHECK", "CHECKPOINT",
        "COMMIT", "CREATE", "DEFAULT", "DELETE", "DESC", "DROP", "END", "ESCAPE", "EXISTS", "EXPLAIN",
        "FALSE", "FROM", "IF", "IN", "INDEX", "INSERT", "INTO", "IS", "KEY", "LIKE", "LIMIT", "NOT", "NULL",
        "OFFSET", "ON", "OR", "ORDER", "PRIMARY", "RESTORE", "ROLLBACK", "SELECT", "SET", "TABLE", "TO",
        "TRANSACTION", "TRUE", "UPDATE", "USING", "VACUUM", "VALUES", "WHERE", "WITH",
    };

    /// <summary>Why a name cannot be used, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
            return "a name cannot be empty";
        if (name.Length > MaxLength)
            return $"a name is at most {MaxLength} characters";
        foreach (char c in name)
            if (char.IsControl(c))
                return "a name cannot contain control characters";
        if (name.StartsWith("_vs_", StringComparison.OrdinalIgnoreCase))
            return "names starting with '_vs_' are reserved for VecStore's own tables";
        return null;
    }

    /// <summary>The name as it must be written in VecStore SQL: bare when it can be, else double-quoted.</summary>
    public static string Quote(string name)
    {
        if (IsBare(name))
            return name;
        var quoted = new StringBuilder(name.Length + 2).Append('"');
        foreach (char c in name)
            quoted.Append(c == '"' ? "\"\"" : c);
        return quoted.Append('"').ToString();
    }

    private static bool IsBare(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || Reserved.Contains(name))
            return false;
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                return false;
        return true;
    }
}
