using System.Globalization;
using System.Text;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>
/// Random statements following grammar/vecsql.ebnf, aimed at the tables the schema holds: mostly
/// valid, with wrong names, types, dimensions and options mixed in so that errors happen too.
/// </summary>
/// <remarks>Index builds stay small (tables of tens of rows, few lists) so that a case takes milliseconds.</remarks>
internal sealed class FuzzGrammar(Random random, FuzzSchema schema, string folder)
{
    private static readonly string[] Metrics = ["l2", "cosine", "ip", "l1"];
    private int _names;

    public static T Pick<T>(Random random, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    /// <summary>The next statement; creates a table first when there is none.</summary>
    public FuzzStatement Next()
    {
        if (schema.Tables.Count == 0 || random.Next(40) == 0)
            return CreateTable();
        return random.Next(100) switch
        {
            < 17 => Insert(),
            < 22 => WriteFromQuery(),
            < 36 => Select(),
            < 42 => RelationalSelect(),
            < 48 => SimilaritySelect(),
            < 56 => Update(),
            < 62 => Delete(),
            < 68 => CreateIndex(),
            < 71 => DropIndex(),
            < 73 => DropTable(),
            < 76 => new FuzzStatement("BEGIN" + (random.Next(2) == 0 ? " TRANSACTION" : "")) { OnSuccess = s => s.Begin() },
            < 79 => new FuzzStatement(Pick(random, ["COMMIT", "END", "COMMIT TRANSACTION"])) { OnSuccess = s => s.Commit() },
            < 81 => new FuzzStatement("ROLLBACK") { OnSuccess = s => s.Rollback() },
            < 86 => Explain(),
            < 88 => new FuzzStatement(random.Next(2) == 0 ? "ANALYZE" : "ANALYZE " + TableName()),
            < 90 => new FuzzStatement("CHECKPOINT"),
            < 92 => new FuzzStatement(Pick(random, ["VACUUM", "CHECK"])),
            < 93 => new FuzzStatement($"BACKUP TO '{Path.Combine(folder, "b" + _names++ + ".vdbz")}'"),
            < 94 => new FuzzStatement($"RESTORE FROM '{Path.Combine(folder, "missing.vdbz")}'"),
            < 97 => AlterTable(),
            _ => CreateTable(),
        };
    }

    private FuzzStatement CreateTable()
    {
        string name = random.Next(15) == 0 && schema.Tables.Count > 0 ? Pick(random, schema.Tables).Name : "t" + _names++;
        var columns = new List<FuzzColumn> { new("id", "INTEGER") };
        int count = random.Next(1, 6);
        bool hasVector = false;
        for (int i = 0; i < count; i++)
        {
            var column = RandomColumn("c" + i);
            hasVector |= column.IsVector;
            columns.Add(column);
        }
        if (!hasVector && random.Next(4) != 0)
            columns.Add(new FuzzColumn("v", "VECTOR", random.Next(1, 9), random.Next(4) == 0, Pick(random, Metrics)));
        var sql = new StringBuilder("CREATE TABLE ");
        if (random.Next(5) == 0)
            sql.Append("IF NOT EXISTS ");
        sql.Append(name).Append(" (id INTEGER PRIMARY KEY");
        foreach (var column in columns.Skip(1))
            sql.Append(", ").Append(Declare(column));
        sql.Append(')');
        var table = new FuzzTable(name, columns, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        return new FuzzStatement(sql.ToString())
        {
            OnSuccess = s =>
            {
                if (s.Find(name) is null)
                    s.Tables.Add(table);
            },
        };
    }

    /// <summary>ALTER TABLE: a column added (NOT NULL without a DEFAULT now and then, which a table with rows refuses), dropped (now and then the key or a missing one), renamed, or the table renamed.</summary>
    private FuzzStatement AlterTable()
    {
        var table = Table();
        var others = table.Columns.Where(c => c.Name != "id").ToList();
        switch (random.Next(4))
        {
            case 0:
            {
                var column = RandomColumn("a" + _names++);
                string declared = Declare(column) + (column.Kind is "INTEGER" or "REAL" && random.Next(2) == 0 ? " DEFAULT 7" : "");
                return new FuzzStatement($"ALTER TABLE {table.Name} ADD {(random.Next(2) == 0 ? "COLUMN " : "")}{declared}")
                {
                    OnSuccess = s => s.Change(table.Name, t => t with { Columns = [.. t.Columns, column] }),
                };
            }
            case 1:
            {
                string name = others.Count > 0 && random.Next(6) != 0 ? Pick(random, others).Name : Pick(random, ["id", "nosuch"]);
                return new FuzzStatement($"ALTER TABLE {table.Name} DROP COLUMN {name}")
                {
                    OnSuccess = s => s.Change(table.Name, t => t with { Columns = [.. t.Columns.Where(c => !string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))] }),
                };
            }
            case 2 when others.Count > 0:
            {
                var column = Pick(random, others);
                string name = random.Next(6) == 0 ? "id" : "r" + _names++;
                return new FuzzStatement($"ALTER TABLE {table.Name} RENAME COLUMN {column.Name} TO {name}")
                {
                    OnSuccess = s => s.Change(table.Name, t => t with { Columns = [.. t.Columns.Select(c => c == column ? c with { Name = name } : c)] }),
                };
            }
            default:
            {
                string name = random.Next(6) == 0 && schema.Tables.Count > 1 ? Pick(random, schema.Tables).Name : "t" + _names++;
                return new FuzzStatement($"ALTER TABLE {table.Name} RENAME TO {name}") { OnSuccess = s => s.Change(table.Name, t => t with { Name = name }) };
            }
        }
    }

    private FuzzColumn RandomColumn(string name)
    {
        bool notNull = random.Next(8) == 0;
        return random.Next(9) switch
        {
            0 => new FuzzColumn(name, "INTEGER", NotNull: notNull),
            1 => new FuzzColumn(name, "REAL", NotNull: notNull),
            2 => new FuzzColumn(name, "TEXT", NotNull: notNull),
            3 => new FuzzColumn(name, "BLOB"),
            4 => new FuzzColumn(name, "BOOLEAN"),
            5 => new FuzzColumn(name, "BIT", random.Next(1, 70), Metric: random.Next(2) == 0 ? "hamming" : "jaccard"),
            // Now and then a dimension count the engine must refuse.
            6 when random.Next(6) == 0 => new FuzzColumn(name, "VECTOR", Pick(random, [0, 16_001, 100_000])),
            _ => new FuzzColumn(name, "VECTOR", random.Next(1, 9), random.Next(4) == 0, Pick(random, Metrics), notNull),
        };
    }

    private static string Declare(FuzzColumn column) => column.Kind switch
    {
        "VECTOR" => $"{column.Name} VECTOR({column.Dimensions}){(column.Half ? " HALF" : "")} METRIC {column.Metric}{(column.NotNull ? " NOT NULL" : "")}",
        "BIT" => $"{column.Name} BIT({column.Dimensions}) METRIC {column.Metric}",
        _ => $"{column.Name} {column.Kind}{(column.NotNull ? " NOT NULL" : "")}",
    };

    private FuzzTable Table() => Pick(random, schema.Tables);

    private string TableName() => random.Next(25) == 0 ? "nosuch" : Table().Name;

    private FuzzStatement Insert()
    {
        var table = Table();
        var columns = random.Next(3) == 0 ? table.Columns.ToList() : table.Columns.Where(c => c.Name == "id" || random.Next(3) != 0).ToList();
        bool named = columns.Count != table.Columns.Count || random.Next(2) == 0;
        var sql = new StringBuilder($"INSERT INTO {(random.Next(30) == 0 ? "nosuch" : table.Name)}");
        if (named)
            sql.Append(" (").Append(string.Join(", ", columns.Select(c => c.Name))).Append(')');
        sql.Append(" VALUES ");
        var parameters = new List<(string, object?)>();
        int rows = random.Next(1, 5);
        for (int r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ");
                if (columns[i].Name == "id" && random.Next(12) != 0)
                    sql.Append(random.Next(0, 400).ToString(CultureInfo.InvariantCulture));
                else
                    sql.Append(Value(columns[i], parameters));
            }
            sql.Append(')');
        }
        return WithParameters(sql.ToString(), parameters);
    }

