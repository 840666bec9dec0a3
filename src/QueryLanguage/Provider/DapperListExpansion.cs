using System.Text.RegularExpressions;

namespace VecStore;

/// <summary>Explains a syntax error in text that Dapper rewrote: it expands an enumerable parameter <c>@q</c> into <c>(@q1,@q2,...)</c>.</summary>
/// <remarks>
/// The error then quotes SQL the user never wrote. When the error lies in such a list and the
/// command holds its numbered parameters, the message names the parameter and the vector types that
/// Dapper sends as one value (<see cref="DapperVectorHandlers"/>).
/// </remarks>
internal static partial class DapperListExpansion
{
    [GeneratedRegex(@"\(\s*[@:$](?<name>[A-Za-z_][A-Za-z0-9_]*?)1\s*(,\s*[@:$]\k<name>\d+\s*)+\)")]
    private static partial Regex ExpandedList();

    /// <summary>The error with the explanation added when it lies in an expanded list; otherwise the error itself.</summary>
    public static VecStoreException Explain(VecStoreException error, IReadOnlyList<VecStoreParameter> parameters)
    {
        if (error.Location is not { } location)
            return error;
        int at = location.Column - 1;
        foreach (Match match in ExpandedList().Matches(location.LineText))
        {
            if (at < match.Index || at >= match.Index + match.Length)
                continue;
            string name = match.Groups["name"].Value;
            if (!HasParameter(parameters, name + "1"))
                continue;
            return new VecStoreException(error.Code,
                $"{error.Reason}; Dapper rewrote the parameter @{name} into the list {match.Value} because its type is a sequence it expands."
                + " Pass a vector as float[], double[], Half[], List<float>, IReadOnlyList<float>, ReadOnlyMemory<float> or Embedding<float>,"
                + " which Dapper sends as one value",
                location, error) { Others = error.Others };
        }
        return error;
    }

    private static bool HasParameter(IReadOnlyList<VecStoreParameter> parameters, string bareName)
    {
        foreach (var p in parameters)
            if (string.Equals(p.BareName, bareName, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}
