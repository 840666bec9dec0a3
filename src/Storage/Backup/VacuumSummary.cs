namespace VecStore.Storage.Backup;

/// <summary>What VACUUM did.</summary>
/// <param name="VectorsMoved">Vectors given a lower slot so the column's slots are dense again.</param>
/// <param name="PagesBefore">Pages of the vector file before (header included).</param>
/// <param name="PagesAfter">Pages after.</param>
/// <param name="BytesBefore">Bytes of the database's files before: SQLite file and its WAL, vector file, index files.</param>
/// <param name="BytesAfter">The same after.</param>
/// <param name="IndexesCompacted">Vector indexes compacted and saved.</param>
public sealed record VacuumSummary(long VectorsMoved, long PagesBefore, long PagesAfter, long BytesBefore, long BytesAfter, int IndexesCompacted);
