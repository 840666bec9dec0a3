using System.Text;
using VecStore.Repl.Shell;
using VecStore.Storage.Catalog;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.dump [TABLE]</c>: a SQL script that recreates the database (or one table): tables, rows, then indexes.</summary>
/// <remarks>
/// <para>
/// The script is read back with <c>.read FILE</c> (or <c>vecstore new.vdb &lt; FILE</c>) and gives
/// the same rows: every value is written as a literal that reads back exactly
/// (<see cref="SqlLiterals"/>), vectors as <c>[...]</c> whose floats keep every bit, HALF vectors
/// likewise (each half is exactly a float), BIT values as <c>'0101'</c>, blobs as <c>x'..'</c>.
/// The tables and rows go in one transaction; the indexes, with their options, are built after it,
/// once over all the rows.
/// </para>
/// <para>
/// A REAL column may hold an infinity, for which the language has no literal: such a value is bound
/// through a parameter that the script sets with <c>.param set</c> (and unsets at its end), so the
/// script is for the vecstore shell rather than plain SQL whenever it has one.
/// </para>
/// </remarks>
internal sealed class DumpCommand : DotCommand
{
    private const string Infinity = "vecstore_dump_infinity";
    private const string MinusInfinity = "vecstore_dump_minus_infinity";

    public override string Name => "dump";

    public override string Usage => ".dump [TABLE]";

    public override string Summary => "Write SQL that recreates the database (or TABLE), rows and vectors included";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 1);
        string? wanted = line.Arguments.Count == 1 ? line.Arguments[0] : null;
        var tables = context.Connection.GetTables()
            .Where(t => wanted is null || string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (wanted is not null && tables.Count == 0)
            throw new ShellException($"there is no table named '{wanted}'; .tables lists them");

        var output = context.Output;
        output.WriteLine($"-- VecStore dump{(wanted is null ? "" : " of table " + tables[0].Name)} by vecstore {Program.Version}; read it back in the shell with .read FILE");
        output.WriteLine("BEGIN;");
        var parameters = new HashSet<string>();
        foreach (var (name, definition) in tables)
        {
            output.WriteLine(EndWithSemicolon(definition));
            WriteRows(context, name, output, parameters);
        }
        output.WriteLine("COMMIT;");
        foreach (var (name, _) in tables)
            foreach (var index in context.Connection.GetIndexes(name))
                output.WriteLine(EndWithSemicolon(index.Definition));
        foreach (var parameter in parameters.Order(StringComparer.Ordinal))
            output.WriteLine($".param unset {parameter}");
    }

    private static void WriteRows(ShellContext context, string table, TextWriter output, HashSet<string> parameters)
    {
        using var command = context.Connection.CreateCommand();
        command.CommandText = "SELECT * FROM " + Identifiers.Quote(table);
        using var reader = command.ExecuteReader();
        var prefix = new StringBuilder("INSERT INTO ").Append(Identifiers.Quote(table)).Append(" (");
        for (int i = 0; i < reader.FieldCount; i++)
            prefix.Append(i == 0 ? "" : ", ").Append(Identifiers.Quote(reader.GetName(i)));
        prefix.Append(") VALUES (");

        var statement = new StringBuilder();
        while (reader.Read())
        {
            statement.Clear().Append(prefix);
            for (int i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                statement.Append(i == 0 ? "" : ", ");
                if (value is double real && !double.IsFinite(real))
                    statement.Append('@').Append(NonFiniteParameter(real, output, parameters));
                else
                    statement.Append(SqlLiterals.Format(value));
            }
            output.WriteLine(statement.Append(");"));
        }
    }

    // Set once, just before the first statement that needs it; a NaN cannot be stored in a REAL column.
    private static string NonFiniteParameter(double value, TextWriter output, HashSet<string> parameters)
    {
        if (double.IsNaN(value))
            throw new ShellException("a REAL value is NaN, which VecStore cannot store; the database is damaged");
        string name = value > 0 ? Infinity : MinusInfinity;
        if (parameters.Add(name))
            output.WriteLine($".param set {name} {(value > 0 ? "Infinity" : "-Infinity")}");
        return name;
    }

    private static string EndWithSemicolon(string statement)
    {
        statement = statement.TrimEnd();
        return statement.EndsWith(';') ? statement : statement + ";";
    }
}