    /// <summary>A literal one time in two, else a named or positional parameter whose value is added to <paramref name="parameters"/>.</summary>
    private string Value(FuzzColumn column, List<(string, object?)> parameters)
    {
        if (random.Next(2) == 0)
            return FuzzValues.Literal(random, column);
        string name = "p" + parameters.Count;
        parameters.Add((name, FuzzValues.Parameter(random, column)));
        return "@" + name;
    }

    private static FuzzStatement WithParameters(string sql, List<(string, object?)> parameters, SearchOracle? oracle = null)
    {
        var statement = new FuzzStatement(sql) { Oracle = oracle };
        statement.Parameters.AddRange(parameters);
        return statement;
    }

    /// <summary>A condition on the table's columns: comparisons, IS NULL, BETWEEN, IN, LIKE, AND/OR/NOT, and range searches.</summary>
    private string Condition(FuzzTable table, List<(string, object?)> parameters, int depth = 0)
    {
        var column = Pick(random, table.Columns);
        switch (depth < 3 ? random.Next(12) : random.Next(7))
        {
            case 0: return $"{column.Name} IS {(random.Next(2) == 0 ? "NOT " : "")}NULL";
            case 1: return $"{column.Name} {Pick(random, ["=", "<>", "<", "<=", ">", ">=", "==", "!="])} {Value(column, parameters)}";
            case 2: return $"id BETWEEN {random.Next(-5, 200)} AND {random.Next(0, 400)}";
            case 3: return $"id {(random.Next(3) == 0 ? "NOT " : "")}IN ({string.Join(", ", Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(0, 400)))})";
            case 4: return $"{column.Name} LIKE '{Pick(random, ["%", "a%", "_", "%s%"])}'";
            case 5: return $"id % {random.Next(1, 5)} = {random.Next(0, 3)}";
            case 6:
                var vector = table.Columns.Where(c => c.IsVector && c.Dimensions is > 0 and < 10).ToList();
                if (vector.Count == 0)
                    return "TRUE";
                var v = Pick(random, vector);
                return $"distance({v.Name}, {FuzzValues.VectorLiteral(FuzzValues.Vector(random, v.Dimensions))}) {Pick(random, ["<", "<=", ">", ">="])} {random.NextDouble() * 2:F2}";
            case 7: return $"({Condition(table, parameters, depth + 1)}) AND ({Condition(table, parameters, depth + 1)})";
            case 8: return $"{Condition(table, parameters, depth + 1)} OR {Condition(table, parameters, depth + 1)}";
            case 9: return $"NOT ({Condition(table, parameters, depth + 1)})";
            case 10: return $"{column.Name} + 1 > {random.Next(-3, 100)}";
            default: return $"{column.Name} || 'x' = 'ax'";
        }
    }

