namespace VecStore.QueryLanguage.Execution;

/// <summary>What executing one statement gave: rows to read, or a count of rows changed.</summary>
/// <param name="Rows">The rows, or null for a statement that returns none.</param>
/// <param name="RecordsAffected">Rows inserted, updated or deleted; -1 for other statements.</param>
internal sealed record StatementResult(IResultSet? Rows, int RecordsAffected);
