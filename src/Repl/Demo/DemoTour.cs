using System.Globalization;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Demo;

/// <summary>The queries the demo shows on its database, each printed with a comment, its SQL and its result.</summary>
/// <remarks>
/// The similarity searches use the embedding of one trail runner as the query vector. An application
/// passes such a vector as a parameter, so the tour binds it to <c>@q</c> instead of printing 32 numbers.
/// </remarks>
internal static class DemoTour
{
    /// <summary>Runs the tour; returns false when a query failed (the error has been printed).</summary>
    public static bool Run(ShellContext context, DemoProduct probe)
    {
        string id = probe.Id.ToString(CultureInfo.InvariantCulture);
        context.Parameters["q"] = probe.Embedding;
        string about = $"product {id}, {probe.Name} ({probe.Category}, {probe.Price.ToString("0.00", CultureInfo.InvariantCulture)})";

        (string[] Comment, string Sql)[] steps =
        [
            (["How many products are there?"],
                "SELECT count(*) AS products FROM products"),
            ([$"One product; vectors print abbreviated."],
                $"SELECT id, name, category, price, in_stock, embedding\nFROM products\nWHERE id = {id}"),
            ([$"The five products most similar to {about}.", "@q is bound to its embedding, as an application would pass a float[]."],
                "SELECT id, name, category, price, distance(embedding, @q) AS dist\nFROM products\nORDER BY dist\nLIMIT 5"),
            (["The same search among shoes under 50 only: the filter runs first, then the ranking."],
                "SELECT id, name, category, price, distance(embedding, @q) AS dist\nFROM products\nWHERE category = 'shoes' AND price < 50\nORDER BY dist\nLIMIT 5"),
            (["How many products pass that filter and are in stock?"],
                "SELECT count(*) AS cheap_shoes_in_stock\nFROM products\nWHERE category = 'shoes' AND price < 50 AND in_stock"),
            (["pgvector's operators work too: <=> is the cosine distance."],
                "SELECT id, name, embedding <=> @q AS cosine\nFROM products\nWHERE category = 'jackets'\nORDER BY cosine\nLIMIT 3"),
            (["How VecStore runs the filtered search."],
                "EXPLAIN SELECT id, name FROM products\nWHERE category = 'shoes' AND price < 50\nORDER BY distance(embedding, @q)\nLIMIT 5"),
        ];

        var output = context.Output;
        bool succeeded = true;
        foreach (var (comment, sql) in steps)
        {
            foreach (var line in comment)
                output.WriteLine("-- " + line);
            output.WriteLine(sql + ";");
            succeeded &= StatementRunner.Run(context, new SqlStatement(sql, 1, 1));
        }
        context.Parameters.Remove("q");
        return succeeded;
    }
}