    private FuzzStatement Select()
    {
        var table = Table();
        var parameters = new List<(string, object?)>();
        var sql = new StringBuilder("SELECT ");
        var vectors = table.Columns.Where(c => (c.IsVector || c.IsBit) && c.Dimensions is > 0 and < 100).ToList();
        if (random.Next(6) == 0)
            sql.Append("count(*)");
        else if (random.Next(3) == 0)
            sql.Append('*');
        else
            sql.Append(string.Join(", ", table.Columns.Where(_ => random.Next(2) == 0).Select(c => c.Name).DefaultIfEmpty("id")));
        sql.Append(" FROM ").Append(random.Next(30) == 0 ? "nosuch" : table.Name);
        if (random.Next(2) == 0)
            sql.Append(" WHERE ").Append(Condition(table, parameters));
        if (vectors.Count > 0 && random.Next(2) == 0)
        {
            var v = Pick(random, vectors);
            parameters.Add(("q", v.IsBit ? FuzzValues.Bits(random, v.Dimensions).Select(b => b == 1).ToArray() : FuzzValues.Vector(random, v.Dimensions)));
            sql.Append($" ORDER BY distance({v.Name}, @q)");
        }
        else if (random.Next(2) == 0)
        {
            sql.Append(" ORDER BY ").Append(Pick(random, table.Columns).Name).Append(random.Next(2) == 0 ? " DESC" : "");
        }
        if (random.Next(3) != 0)
            sql.Append(" LIMIT ").Append(Pick(random, ["0", "1", "5", "100", "-1", "@lim"]));
        if (sql.ToString().Contains("@lim", StringComparison.Ordinal))
            parameters.Add(("lim", Pick<object?>(random, [3L, "ten", -2, null, 2.5])));
        if (sql.ToString().Contains("LIMIT", StringComparison.Ordinal) && random.Next(3) == 0)
            sql.Append(" OFFSET ").Append(random.Next(-1, 5));
        if (random.Next(6) == 0)
            sql.Append(Pick(random, [" WITH (ef_search = 10)", " WITH (nprobe = 2)", " WITH (strategy = 'flat')", " WITH (strategy = 'postfilter')", " WITH (strategy = 'bogus')", " WITH (nosuch = 1)"]));
        return WithParameters(sql.ToString(), parameters);
    }

