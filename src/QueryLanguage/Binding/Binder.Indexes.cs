using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using SyntaxIndexMethod = VecStore.QueryLanguage.Parsing.Syntax.IndexMethod;
using StorageIndexMethod = VecStore.Storage.Catalog.IndexMethod;

namespace VecStore.QueryLanguage.Binding;

// CREATE INDEX and DROP INDEX.
internal sealed partial class Binder
{
    private BoundStatement BindCreateIndex(CreateIndexStatement create)
    {
        string name = create.Name.Text;
        bool nameTaken = _catalog.FindIndex(name) is not null;
        if (Identifiers.Problem(name) is { } problem)
            Error(ErrorCode.InvalidIdentifier, create.Name.Span, $"index name '{name}': {problem}");
        else if (nameTaken && !create.IfNotExists)
            Error(ErrorCode.IndexAlreadyExists, create.Name.Span, $"index '{name}' already exists");

        var table = FindTable(create.Table);
        var columns = new List<ColumnSchema>();
        if (table is not null)
        {
            foreach (var c in create.Columns)
            {
                if (table.FindColumn(c.Text) is { } column)
                    columns.Add(column);
                else
                    Error(ErrorCode.UnknownColumn, c.Span, $"table '{table.Name}' has no column '{c.Text}'");
            }
        }

        var options = new Dictionary<string, long>(StringComparer.Ordinal);
        StorageIndexMethod method = StorageIndexMethod.Scalar;
        switch (create.Method)
        {
            case null:
                foreach (var column in columns)
                    if (column.IsVector)
                        Error(ErrorCode.UnsupportedOperation, create.Columns[columns.IndexOf(column)].Span,
                            $"'{column.Name}' is a vector column: index it with USING HNSW");
                break;
            case SyntaxIndexMethod.Hnsw:
            case SyntaxIndexMethod.Ivf:
            case SyntaxIndexMethod.IvfPq:
                method = create.Method switch
                {
                    SyntaxIndexMethod.Ivf => StorageIndexMethod.Ivf,
                    SyntaxIndexMethod.IvfPq => StorageIndexMethod.IvfPq,
                    _ => StorageIndexMethod.Hnsw,
                };
                if (columns.Count == 1 && !columns[0].IsVector)
                    Error(ErrorCode.UnsupportedOperation, create.Columns[0].Span, $"'{columns[0].Name}' is not a vector column: {method.ToString().ToUpperInvariant()} indexes a VECTOR column");
                else if (columns.Count == 1 && !nameTaken && table!.VectorIndexOn(columns[0]) is { } existing && !create.IfNotExists)
                    Error(ErrorCode.IndexAlreadyExists, create.Columns[0].Span, $"column '{columns[0].Name}' already has the vector index '{existing.Name}'; drop it first");
                BindIndexOptions(create.Options, options, method);
                break;
            default:
                Error(ErrorCode.NotYetSupported, create.Span,
                    $"USING {create.Method.ToString()!.ToUpperInvariant()} is part of the language but this version of VecStore builds only HNSW, IVF, IVFPQ and scalar indexes");
                break;
        }
        if (create.Method is null && create.Options.Count > 0)
            Error(ErrorCode.InvalidIndexOption, create.Options[0].Span, "a scalar index takes no WITH options");

        var definition = new IndexDefinition(name, table ?? new TableSchema(0, create.Table.Text, []), method, columns, options);
        return new BoundCreateIndex(definition, create.IfNotExists, create.Span);
    }

    private void BindIndexOptions(IReadOnlyList<OptionSetting> settings, Dictionary<string, long> options, StorageIndexMethod method)
    {
        foreach (var option in settings)
        {
            string key = option.Name.Text.ToLowerInvariant();
            if (IndexOptionRules.Range(method, key) is not var (low, high))
                Error(ErrorCode.InvalidIndexOption, option.Name.Span, IndexOptionRules.Unknown(method, option.Name.Text));
            else if (options.ContainsKey(key))
                Error(ErrorCode.InvalidIndexOption, option.Name.Span, $"{key} is given twice");
            else if (option.Value.Value is not long value || value < low || value > high)
                Error(ErrorCode.InvalidIndexOption, option.Value.Span, $"{key} takes a whole number from {low} to {high}");
            else
                options[key] = value;
        }
    }

    private BoundStatement BindDropIndex(DropIndexStatement drop)
    {
        if (!drop.IfExists && _catalog.FindIndex(drop.Name.Text) is null)
            Error(ErrorCode.UnknownIndex, drop.Name.Span, $"no such index: '{drop.Name.Text}'");
        return new BoundDropIndex(drop.Name.Text, drop.IfExists, drop.Span);
    }
}
