using System.Globalization;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>A random WHERE clause and the same condition written in C#, with SQL's three-valued logic.</summary>
internal sealed record ModelFilter(string Sql, Func<ModelRow, bool?> Holds)
{
    private static readonly string[] Categories = ["alpha", "beta", "gamma", "Delta", "apple"];

    public static ModelFilter Random(Random random, int depth = 0)
    {
        int choice = random.Next(depth >= 2 ? 8 : 11);
        switch (choice)
        {
            case 0:
            {
                double p = Math.Round(random.NextDouble() * 100, 1);
                string op = Pick(random, "<", "<=", ">", ">=");
                return new($"price {op} {p.ToString(CultureInfo.InvariantCulture)}", r => r.Price is double v ? Compare(v, op, p) : null);
            }
            case 1:
            {
                long q = random.Next(0, 20);
                string op = Pick(random, "=", "<>", "<", ">=");
                return new($"qty {op} {q}", r => r.Quantity is long v ? Compare(v, op, q) : null);
            }
            case 2:
            {
                var set = new List<string>();
                foreach (var c in Categories)
                    if (random.Next(2) == 0)
                        set.Add(c);
                if (set.Count == 0)
                    set.Add(Categories[0]);
                bool negated = random.Next(3) == 0;
                string list = string.Join(", ", set.ConvertAll(s => "'" + s + "'"));
                return new($"category {(negated ? "NOT IN" : "IN")} ({list})",
                    r => r.Category is null ? null : set.Contains(r.Category) != negated);
            }
            case 3:
            {
                // SQLite's LIKE ignores ASCII case.
                string prefix = Pick(random, "a", "D", "g", "be");
                return new($"category LIKE '{prefix}%'", r => r.Category?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            }
            case 4:
            {
                bool value = random.Next(2) == 0;
                return new($"flag = {(value ? "TRUE" : "FALSE")}", r => r.Flag is bool f ? f == value : null);
            }
            case 5:
            {
                string column = Pick(random, "category", "price", "embedding");
                bool negated = random.Next(2) == 0;
                return new($"{column} IS {(negated ? "NOT " : "")}NULL", r =>
                {
                    bool isNull = column switch { "category" => r.Category is null, "price" => r.Price is null, _ => r.Vector is null };
                    return isNull != negated;
                });
            }
            case 6:
            {
                long lo = random.Next(0, 10), hi = lo + random.Next(0, 10);
                return new($"qty BETWEEN {lo} AND {hi}", r => r.Quantity is long v ? v >= lo && v <= hi : null);
            }
            case 7:
            {
                long id = random.Next(0, 400);
                return new($"id % 3 = {id % 3}", r => r.Id % 3 == id % 3);
            }
            case 8:
            {
                var a = Random(random, depth + 1);
                var b = Random(random, depth + 1);
                return new($"({a.Sql}) AND ({b.Sql})", r => And(a.Holds(r), b.Holds(r)));
            }
            case 9:
            {
                var a = Random(random, depth + 1);
                var b = Random(random, depth + 1);
                return new($"({a.Sql}) OR ({b.Sql})", r => Or(a.Holds(r), b.Holds(r)));
            }
            default:
            {
                var a = Random(random, depth + 1);
                return new($"NOT ({a.Sql})", r => a.Holds(r) is bool v ? !v : null);
            }
        }
    }

    private static bool Compare<T>(T a, string op, T b) where T : IComparable<T>
    {
        int c = a.CompareTo(b);
        return op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, ">=" => c >= 0, "=" => c == 0, _ => c != 0 };
    }

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    public static string Category(Random random) => random.Next(8) == 0 ? null! : Categories[random.Next(Categories.Length)];
}