    /// <summary>A SELECT of the relational shape: joins, derived tables, common table expressions, set operations, grouping, subqueries, and vector expressions, with mistakes mixed in.</summary>
    private FuzzStatement RelationalSelect()
    {
        var a = Table();
        var b = Table();
        var parameters = new List<(string, object?)>();
        string Column(FuzzTable t) => Pick(random, t.Columns).Name;
        string Vector(FuzzTable t, string alias)
        {
            var vectors = t.Columns.Where(c => c.IsVector && c.Dimensions is > 0 and < 10).ToList();
            if (vectors.Count == 0)
                return random.Next(4) == 0 ? $"{alias}.id" : "[1, 2]";
            var v = Pick(random, vectors);
            return random.Next(8) == 0 ? $"{alias}.{Column(t)}" : $"{alias}.{v.Name}";
        }
        string VectorExpression(FuzzTable t, string alias) => random.Next(8) switch
        {
            0 => $"l2_normalize({Vector(t, alias)})",
            1 => $"{Vector(t, alias)} + {Vector(t, alias)}",
            2 => $"subvector({Vector(t, alias)}, {random.Next(-1, 3)}, {random.Next(0, 4)})",
            3 => $"CAST('[0.5, 1]' AS VECTOR({random.Next(1, 4)}))",
            _ => Vector(t, alias),
        };
        string Expression(FuzzTable t, string alias) => random.Next(10) switch
        {
            0 => $"{Vector(t, alias)} {Pick(random, ["<->", "<=>", "<#>", "<+>", "<~>"])} {VectorExpression(t, alias)}",
            1 => $"vector_dims({VectorExpression(t, alias)})",
            2 => $"vector_norm({Vector(t, alias)})",
            3 => $"CAST({alias}.{Column(t)} AS {Pick(random, ["INTEGER", "REAL", "TEXT", "BLOB", "BOOLEAN"])})",
            4 => $"CASE WHEN {alias}.id > {random.Next(0, 50)} THEN {alias}.{Column(t)} ELSE NULL END",
            5 => $"(SELECT count(*) FROM {b.Name} x WHERE x.id < {alias}.id)",
            _ => $"{alias}.{Column(t)}",
        };
        string Aggregate(FuzzTable t, string alias) => Pick(random, ["count", "sum", "avg", "min", "max", "total", "group_concat", "count"]) switch
        {
            "count" when random.Next(2) == 0 => "count(*)",
            "avg" when random.Next(2) == 0 => $"avg({Vector(t, alias)})",
            var f => $"{f}({(random.Next(4) == 0 ? "DISTINCT " : "")}{Expression(t, alias)})",
        };
        var sql = new StringBuilder();
        switch (random.Next(6))
        {
            case 0:
                sql.Append($"SELECT p.id, {Expression(a, "p")}, {Expression(b, "q")} FROM {a.Name} p {Pick(random, ["JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN", "FULL JOIN"])} {b.Name} q");
                if (!sql.ToString().Contains("CROSS", StringComparison.Ordinal))
                    sql.Append(random.Next(4) == 0 ? " USING (id)" : $" ON q.id = p.id");
                if (random.Next(2) == 0)
                    sql.Append(" WHERE ").Append(Condition(a, parameters).Replace("distance(", "distance(p.", StringComparison.Ordinal));
                sql.Append($" ORDER BY {Pick(random, ["1", "2", $"p.{Column(a)}", $"{Vector(a, "p")} <-> {Vector(b, "q")}"])} LIMIT {random.Next(0, 20)}");
                break;
            case 1:
                sql.Append($"SELECT {(random.Next(3) == 0 ? "DISTINCT " : "")}p.{Column(a)}, {Aggregate(a, "p")} FROM {a.Name} p GROUP BY {Pick(random, ["1", $"p.{Column(a)}", $"p.id % {random.Next(1, 4)}"])}");
                if (random.Next(2) == 0)
                    sql.Append($" HAVING {Aggregate(a, "p")} > {random.Next(-2, 5)}");
                sql.Append(" ORDER BY 1");
                break;
            case 2:
                sql.Append($"SELECT id FROM {a.Name} WHERE id {(random.Next(2) == 0 ? "NOT " : "")}IN (SELECT id FROM {b.Name} WHERE {Condition(b, parameters)})");
                if (random.Next(2) == 0)
                    sql.Append($" AND {(random.Next(2) == 0 ? "NOT " : "")}EXISTS (SELECT 1 FROM {b.Name} z WHERE z.id = {a.Name}.id)");
                break;
            case 3:
                sql.Append($"WITH w AS (SELECT id, {Expression(a, a.Name)} AS e FROM {a.Name}) SELECT w.id, w.e FROM w JOIN {b.Name} r ON r.id = w.id ORDER BY w.id");
                break;
            case 4:
                sql.Append($"SELECT id FROM {a.Name} {Pick(random, ["UNION", "UNION ALL", "INTERSECT", "EXCEPT"])} SELECT {(random.Next(6) == 0 ? "id, id" : "id")} FROM {b.Name} ORDER BY 1");
                break;
            default:
                sql.Append($"SELECT d.n, {VectorExpression(a, "d")} FROM (SELECT count(*) AS n, avg({Vector(a, a.Name)}) AS {(random.Next(3) == 0 ? "v" : "m")} FROM {a.Name}) AS d");
                break;
        }
        return WithParameters(sql.ToString(), parameters);
    }

