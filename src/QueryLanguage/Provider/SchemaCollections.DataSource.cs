using System.Data;
using System.Data.Common;
using VecStore.QueryLanguage.Parsing;
using VecStore.Storage.Catalog;

namespace VecStore;

// The collections that describe VecSQL itself rather than a database: the data source's
// conventions, its column types and its reserved words.
internal static partial class SchemaCollections
{
    private static DataTable DataSourceInformation()
    {
        var table = NewTable(
            (DbMetaDataColumnNames.CompositeIdentifierSeparatorPattern, typeof(string)),
            (DbMetaDataColumnNames.DataSourceProductName, typeof(string)),
            (DbMetaDataColumnNames.DataSourceProductVersion, typeof(string)),
            (DbMetaDataColumnNames.DataSourceProductVersionNormalized, typeof(string)),
            (DbMetaDataColumnNames.GroupByBehavior, typeof(GroupByBehavior)),
            (DbMetaDataColumnNames.IdentifierPattern, typeof(string)),
            (DbMetaDataColumnNames.IdentifierCase, typeof(IdentifierCase)),
            (DbMetaDataColumnNames.OrderByColumnsInSelect, typeof(bool)),
            (DbMetaDataColumnNames.ParameterMarkerFormat, typeof(string)),
            (DbMetaDataColumnNames.ParameterMarkerPattern, typeof(string)),
            (DbMetaDataColumnNames.ParameterNameMaxLength, typeof(int)),
            (DbMetaDataColumnNames.ParameterNamePattern, typeof(string)),
            (DbMetaDataColumnNames.QuotedIdentifierPattern, typeof(string)),
            (DbMetaDataColumnNames.QuotedIdentifierCase, typeof(IdentifierCase)),
            (DbMetaDataColumnNames.StatementSeparatorPattern, typeof(string)),
            (DbMetaDataColumnNames.StringLiteralPattern, typeof(string)),
            (DbMetaDataColumnNames.SupportedJoinOperators, typeof(SupportedJoinOperators)));
        string version = typeof(VecStoreConnection).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        const string Name = @"[\p{L}_][\p{L}\p{Nd}_]*";
        table.Rows.Add(
            "", "VecStore", version, Normalized(version),
            // No GROUP BY yet (docs/errors.md, VECSQL0114); one table per statement, so no joins.
            GroupByBehavior.NotSupported,
            "^" + Name + "$", IdentifierCase.Insensitive, false,
            "@{0}", "[@$:](" + Name + ")", Identifiers.MaxLength, "^" + Name + "$",
            "\"(([^\"]|\"\")*)\"", IdentifierCase.Insensitive,
            ";", "'(([^']|'')*)'", SupportedJoinOperators.None);
        return table;
    }

    // Each part of the version padded to fixed width, so that versions compare as strings.
    private static string Normalized(string version)
        => string.Join(".", version.Split('.').Select(part => part.PadLeft(part.Length < 2 ? 2 : part.Length, '0')));

    private static DataTable DataTypes()
    {
        var table = NewTable(
            (DbMetaDataColumnNames.TypeName, typeof(string)), (DbMetaDataColumnNames.ProviderDbType, typeof(int)),
            (DbMetaDataColumnNames.ColumnSize, typeof(long)), (DbMetaDataColumnNames.CreateFormat, typeof(string)),
            (DbMetaDataColumnNames.CreateParameters, typeof(string)), (DbMetaDataColumnNames.DataType, typeof(string)),
            (DbMetaDataColumnNames.IsAutoIncrementable, typeof(bool)), (DbMetaDataColumnNames.IsBestMatch, typeof(bool)),
            (DbMetaDataColumnNames.IsCaseSensitive, typeof(bool)), (DbMetaDataColumnNames.IsFixedLength, typeof(bool)),
            (DbMetaDataColumnNames.IsFixedPrecisionScale, typeof(bool)), (DbMetaDataColumnNames.IsLong, typeof(bool)),
            (DbMetaDataColumnNames.IsNullable, typeof(bool)), (DbMetaDataColumnNames.IsSearchable, typeof(bool)),
            (DbMetaDataColumnNames.IsSearchableWithLike, typeof(bool)), (DbMetaDataColumnNames.IsUnsigned, typeof(bool)),
            (DbMetaDataColumnNames.IsLiteralSupported, typeof(bool)), (DbMetaDataColumnNames.LiteralPrefix, typeof(string)),
            (DbMetaDataColumnNames.LiteralSuffix, typeof(string)));
        void Add(string name, ColumnType type, long? size, string format, string? parameters, Type clr, bool autoIncrement, bool caseSensitive,
            bool fixedLength, bool searchable, bool like, string? prefix, string? suffix)
            => table.Rows.Add(name, (int)type, (object?)size ?? DBNull.Value, format, (object?)parameters ?? DBNull.Value, clr.FullName, autoIncrement, true,
                caseSensitive, fixedLength, fixedLength, !fixedLength, true, searchable, like, false, true,
                (object?)prefix ?? DBNull.Value, (object?)suffix ?? DBNull.Value);
        const long Text = Storage.Limits.MaxValueBytes;
        Add("INTEGER", ColumnType.Integer, 8, "INTEGER", null, typeof(long), true, false, true, true, false, null, null);
        Add("REAL", ColumnType.Real, 8, "REAL", null, typeof(double), false, false, true, true, false, null, null);
        Add("TEXT", ColumnType.Text, Text, "TEXT", null, typeof(string), false, true, false, true, true, "'", "'");
        Add("BLOB", ColumnType.Blob, Text, "BLOB", null, typeof(byte[]), false, false, false, true, false, "x'", "'");
        Add("BOOLEAN", ColumnType.Boolean, 1, "BOOLEAN", null, typeof(bool), false, false, true, true, false, null, null);
        // Vectors are compared by distance, not by = or LIKE. Their largest size depends on the
        // database's page size (docs/limits.md), so none is given here.
        Add("VECTOR", ColumnType.Vector, null, "VECTOR({0})", "dimensions", typeof(float[]), false, false, true, false, false, "[", "]");
        Add("VECTOR HALF", ColumnType.Vector, null, "VECTOR({0}) HALF", "dimensions", typeof(float[]), false, false, true, false, false, "[", "]");
        Add("BIT", ColumnType.Vector, null, "BIT({0})", "bits", typeof(bool[]), false, false, true, false, false, "[", "]");
        return table;
    }

    private static DataTable ReservedWords()
    {
        var table = NewTable((DbMetaDataColumnNames.ReservedWord, typeof(string)));
        foreach (var word in Keywords.All.Order(StringComparer.Ordinal))
            if (Keywords.TryGetKeyword(word, out var kind) && Keywords.IsReserved(kind))
                table.Rows.Add(word);
        return table;
    }
}
