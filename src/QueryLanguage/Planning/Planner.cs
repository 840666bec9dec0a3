using VecStore.QueryLanguage.Binding.Bound;

namespace VecStore.QueryLanguage.Planning;

/// <summary>Chooses how to execute a SELECT.</summary>
/// <remarks>
/// The rules, in order: (1) no distance in ORDER BY: SQLite answers and distances are added per
/// row; (2) ORDER BY starts with a distance and no other key is a distance: exact top-k over the
/// rows that pass the filter; (3) anything else: read, compute and sort in memory. ANN indexes
/// and selectivity estimates will add rules here without changing the plan types above.
/// </remarks>
internal static class Planner
{
    public static SelectPlan Plan(BoundSelect select)
    {
        var shape = new RowShape(select);
        int distanceKeys = 0;
        foreach (var key in select.OrderBy)
            if (key.Distance is not null)
                distanceKeys++;

        if (distanceKeys == 0)
            return new ScalarScanPlan(select, shape, select.OrderBy.Count == 0 ? "no ORDER BY distance: SQLite reads the rows" : "ORDER BY has no distance: SQLite sorts");

        var first = select.OrderBy[0];
        if (first.Distance is { } order && distanceKeys == 1)
        {
            var tieBreakers = new List<SortKey>();
            for (int i = 1; i < select.OrderBy.Count; i++)
                tieBreakers.Add(select.OrderBy[i]);
            string reason = select.Where is null
                ? "ORDER BY a distance with no filter: exact scan of every vector"
                : "ORDER BY a distance: SQLite applies the filter, an exact scan ranks the rows that pass";
            return new VectorTopKPlan(select, shape, reason, order, first.Descending, tieBreakers);
        }

        return new InMemorySortPlan(select, shape, distanceKeys > 1
            ? "ORDER BY has several distances: every matching row is sorted in memory"
            : "ORDER BY has a distance after another key: every matching row is sorted in memory");
    }
}