    /// <summary>An exact similarity search with a filter the oracle can evaluate: <c>id</c> ranges, residues and IS NULL on a scalar column.</summary>
    private FuzzStatement SimilaritySelect()
    {
        var table = Table();
        var vectors = table.Columns.Where(c => c.IsVector && c.Dimensions is > 0 and < 10).ToList();
        if (vectors.Count == 0)
            return Select();
        var v = Pick(random, vectors);
        var q = FuzzValues.Vector(random, v.Dimensions);
        int limit = random.Next(1, 12), offset = random.Next(3) == 0 ? random.Next(0, 5) : 0;
        string where = "";
        Func<Dictionary<string, object?>, bool> filter = _ => true;
        switch (random.Next(4))
        {
            case 0:
                int low = random.Next(0, 300);
                where = $" WHERE id >= {low}";
                filter = row => (long)row["id"]! >= low;
                break;
            case 1:
                int mod = random.Next(2, 4);
                where = $" WHERE id % {mod} = 0";
                filter = row => (long)row["id"]! % mod == 0;
                break;
            case 2:
                var scalar = Pick(random, table.Columns);
                where = $" WHERE {scalar.Name} IS NOT NULL";
                filter = row => row[scalar.Name] is not null;
                break;
        }
        string options = table.Indexes.Count > 0 || random.Next(3) == 0 ? " WITH (strategy = 'flat')" : "";
        string sql = random.Next(2) == 0
            ? $"SELECT id, distance({v.Name}, @q) AS d FROM {table.Name}{where} ORDER BY d LIMIT {limit}{(offset > 0 ? $" OFFSET {offset}" : "")}{options}"
            : $"SELECT id, distance({v.Name}, @q) FROM {table.Name}{where} ORDER BY distance({v.Name}, @q) LIMIT {limit}{(offset > 0 ? $" OFFSET {offset}" : "")}{options}";
        return WithParameters(sql, [("q", q)], new SearchOracle(table, v, q, filter, limit, offset));
    }

