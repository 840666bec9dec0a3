using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs an <see cref="InMemorySortPlan"/>: reads every matching row, computes its distances, sorts, then applies OFFSET and LIMIT.</summary>
internal static class InMemorySortExecutor
{
    public static List<object?[]> Run(Session session, InMemorySortPlan plan)
    {
        var select = plan.Select;
        var shape = plan.Shape;
        var keys = select.OrderBy;
        var rows = new List<(object?[] Values, object?[] Keys, int Index)>();
        using (var cursor = session.Select(new RowQuery(select.Table!, shape.Projections, select.Where, [], null, null)))
        {
            while (cursor.Read())
            {
                var values = new object?[shape.Projections.Count];
                for (int i = 0; i < values.Length; i++)
                    values[i] = cursor.GetValue(i);
                var keyValues = new object?[keys.Count];
                for (int i = 0; i < keys.Count; i++)
                {
                    var value = values[shape.KeyProjection[i]];
                    keyValues[i] = keys[i].Distance is { } d ? (value is null ? null : d.EvaluateValue(value)) : value;
                }
                rows.Add((values, keyValues, rows.Count));
            }
        }

        rows.Sort((a, b) =>
        {
            for (int i = 0; i < keys.Count; i++)
            {
                int c = CompareKey(a.Keys[i], b.Keys[i], keys[i].Distance is not null);
                if (c != 0)
                    return keys[i].Descending ? -c : c;
            }
            return a.Index.CompareTo(b.Index);
        });

        long skip = select.Offset ?? 0;
        long take = select.Limit ?? long.MaxValue;
        var result = new List<object?[]>();
        for (long i = skip; i < rows.Count && result.Count < take; i++)
        {
            var (values, _, _) = rows[(int)i];
            var output = new object?[select.Columns.Count];
            for (int c = 0; c < output.Length; c++)
            {
                var value = values[shape.OutputProjection[c]];
                output[c] = select.Columns[c].Distance is { } d ? (value is null ? null : d.EvaluateValue(value)) : value;
            }
            result.Add(output);
        }
        return result;
    }

    // A NULL distance (no vector) sorts after every distance, as in the top-k plan and in PostgreSQL.
    private static int CompareKey(object? a, object? b, bool isDistance)
    {
        if (isDistance && (a is null || b is null))
            return a is null ? (b is null ? 0 : 1) : -1;
        return SqlValueComparer.Instance.Compare(a, b);
    }
}
