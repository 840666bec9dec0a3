using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VecStore.Repl.Demo;
using VecStore.Repl.Output;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Cli;

/// <summary><c>vecstore demo [FILE]</c>: builds a small shop database and shows similarity queries on it.</summary>
/// <remarks>
/// The database is made afresh at a path where no file is. An existing file is never touched unless
/// <c>--force</c> is given, and then only when <see cref="DemoDatabase.WhyNotDemo"/> recognises an
/// earlier demo database there: a user's database or any other file is refused. Rows go in through
/// one prepared INSERT in one transaction, the fast path an application should use. Everything printed
/// depends only on the seed, so the output is the same on every machine and is golden-tested.
/// </remarks>
internal sealed class DemoCommand : Command
{
    /// <summary>How many products the demo inserts.</summary>
    public const int ProductCount = 5000;

    private const string DefaultPath = "demo.vdb";

    private const string Insert = """
        INSERT INTO products (id, name, category, price, in_stock, embedding)
        VALUES (@id, @name, @category, @price, @in_stock, @embedding)
        """;

    private readonly StandardStreams _streams;

    private readonly Argument<string> _path = new("FILE")
    {
        Description = "Where to create the demo database; an existing file is left alone (see --force)",
        DefaultValueFactory = _ => DefaultPath,
    };

    private readonly Option<bool> _force = new("--force")
    {
        Description = "Replace FILE when it is a demo database made earlier (any other file is still refused)",
    };

    /// <summary>The command, writing to <paramref name="streams"/>.</summary>
    public DemoCommand(StandardStreams streams)
        : base("demo", $"Create a demo database of {ProductCount:N0} products with embeddings and run similarity queries on it")
    {
        _streams = streams;
        Add(_path);
        Add(_force);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        string path = parse.GetValue(_path) ?? DefaultPath;
        var output = _streams.Output;
        var products = ProductCatalog.Generate(ProductCount);
        var probe = products.First(p => p.Line == "Trail Runner");
        if (Refusal(path, parse.GetValue(_force), products) is { } refusal)
        {
            _streams.Error.WriteLine($"Error: {refusal}; nothing was changed.");
            return 1;
        }
        try
        {
            foreach (var file in DemoDatabase.ExistingFiles(path))
                File.Delete(file);
            using var connection = DatabaseOpener.Open(path, readOnly: false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Creating {path}: {ProductCount:N0} products in {ProductCatalog.Categories.Count} categories, each with a {ProductCatalog.Dimensions}-dimension embedding."));
            output.WriteLine();
            output.WriteLine(DemoDatabase.CreateTable + ";");
            output.WriteLine();

            using (var create = new VecStoreCommand(DemoDatabase.CreateTable, connection))
                create.ExecuteNonQuery();
            InsertAll(connection, products);
            connection.Checkpoint();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Inserted {ProductCount:N0} rows with one prepared INSERT in one transaction, the fast way to load data."));
            output.WriteLine();

            var context = new ShellContext(connection, _streams);
            if (!DemoTour.Run(context, probe))
                return 1;
        }
        catch (Exception exception) when (exception is VecStoreException or IOException or UnauthorizedAccessException)
        {
            _streams.Error.WriteLine($"Error: cannot build the demo database at {path}: {exception.Message}");
            return 1;
        }

        output.WriteLine($"The demo database is ready. Open it in the shell with:");
        output.WriteLine();
        output.WriteLine($"  vecstore {path}");
        output.WriteLine();
        output.WriteLine("and try, for example:");
        output.WriteLine();
        output.WriteLine("  .schema products");
        output.WriteLine("  SELECT name, price FROM products WHERE category = 'tents' AND in_stock ORDER BY price LIMIT 5;");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  .param set q (SELECT embedding FROM products WHERE id = {probe.Id})"));
        output.WriteLine("  SELECT id, name, distance(embedding, @q) AS dist FROM products ORDER BY dist LIMIT 5;");
        output.WriteLine("  .help");
        return 0;
    }

    // The prepared command is parsed once; each row only rebinds the parameter values.
    private void InsertAll(VecStoreConnection connection, IReadOnlyList<DemoProduct> products)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = new VecStoreCommand(Insert, connection) { Transaction = transaction };
        var id = insert.Parameters.AddWithValue("id", null);
        var name = insert.Parameters.AddWithValue("name", null);
        var category = insert.Parameters.AddWithValue("category", null);
        var price = insert.Parameters.AddWithValue("price", null);
        var inStock = insert.Parameters.AddWithValue("in_stock", null);
        var embedding = insert.Parameters.AddWithValue("embedding", null);
        insert.Prepare();

        void InsertRange(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                var product = products[i];
                id.Value = product.Id;
                name.Value = product.Name;
                category.Value = product.Category;
                price.Value = product.Price;
                inStock.Value = product.InStock;
                embedding.Value = product.Embedding;
                insert.ExecuteNonQuery();
            }
        }

        if (_streams.OutputIsTerminal)
        {
            const int Batch = 100;
            _streams.Terminal.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask("Inserting products", maxValue: products.Count);
                    for (int from = 0; from < products.Count; from += Batch)
                    {
                        int to = Math.Min(products.Count, from + Batch);
                        InsertRange(from, to);
                        task.Increment(to - from);
                    }
                });
        }
        else
        {
            InsertRange(0, products.Count);
        }
        transaction.Commit();
    }

    // Why the demo may not be built at path, or null when it may: nothing is there, or --force and an earlier demo.
    private static string? Refusal(string path, bool force, IReadOnlyList<DemoProduct> products)
    {
        var existing = DemoDatabase.ExistingFiles(path);
        if (existing.Count == 0)
            return SqlLikeArgument.LooksLikeSql(path) ? $"'{path}' reads as SQL, not as a file name for the demo database" : null;
        if (!force)
            return $"'{existing[0]}' exists; choose another name, or add --force to rebuild a demo database made earlier";
        if (!File.Exists(path))
            return $"'{existing[0]}' belongs to a database whose file '{path}' is missing; remove it or choose another name";
        return DemoDatabase.WhyNotDemo(path, products) is { } reason
            ? $"--force replaces only a demo database, and '{path}' is not one: {reason}"
            : null;
    }
}