    private FuzzStatement Update()
    {
        var table = Table();
        var parameters = new List<(string, object?)>();
        var targets = table.Columns.Where(c => random.Next(3) == 0).DefaultIfEmpty(Pick(random, table.Columns)).ToList();
        string sets = string.Join(", ", targets.Select(c => $"{c.Name} = {(c.Name == "id" && random.Next(2) == 0 ? "id + 1000" : Value(c, parameters))}"));
        string where = random.Next(4) == 0 ? "" : " WHERE " + Condition(table, parameters);
        return WithParameters($"UPDATE {table.Name} SET {sets}{where}", parameters);
    }

    /// <summary>INSERT ... SELECT, upserts, UPDATE ... FROM and DELETE ... IN (SELECT ...), with RETURNING, between two tables: values of matching or wrong types and dimensions, keys that collide or not.</summary>
    private FuzzStatement WriteFromQuery()
    {
        var a = Table();
        var b = Table();
        var parameters = new List<(string, object?)>();
        // A value for column c of a, read from b's row (alias q): the same-named column when b has one, else something of another type.
        string From(FuzzColumn c) => random.Next(6) switch
        {
            0 => "NULL",
            1 when c.IsVector => $"l2_normalize(q.{SameOrAny(c)})",
            2 when c.IsVector => $"subvector(q.{SameOrAny(c)}, 1, {Math.Max(1, c.Dimensions - random.Next(0, 2))})",
            3 => Value(c, parameters),
            _ => $"q.{SameOrAny(c)}",
        };
        string SameOrAny(FuzzColumn c) => b.Columns.Any(x => string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase)) && random.Next(5) != 0
            ? c.Name
            : Pick(random, b.Columns).Name;
        string Returning() => random.Next(3) switch
        {
            0 => "",
            1 => " RETURNING *",
            _ => $" RETURNING id, {Pick(random, a.Columns).Name} AS r",
        };
        string Conflict(IReadOnlyList<FuzzColumn> columns) => random.Next(3) switch
        {
            0 => "",
            1 => Pick(random, [" ON CONFLICT DO NOTHING", " ON CONFLICT (id) DO NOTHING"]),
            _ => " ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", columns.Where(c => c.Name != "id").DefaultIfEmpty(columns[0]).Take(2)
                .Select(c => $"{c.Name} = " + (c.IsVector && random.Next(3) == 0 ? $"excluded.{c.Name} + {a.Name}.{c.Name}" : $"excluded.{c.Name}")))
                + (random.Next(3) == 0 ? $" WHERE {a.Name}.id > {random.Next(0, 200)}" : ""),
        };
        var targets = a.Columns.Where(c => c.Name == "id" || random.Next(3) != 0).ToList();
        string sql;
        switch (random.Next(4))
        {
            case 0:
            {
                string id = random.Next(3) == 0 ? "q.id" : $"q.id + {random.Next(1, 400)}";
                string values = string.Join(", ", targets.Select(c => c.Name == "id" ? id : From(c)));
                string where = random.Next(2) == 0 ? "" : $" WHERE q.id % {random.Next(2, 5)} = 0";
                sql = $"INSERT INTO {a.Name} ({string.Join(", ", targets.Select(c => c.Name))}) SELECT {values} FROM {b.Name} q{where}{Conflict(targets)}{Returning()}";
                break;
            }
            case 1:
            {
                var row = string.Join(", ", targets.Select(c => c.Name == "id" ? random.Next(0, 60).ToString(CultureInfo.InvariantCulture) : Value(c, parameters)));
                sql = $"INSERT INTO {a.Name} ({string.Join(", ", targets.Select(c => c.Name))}) VALUES ({row}){Conflict(targets)}{Returning()}";
                break;
            }
            case 2:
            {
                var sets = targets.Where(c => c.Name != "id").DefaultIfEmpty(targets[0]).Take(2).Select(c => $"{c.Name} = {From(c)}");
                sql = $"UPDATE {a.Name} SET {string.Join(", ", sets)} FROM {b.Name} AS q WHERE q.id = {a.Name}.id{(random.Next(2) == 0 ? $" AND q.id < {random.Next(0, 300)}" : "")}{Returning()}";
                break;
            }
            default:
                sql = $"DELETE FROM {a.Name} WHERE id IN (SELECT id FROM {b.Name} WHERE {Condition(b, parameters)}){Returning()}";
                break;
        }
        return WithParameters(sql, parameters);
    }

    private FuzzStatement Delete()
    {
        var table = Table();
        var parameters = new List<(string, object?)>();
        string where = random.Next(8) == 0 ? "" : " WHERE " + Condition(table, parameters);
        return WithParameters($"DELETE FROM {table.Name}{where}", parameters);
    }

    private FuzzStatement CreateIndex()
    {
        var table = Table();
        string name = "ix" + _names++;
        var vectors = table.Columns.Where(c => c.IsVector || c.IsBit).ToList();
        string sql;
        if (vectors.Count == 0 || random.Next(4) == 0)
        {
            var columns = table.Columns.Where(c => random.Next(2) == 0).DefaultIfEmpty(table.Columns[0]).Select(c => c.Name);
            sql = $"CREATE INDEX {name} ON {table.Name} ({string.Join(", ", columns)})";
        }
        else
        {
            var v = Pick(random, vectors);
            string method = Pick(random, ["HNSW", "IVF", "IVFPQ", "FLAT"]);
            string options = method switch
            {
                "HNSW" => Pick(random, ["", " WITH (m = 4, ef_construction = 16)", " WITH (m = 1)", " WITH (ef_search = 8)"]),
                "IVF" => Pick(random, [" WITH (lists = 2)", " WITH (lists = 4, nprobe = 2)", " WITH (lists = 100000)", ""]),
                "IVFPQ" => Pick(random, [$" WITH (lists = 2, m = {v.Dimensions})", " WITH (lists = 2, m = 1, refine = 2)", " WITH (lists = 2, m = 3)"]),
                _ => "",
            };
            sql = $"CREATE INDEX {(random.Next(5) == 0 ? "IF NOT EXISTS " : "")}{name} ON {table.Name} USING {method} ({v.Name}){options}";
        }
        return new FuzzStatement(sql) { OnSuccess = s => s.Find(table.Name)?.Indexes.Add(name) };
    }

    private FuzzStatement DropIndex()
    {
        var table = Table();
        string name = table.Indexes.Count > 0 && random.Next(4) != 0 ? Pick(random, table.Indexes.ToList()) : "ix_missing";
        return new FuzzStatement($"DROP INDEX {(random.Next(3) == 0 ? "IF EXISTS " : "")}{name}") { OnSuccess = s => s.Find(table.Name)?.Indexes.Remove(name) };
    }

    private FuzzStatement DropTable()
    {
        string name = TableName();
        return new FuzzStatement($"DROP TABLE {(random.Next(3) == 0 ? "IF EXISTS " : "")}{name}")
        {
            OnSuccess = s => s.Tables.RemoveAll(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private FuzzStatement Explain()
    {
        var inner = random.Next(4) == 0 ? Insert() : Select();
        var statement = new FuzzStatement("EXPLAIN " + (random.Next(2) == 0 ? "ANALYZE " : "") + inner.Sql);
        statement.Parameters.AddRange(inner.Parameters);
        return statement;
    }
}
