using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Parsing;

namespace VecStore.QueryLanguage.Execution;

/// <summary>One command's text and values, as a batch runs them in turn.</summary>
/// <param name="Affected">Told the rows each of its statements changed, when it wants to know.</param>
internal sealed record CommandPart(ParseResult Parse, ParameterValues Parameters, Action<int>? Affected);
