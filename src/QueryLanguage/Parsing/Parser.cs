using Superpower.Model;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>The grammar of <c>grammar/vecsql.ebnf</c> as code: one static method per syntactic rule, named after it.</summary>
/// <remarks>
/// <para>
/// Recursive descent with at most three tokens of lookahead and no backtracking. Each method starts
/// with its EBNF rule in a comment and parses at the current token of a <see cref="ParserState"/>.
/// On a syntax error a rule fails the state and returns a placeholder; a failed statement is dropped,
/// so placeholders are never seen (see <see cref="ParserState"/>).
/// </para>
/// <para>
/// Superpower supplies the tokenizer base, the token model and the display names of tokens. The rules
/// are written by hand rather than as combinators so that each reports exactly what it expected
/// (<c>expected ')' or ','</c>), nesting is capped before the stack is at risk, and a failed statement
/// can be skipped without losing the ones after it.
/// </para>
/// </remarks>
internal static partial class Parser
{
    // Stand-ins returned by a rule that failed. The statement they would belong to is dropped.
    private static readonly Statement MissingStatement = new CheckStatement(default);
    private static readonly Identifier MissingName = new(string.Empty, false, default);
    private static readonly SelectStatement MissingQuery = new([], new SelectCore(false, [], null, null, [], null, default), [], [], null, null, [], default);

    private static readonly string CloseOrComma = TokenDisplay.Alternatives(TokenKind.RightParen, TokenKind.Comma);

    // Script ::= Statement? ( ';' Statement? )*
    public static IReadOnlyList<Statement> Script(ParserState p)
    {
        var statements = new List<Statement>();
        int regionStart = 0;
        while (!p.IsAtEndOfInput)
        {
            if (p.Match(TokenKind.Semicolon))
            {
                regionStart = p.LastTokenEnd;
                continue;
            }

            p.BeginStatement(regionStart);
            int length = p.MeasureStatement();
            if (length > SqlParser.MaxStatementLength)
            {
                p.Diagnostics.ReportStatementTooLong(ParserState.SpanOf(p.Current), length, SqlParser.MaxStatementLength);
                p.SkipStatement();
                continue;
            }

            var statement = Statement(p);
            if (!p.IsAtEndOfInput && !p.At(TokenKind.Semicolon))
                p.Unexpected("end of statement");
            if (p.HasFailed)
                p.SkipToNextStatement();
            else
                statements.Add(statement);
        }
        return statements;
    }

    // Statement ::= SelectStatement | InsertStatement | UpdateStatement | DeleteStatement
    //             | CreateTableStatement | DropTableStatement | AlterTableStatement | CreateIndexStatement
    //             | DropIndexStatement | ExplainStatement | BeginStatement | CommitStatement | RollbackStatement
    //             | CheckpointStatement | AnalyzeStatement | VacuumStatement | CheckStatement
    //             | BackupStatement | RestoreStatement | SetStatement | ResetStatement | ShowStatement
    private static Statement Statement(ParserState p)
    {
        switch (p.Peek())
        {
            case TokenKind.With when p.WithLeadsToInsert(): return InsertStatement(p);
            case TokenKind.Select or TokenKind.With: return SelectStatement(p);
            case TokenKind.Insert: return InsertStatement(p);
            case TokenKind.Update: return UpdateStatement(p);
            case TokenKind.Delete: return DeleteStatement(p);
            case TokenKind.Create when p.Peek(1) == TokenKind.Index: return CreateIndexStatement(p);
            case TokenKind.Create: return CreateTableStatement(p);
            case TokenKind.Drop when p.Peek(1) == TokenKind.Index: return DropIndexStatement(p);
            case TokenKind.Drop: return DropTableStatement(p);
            case TokenKind.Alter: return AlterTableStatement(p);
            case TokenKind.Explain: return ExplainStatement(p);
            case TokenKind.Begin: return BeginStatement(p);
            case TokenKind.Commit or TokenKind.End: return CommitStatement(p);
            case TokenKind.Rollback: return RollbackStatement(p);
            case TokenKind.Checkpoint: return CheckpointStatement(p);
            case TokenKind.Analyze: return AnalyzeStatement(p);
            case TokenKind.Vacuum: return VacuumStatement(p);
            case TokenKind.Check: return CheckStatement(p);
            case TokenKind.Backup: return BackupStatement(p);
            case TokenKind.Restore: return RestoreStatement(p);
            case TokenKind.Set: return SetStatement(p);
            case TokenKind.Identifier when p.AtWord("RESET"): return ResetStatement(p);
            case TokenKind.Identifier when p.AtWord("SHOW"): return ShowStatement(p);
            default:
                p.Unexpected("a statement");
                return MissingStatement;
        }
    }

    // CreateTableStatement ::= 'CREATE' 'TABLE' IfNotExists? TableName
    //                          '(' TableElement ( ',' TableElement )* ')'
    private static CreateTableStatement CreateTableStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Create);
        p.Expect(TokenKind.Table, TokenDisplay.Alternatives(TokenKind.Table, TokenKind.Index));
        bool ifNotExists = p.At(TokenKind.If) && IfNotExists(p);
        var name = TableName(p);
        p.Expect(TokenKind.LeftParen);
        var columns = new List<ColumnDefinition>();
        var constraints = new List<TableConstraint>();
        do
        {
            var element = TableElement(p);
            if (element is TableConstraint constraint)
                constraints.Add(constraint);
            else if (element is ColumnDefinition column)
                columns.Add(column);
        }
        while (p.Match(TokenKind.Comma));
        p.Expect(TokenKind.RightParen, CloseOrComma);
        return new CreateTableStatement(ifNotExists, name, columns, constraints, p.SpanFrom(start));
    }

    // IfNotExists ::= 'IF' 'NOT' 'EXISTS'
    private static bool IfNotExists(ParserState p)
    {
        p.Expect(TokenKind.If);
        p.Expect(TokenKind.Not);
        p.Expect(TokenKind.Exists);
        return true;
    }

    // IfExists ::= 'IF' 'EXISTS'
    private static bool IfExists(ParserState p)
    {
        p.Expect(TokenKind.If);
        p.Expect(TokenKind.Exists);
        return true;
    }

    // TableElement ::= TableConstraint | ColumnDefinition
    private static SyntaxNode TableElement(ParserState p)
    {
        if (p.Refuse(UnsupportedSql.AtTableElement(p)))
            return MissingName;
        return p.At(TokenKind.Primary) ? TableConstraint(p) : ColumnDefinition(p);
    }

    // TableConstraint ::= 'PRIMARY' 'KEY' ColumnList
    private static TableConstraint TableConstraint(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Primary);
        p.Expect(TokenKind.Key);
        var columns = ColumnList(p);
        return new TableConstraint(TableConstraintKind.PrimaryKey, columns, p.SpanFrom(start));
    }

    // ColumnDefinition ::= ColumnName DataType ColumnConstraint*
    private static ColumnDefinition ColumnDefinition(ParserState p)
    {
        int start = p.Start;
        var name = ColumnName(p);
        var type = DataType(p);
        var constraints = new List<ColumnConstraint>();
        while (p.Peek() is TokenKind.Primary or TokenKind.Not or TokenKind.Null or TokenKind.Default)
            constraints.Add(ColumnConstraint(p));
        return new ColumnDefinition(name, type, constraints, p.SpanFrom(start));
    }

    // DataType ::= 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB' | 'BOOLEAN' | VectorType | BitType
    private static DataTypeSyntax DataType(ParserState p)
    {
        int start = p.Start;
        DataTypeKind? kind = p.Peek() switch
        {
            TokenKind.Integer => DataTypeKind.Integer,
            TokenKind.Real => DataTypeKind.Real,
            TokenKind.Text => DataTypeKind.Text,
            TokenKind.Blob => DataTypeKind.Blob,
            TokenKind.Boolean => DataTypeKind.Boolean,
            TokenKind.Vector => DataTypeKind.Vector,
            TokenKind.Bit => DataTypeKind.Bit,
            _ => null,
        };
        if (kind == DataTypeKind.Vector)
            return VectorType(p);
        if (kind == DataTypeKind.Bit)
            return BitType(p);
        if (kind is null)
        {
            p.Unexpected(TokenDisplay.Alternatives(
                TokenKind.Integer, TokenKind.Real, TokenKind.Text, TokenKind.Blob, TokenKind.Boolean, TokenKind.Vector, TokenKind.Bit));
            return new DataTypeSyntax(DataTypeKind.Integer, null, null, VectorElementType.Single, default);
        }
        p.Advance();
        return new DataTypeSyntax(kind.Value, null, null, VectorElementType.Single, p.SpanFrom(start));
    }

    // VectorType ::= 'VECTOR' '(' IntegerLiteral ')' ElementType? ( 'METRIC' MetricName )?
    private static DataTypeSyntax VectorType(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Vector);
        p.Expect(TokenKind.LeftParen);
        long? dimensions = null;
        if (p.At(TokenKind.IntegerLiteral))
            dimensions = SignedNumber(p).Value as long?;
        else
            p.Unexpected("the number of dimensions");
        p.Expect(TokenKind.RightParen);
        var elementType = p.At(TokenKind.Half) ? ElementType(p) : VectorElementType.Single;
        var metric = p.Match(TokenKind.Metric) ? MetricName(p) : null;
        return new DataTypeSyntax(DataTypeKind.Vector, dimensions, metric, elementType, p.SpanFrom(start));
    }

    // BitType ::= 'BIT' '(' IntegerLiteral ')' ( 'METRIC' MetricName )?
    private static DataTypeSyntax BitType(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Bit);
        p.Expect(TokenKind.LeftParen);
        long? bits = null;
        if (p.At(TokenKind.IntegerLiteral))
            bits = SignedNumber(p).Value as long?;
        else
            p.Unexpected("the number of bits");
        p.Expect(TokenKind.RightParen);
        var metric = p.Match(TokenKind.Metric) ? MetricName(p) : null;
        return new DataTypeSyntax(DataTypeKind.Bit, bits, metric, VectorElementType.Single, p.SpanFrom(start));
    }

    // ElementType ::= 'HALF'
    private static VectorElementType ElementType(ParserState p)
    {
        p.Expect(TokenKind.Half);
        return VectorElementType.Half;
    }

    private static readonly string[] MetricNames = ["l2", "cosine", "ip", "l1", "hamming", "jaccard"];

    // MetricName ::= 'l2' | 'cosine' | 'ip' | 'l1' | 'hamming' | 'jaccard'
    private static Identifier MetricName(ParserState p)
    {
        if (p.At(TokenKind.Identifier) && MetricNames.Contains(p.Current.ToStringValue(), StringComparer.OrdinalIgnoreCase))
            return Name(p, "a metric name");
        p.Unexpected(TokenDisplay.Alternatives(MetricNames.Select(name => $"'{name}'").ToArray()));
        return MissingName;
    }

    // ColumnConstraint ::= 'PRIMARY' 'KEY' | 'NOT' 'NULL' | 'NULL' | 'DEFAULT' DefaultValue
    private static ColumnConstraint ColumnConstraint(ParserState p)
    {
        int start = p.Start;
        if (p.Match(TokenKind.Primary))
        {
            p.Expect(TokenKind.Key);
            return new ColumnConstraint(ColumnConstraintKind.PrimaryKey, null, p.SpanFrom(start));
        }
        if (p.Match(TokenKind.Not))
        {
            p.Expect(TokenKind.Null);
            return new ColumnConstraint(ColumnConstraintKind.NotNull, null, p.SpanFrom(start));
        }
        if (p.Match(TokenKind.Null))
            return new ColumnConstraint(ColumnConstraintKind.Null, null, p.SpanFrom(start));
        p.Expect(TokenKind.Default);
        var value = DefaultValue(p);
        return new ColumnConstraint(ColumnConstraintKind.Default, value, p.SpanFrom(start));
    }

    // DefaultValue ::= SignedLiteral | VectorLiteral
    private static Expression DefaultValue(ParserState p) =>
        p.At(TokenKind.LeftBracket) ? VectorLiteral(p) : SignedLiteral(p, "a literal value or a vector");

    // DropTableStatement ::= 'DROP' 'TABLE' IfExists? TableName
    private static DropTableStatement DropTableStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Drop);
        p.Expect(TokenKind.Table, TokenDisplay.Alternatives(TokenKind.Table, TokenKind.Index));
        bool ifExists = p.At(TokenKind.If) && IfExists(p);
        var name = TableName(p);
        return new DropTableStatement(ifExists, name, p.SpanFrom(start));
    }

    // AlterTableStatement ::= 'ALTER' 'TABLE' TableName AlterTableAction
    private static AlterTableStatement AlterTableStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Alter);
        p.Expect(TokenKind.Table);
        var table = TableName(p);
        var action = AlterTableAction(p);
        return new AlterTableStatement(table, action, p.SpanFrom(start));
    }

    // AlterTableAction ::= AddColumnAction | DropColumnAction | RenameAction
    private static AlterTableAction AlterTableAction(ParserState p)
    {
        switch (p.Peek())
        {
            case TokenKind.Add: return AddColumnAction(p);
            case TokenKind.Drop: return DropColumnAction(p);
            case TokenKind.Rename: return RenameAction(p);
            default:
                p.Unexpected(TokenDisplay.Alternatives(TokenKind.Add, TokenKind.Drop, TokenKind.Rename));
                return new RenameTableAction(MissingName, default);
        }
    }

    // AddColumnAction ::= 'ADD' 'COLUMN'? IfNotExists? ColumnDefinition
    private static AddColumnAction AddColumnAction(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Add);
        // ADD column INTEGER adds a column named column: COLUMN is the keyword unless a type follows it and no type follows that.
        if (p.At(TokenKind.Column) && !(StartsDataType(p.Peek(1)) && !StartsDataType(p.Peek(2))))
            p.Advance();
        bool ifNotExists = p.At(TokenKind.If) && IfNotExists(p);
        var column = ColumnDefinition(p);
        return new AddColumnAction(ifNotExists, column, p.SpanFrom(start));
    }

    // DropColumnAction ::= 'DROP' 'COLUMN'? IfExists? ColumnName
    private static DropColumnAction DropColumnAction(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Drop);
        // DROP column drops a column named column: COLUMN is the keyword when a name (or IF) follows it.
        if (p.At(TokenKind.Column) && (p.AtName(1) || p.Peek(1) == TokenKind.If))
            p.Advance();
        bool ifExists = p.At(TokenKind.If) && IfExists(p);
        var column = ColumnName(p);
        return new DropColumnAction(ifExists, column, p.SpanFrom(start));
    }

    // RenameAction ::= 'RENAME' 'TO' TableName
    //                | 'RENAME' 'COLUMN'? ColumnName 'TO' ColumnName
    private static AlterTableAction RenameAction(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Rename);
        // RENAME TO x renames the table; RENAME to TO x, the column named to.
        if (p.At(TokenKind.To) && p.Peek(1) != TokenKind.To)
        {
            p.Advance();
            var table = TableName(p);
            return new RenameTableAction(table, p.SpanFrom(start));
        }
        if (p.At(TokenKind.Column) && p.Peek(2) == TokenKind.To)
            p.Advance();
        var column = ColumnName(p);
        p.Expect(TokenKind.To);
        var newName = ColumnName(p);
        return new RenameColumnAction(column, newName, p.SpanFrom(start));
    }

    // CreateIndexStatement ::= 'CREATE' 'INDEX' IfNotExists? IndexName 'ON' TableName
    //                          ( VectorIndexTarget | ColumnList )
    private static CreateIndexStatement CreateIndexStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Create);
        p.Expect(TokenKind.Index);
        bool ifNotExists = p.At(TokenKind.If) && IfNotExists(p);
        var name = IndexName(p);
        p.Expect(TokenKind.On);
        var table = TableName(p);
        if (p.At(TokenKind.Using))
        {
            var (method, column, options) = VectorIndexTarget(p);
            return new CreateIndexStatement(ifNotExists, name, table, method, [column], options, p.SpanFrom(start));
        }
        if (!p.At(TokenKind.LeftParen))
            p.Unexpected(TokenDisplay.Alternatives(TokenKind.Using, TokenKind.LeftParen));
        var columns = ColumnList(p);
        return new CreateIndexStatement(ifNotExists, name, table, null, columns, [], p.SpanFrom(start));
    }

    // VectorIndexTarget ::= 'USING' IndexMethod '(' ColumnName ')' OptionList?
    private static (IndexMethod Method, Identifier Column, IReadOnlyList<OptionSetting> Options) VectorIndexTarget(ParserState p)
    {
        p.Expect(TokenKind.Using);
        var method = IndexMethod(p);
        p.Expect(TokenKind.LeftParen);
        var column = ColumnName(p);
        p.Expect(TokenKind.RightParen);
        IReadOnlyList<OptionSetting> options = p.At(TokenKind.With) ? OptionList(p) : [];
        return (method, column, options);
    }

    // IndexMethod ::= 'FLAT' | 'IVF' | 'IVFPQ' | 'HNSW'
    private static IndexMethod IndexMethod(ParserState p)
    {
        Syntax.IndexMethod? method = p.Peek() switch
        {
            TokenKind.Flat => Syntax.IndexMethod.Flat,
            TokenKind.Ivf => Syntax.IndexMethod.Ivf,
            TokenKind.IvfPq => Syntax.IndexMethod.IvfPq,
            TokenKind.Hnsw => Syntax.IndexMethod.Hnsw,
            _ => null,
        };
        if (method is null)
        {
            p.Unexpected(TokenDisplay.Alternatives(TokenKind.Flat, TokenKind.Ivf, TokenKind.IvfPq, TokenKind.Hnsw));
            return Syntax.IndexMethod.Flat;
        }
        p.Advance();
        return method.Value;
    }

    // OptionList ::= 'WITH' '(' Option ( ',' Option )* ')'
    private static IReadOnlyList<OptionSetting> OptionList(ParserState p)
    {
        p.Expect(TokenKind.With);
        p.Expect(TokenKind.LeftParen);
        var options = new List<OptionSetting>();
        do
        {
            options.Add(Option(p));
        }
        while (p.Match(TokenKind.Comma));
        p.Expect(TokenKind.RightParen, CloseOrComma);
        return options;
    }

    // Option ::= OptionName '=' SignedLiteral
    private static OptionSetting Option(ParserState p)
    {
        int start = p.Start;
        var name = OptionName(p);
        p.Expect(TokenKind.Equal);
        var value = SignedLiteral(p, "a literal value");
        return new OptionSetting(name, value, p.SpanFrom(start));
    }

    // DropIndexStatement ::= 'DROP' 'INDEX' IfExists? IndexName
    private static DropIndexStatement DropIndexStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Drop);
        p.Expect(TokenKind.Index);
        bool ifExists = p.At(TokenKind.If) && IfExists(p);
        var name = IndexName(p);
        return new DropIndexStatement(ifExists, name, p.SpanFrom(start));
    }

    // InsertStatement ::= WithClause? 'INSERT' 'INTO' TableName ColumnList?
    //                     ( 'VALUES' ValuesRow ( ',' ValuesRow )* | SelectStatement )
    //                     UpsertClause? ReturningClause?
    private static InsertStatement InsertStatement(ParserState p)
    {
        int start = p.Start;
        IReadOnlyList<CommonTableExpression>? with = p.At(TokenKind.With) ? WithClause(p) : null;
        p.Expect(TokenKind.Insert);
        p.Expect(TokenKind.Into);
        var table = TableName(p);
        var columns = p.At(TokenKind.LeftParen) ? ColumnList(p) : null;
        var rows = new List<ValuesRow>();
        SelectStatement? query = null;
        if (p.Peek() is TokenKind.Select or TokenKind.With)
        {
            query = SelectStatement(p);
        }
        else
        {
            p.Expect(TokenKind.Values, columns is null
                ? TokenDisplay.Alternatives(TokenKind.LeftParen, TokenKind.Values, TokenKind.Select)
                : TokenDisplay.Alternatives(TokenKind.Values, TokenKind.Select));
            do
            {
                rows.Add(ValuesRow(p));
            }
            while (p.Match(TokenKind.Comma));
        }
        var upsert = p.At(TokenKind.On) ? UpsertClause(p) : null;
        var returning = p.AtWord("RETURNING") ? ReturningClause(p) : null;
        return new InsertStatement(table, columns, rows, p.SpanFrom(start), query, with, upsert, returning);
    }

    // UpsertClause ::= 'ON' 'CONFLICT' ColumnList? 'DO'
    //                  ( 'NOTHING' | 'UPDATE' 'SET' Assignment ( ',' Assignment )* WhereClause? )
    private static UpsertClause UpsertClause(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.On);
        if (!p.MatchWord("CONFLICT"))
            p.Unexpected("'CONFLICT'");
        var target = p.At(TokenKind.LeftParen) ? ColumnList(p) : null;
        if (!p.MatchWord("DO"))
            p.Unexpected(target is null ? "'(' or 'DO'" : "'DO'");
        if (p.MatchWord("NOTHING"))
            return new UpsertClause(target, true, [], null, p.SpanFrom(start));
        p.Expect(TokenKind.Update, "'NOTHING' or 'UPDATE'");
        p.Expect(TokenKind.Set);
        var assignments = new List<Assignment>();
        do
        {
            assignments.Add(Assignment(p));
        }
        while (p.Match(TokenKind.Comma));
        var where = p.At(TokenKind.Where) ? WhereClause(p) : null;
        return new UpsertClause(target, false, assignments, where, p.SpanFrom(start));
    }

    // ReturningClause ::= 'RETURNING' SelectItem ( ',' SelectItem )*
    private static IReadOnlyList<SelectItem> ReturningClause(ParserState p)
    {
        if (!p.MatchWord("RETURNING"))
            p.Unexpected("'RETURNING'");
        var items = new List<SelectItem>();
        do
        {
            items.Add(SelectItem(p));
        }
        while (p.Match(TokenKind.Comma));
        return items;
    }

    // ColumnList ::= '(' ColumnName ( ',' ColumnName )* ')'
    private static IReadOnlyList<Identifier> ColumnList(ParserState p)
    {
        p.Expect(TokenKind.LeftParen);
        var columns = new List<Identifier>();
        do
        {
            columns.Add(ColumnName(p));
        }
        while (p.Match(TokenKind.Comma));
        p.Expect(TokenKind.RightParen, CloseOrComma);
        return columns;
    }

    // ValuesRow ::= '(' Expression ( ',' Expression )* ')'
    private static ValuesRow ValuesRow(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.LeftParen);
        var values = new List<Expression>();
        do
        {
            values.Add(Expression(p));
        }
        while (p.Match(TokenKind.Comma));
        p.Expect(TokenKind.RightParen, CloseOrComma);
        return new ValuesRow(values, p.SpanFrom(start));
    }

    // UpdateStatement ::= 'UPDATE' TableName ( 'AS'? Alias )? 'SET' Assignment ( ',' Assignment )*
    //                     FromClause? WhereClause? ReturningClause?
    private static UpdateStatement UpdateStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Update);
        var table = TableName(p);
        var alias = p.Match(TokenKind.As) || p.AtImplicitAlias() ? Alias(p) : null;
        p.Expect(TokenKind.Set);
        var assignments = new List<Assignment>();
        do
        {
            assignments.Add(Assignment(p));
        }
        while (p.Match(TokenKind.Comma));
        var from = p.At(TokenKind.From) ? FromClause(p) : null;
        var where = p.At(TokenKind.Where) ? WhereClause(p) : null;
        var returning = p.AtWord("RETURNING") ? ReturningClause(p) : null;
        return new UpdateStatement(table, assignments, where, p.SpanFrom(start), alias, from, returning);
    }

    // Assignment ::= ColumnName '=' Expression
    private static Assignment Assignment(ParserState p)
    {
        int start = p.Start;
        var column = ColumnName(p);
        p.Expect(TokenKind.Equal);
        var value = Expression(p);
        return new Assignment(column, value, p.SpanFrom(start));
    }

    // DeleteStatement ::= 'DELETE' 'FROM' TableName WhereClause? ReturningClause?
    private static DeleteStatement DeleteStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Delete);
        p.Expect(TokenKind.From);
        var table = TableName(p);
        var where = p.At(TokenKind.Where) ? WhereClause(p) : null;
        var returning = p.AtWord("RETURNING") ? ReturningClause(p) : null;
        return new DeleteStatement(table, where, p.SpanFrom(start), returning);
    }

    // SelectStatement ::= WithClause? SelectCore ( CompoundOperator SelectCore )*
    //                     OrderByClause? LimitClause? OptionList?
    private static SelectStatement SelectStatement(ParserState p)
    {
        int start = p.Start;
        IReadOnlyList<CommonTableExpression> with = p.At(TokenKind.With) ? WithClause(p) : [];
        var core = SelectCore(p);
        var compounds = new List<CompoundSelect>();
        while (p.AtCompoundOperator())
        {
            int operatorStart = p.Start;
            var op = CompoundOperator(p);
            var operatorSpan = p.SpanFrom(operatorStart);
            var next = SelectCore(p);
            compounds.Add(new CompoundSelect(op, next, operatorSpan, p.SpanFrom(operatorStart)));
        }
        IReadOnlyList<OrderByItem> orderBy = p.At(TokenKind.Order) ? OrderByClause(p) : [];
        var (limit, offset) = p.At(TokenKind.Limit) ? LimitClause(p) : (null, null);
        IReadOnlyList<OptionSetting> options = p.At(TokenKind.With) ? OptionList(p) : [];
        return new SelectStatement(with, core, compounds, orderBy, limit, offset, options, p.SpanFrom(start));
    }

    // WithClause ::= 'WITH' CommonTableExpression ( ',' CommonTableExpression )*
    private static IReadOnlyList<CommonTableExpression> WithClause(ParserState p)
    {
        p.Expect(TokenKind.With);
        p.Refuse(UnsupportedSql.InWithClause(p));
        var ctes = new List<CommonTableExpression>();
        do
        {
            ctes.Add(CommonTableExpression(p));
        }
        while (p.Match(TokenKind.Comma));
        return ctes;
    }

    // CommonTableExpression ::= TableName ColumnList? 'AS' Subquery
    private static CommonTableExpression CommonTableExpression(ParserState p)
    {
        int start = p.Start;
        var name = TableName(p);
        var columns = p.At(TokenKind.LeftParen) ? ColumnList(p) : null;
        p.Expect(TokenKind.As, columns is null ? TokenDisplay.Alternatives(TokenKind.LeftParen, TokenKind.As) : null);
        var query = Subquery(p);
        return new CommonTableExpression(name, columns, query, p.SpanFrom(start));
    }

    // CompoundOperator ::= 'UNION' 'ALL'? | 'INTERSECT' | 'EXCEPT'
    private static SetOperator CompoundOperator(ParserState p)
    {
        if (p.MatchWord("UNION"))
            return p.MatchWord("ALL") ? SetOperator.UnionAll : SetOperator.Union;
        if (p.MatchWord("INTERSECT"))
            return SetOperator.Intersect;
        if (p.MatchWord("EXCEPT"))
            return SetOperator.Except;
        p.Unexpected("'UNION', 'INTERSECT' or 'EXCEPT'");
        return SetOperator.Union;
    }

    // SelectCore ::= 'SELECT' ( 'DISTINCT' | 'ALL' )? SelectItem ( ',' SelectItem )*
    //                FromClause? WhereClause? GroupByClause? HavingClause?
    private static SelectCore SelectCore(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Select);
        p.Refuse(UnsupportedSql.AtSelectList(p));
        bool distinct = false;
        if (p.AtSetQuantifier("DISTINCT"))
            distinct = p.MatchWord("DISTINCT");
        else if (p.AtSetQuantifier("ALL"))
            p.MatchWord("ALL");
        var items = new List<SelectItem>();
        do
        {
            items.Add(SelectItem(p));
        }
        while (p.Match(TokenKind.Comma));
        var from = p.At(TokenKind.From) ? FromClause(p) : null;
        var where = p.At(TokenKind.Where) ? WhereClause(p) : null;
        IReadOnlyList<Expression> groupBy = p.AtWord("GROUP") && p.Peek(1) == TokenKind.By ? GroupByClause(p) : [];
        var having = p.AtWord("HAVING") ? HavingClause(p) : null;
        return new SelectCore(distinct, items, from, where, groupBy, having, p.SpanFrom(start));
    }

    // SelectItem ::= '*' | Name '.' '*' | Expression ( 'AS'? Alias )?
    private static SelectItem SelectItem(ParserState p)
    {
        int start = p.Start;
        if (p.Match(TokenKind.Star))
            return new StarSelectItem(null, p.SpanFrom(start));
        if (p.AtName() && p.Peek(1) == TokenKind.Dot && p.Peek(2) == TokenKind.Star)
        {
            var qualifier = Name(p, "a table name");
            p.Expect(TokenKind.Dot);
            p.Expect(TokenKind.Star);
            return new StarSelectItem(qualifier, p.SpanFrom(start));
        }
        if (!StartsExpression(p.Peek()))
        {
            p.Unexpected("'*' or an expression");
            return new StarSelectItem(null, default);
        }
        var expression = Expression(p);
        var alias = p.Match(TokenKind.As) || p.AtImplicitAlias() ? Alias(p) : null;
        return new ExpressionSelectItem(expression, alias, p.SpanFrom(start));
    }

    // FromClause ::= 'FROM' JoinSource
    private static FromItem FromClause(ParserState p)
    {
        p.Expect(TokenKind.From);
        return JoinSource(p);
    }

    // JoinSource ::= SingleSource ( JoinOperator SingleSource JoinConstraint? )*
    private static FromItem JoinSource(ParserState p)
    {
        int start = p.Start;
        var left = SingleSource(p);
        while (p.AtJoinOperator())
        {
            int operatorStart = p.Start;
            var kind = JoinOperator(p);
            var operatorSpan = p.SpanFrom(operatorStart);
            var right = SingleSource(p);
            Expression? on = null;
            IReadOnlyList<Identifier>? usingColumns = null;
            if (p.At(TokenKind.On) || p.At(TokenKind.Using))
                (on, usingColumns) = JoinConstraint(p);
            left = new JoinedTable(left, kind, right, on, usingColumns, operatorSpan, p.SpanFrom(start));
        }
        return left;
    }

    // JoinOperator ::= ',' | 'CROSS' 'JOIN' | ( 'INNER' | ( 'LEFT' | 'RIGHT' | 'FULL' ) 'OUTER'? )? 'JOIN'
    private static JoinKind JoinOperator(ParserState p)
    {
        if (p.Match(TokenKind.Comma))
            return JoinKind.Comma;
        var kind = JoinKind.Inner;
        if (p.MatchWord("CROSS"))
            kind = JoinKind.Cross;
        else if (p.MatchWord("INNER"))
            kind = JoinKind.Inner;
        else if (p.AtWord("LEFT") || p.AtWord("RIGHT") || p.AtWord("FULL"))
        {
            kind = p.MatchWord("LEFT") ? JoinKind.Left : p.MatchWord("RIGHT") ? JoinKind.Right : p.MatchWord("FULL") ? JoinKind.Full : JoinKind.Inner;
            p.MatchWord("OUTER");
        }
        if (!p.MatchWord("JOIN"))
            p.Unexpected("'JOIN'");
        return kind;
    }

    // JoinConstraint ::= 'ON' Expression | 'USING' ColumnList
    private static (Expression? On, IReadOnlyList<Identifier>? Using) JoinConstraint(ParserState p)
    {
        if (p.Match(TokenKind.On))
            return (Expression(p), null);
        p.Expect(TokenKind.Using, TokenDisplay.Alternatives(TokenKind.On, TokenKind.Using));
        return (null, ColumnList(p));
    }

    // SingleSource ::= DerivedTable | TableReference
    private static FromItem SingleSource(ParserState p) =>
        p.At(TokenKind.LeftParen) ? DerivedTable(p) : TableReference(p);

    // DerivedTable ::= Subquery ( 'AS'? Alias )?
    private static DerivedTable DerivedTable(ParserState p)
    {
        int start = p.Start;
        var query = Subquery(p);
        var alias = p.Match(TokenKind.As) || p.AtImplicitAlias() ? Alias(p) : null;
        return new DerivedTable(query, alias, p.SpanFrom(start));
    }

    // Subquery ::= '(' SelectStatement ')'
    private static SelectStatement Subquery(ParserState p)
    {
        if (!EnterParenthesis(p))
            return MissingQuery;
        if (p.Peek() is not (TokenKind.Select or TokenKind.With))
        {
            p.Unexpected("a SELECT");
            return MissingQuery;
        }
        var query = SelectStatement(p);
        p.ExitNesting();
        p.Expect(TokenKind.RightParen);
        return query;
    }

    // TableReference ::= TableName ( 'AS'? Alias )?
    private static TableReference TableReference(ParserState p)
    {
        int start = p.Start;
        var name = TableName(p);
        var alias = p.Match(TokenKind.As) || p.AtImplicitAlias() ? Alias(p) : null;
        p.Refuse(UnsupportedSql.AfterTableReference(p));
        return new TableReference(name, alias, p.SpanFrom(start));
    }

    // WhereClause ::= 'WHERE' Expression
    private static Expression WhereClause(ParserState p)
    {
        p.Expect(TokenKind.Where);
        return Expression(p);
    }

    // GroupByClause ::= 'GROUP' 'BY' Expression ( ',' Expression )*
    private static IReadOnlyList<Expression> GroupByClause(ParserState p)
    {
        if (!p.MatchWord("GROUP"))
            p.Unexpected("'GROUP'");
        p.Expect(TokenKind.By);
        var keys = new List<Expression>();
        do
        {
            keys.Add(Expression(p));
        }
        while (p.Match(TokenKind.Comma));
        return keys;
    }

    // HavingClause ::= 'HAVING' Expression
    private static Expression HavingClause(ParserState p)
    {
        if (!p.MatchWord("HAVING"))
            p.Unexpected("'HAVING'");
        return Expression(p);
    }

    // OrderByClause ::= 'ORDER' 'BY' OrderByItem ( ',' OrderByItem )*
    private static IReadOnlyList<OrderByItem> OrderByClause(ParserState p)
    {
        p.Expect(TokenKind.Order);
        p.Expect(TokenKind.By);
        var items = new List<OrderByItem>();
        do
        {
            items.Add(OrderByItem(p));
        }
        while (p.Match(TokenKind.Comma));
        return items;
    }

    // OrderByItem ::= Expression ( 'ASC' | 'DESC' )?
    private static OrderByItem OrderByItem(ParserState p)
    {
        int start = p.Start;
        var expression = Expression(p);
        var direction = SortDirection.Ascending;
        if (p.Match(TokenKind.Desc))
            direction = SortDirection.Descending;
        else
            p.Match(TokenKind.Asc);
        return new OrderByItem(expression, direction, p.SpanFrom(start));
    }

    // LimitClause ::= 'LIMIT' Expression ( 'OFFSET' Expression )?
    private static (Expression? Limit, Expression? Offset) LimitClause(ParserState p)
    {
        p.Expect(TokenKind.Limit);
        var limit = Expression(p);
        p.Refuse(UnsupportedSql.InLimit(p));
        var offset = p.Match(TokenKind.Offset) ? Expression(p) : null;
        return (limit, offset);
    }

    // ExplainStatement ::= 'EXPLAIN' 'ANALYZE'? ExplainableStatement
    private static ExplainStatement ExplainStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Explain);
        bool analyze = p.Match(TokenKind.Analyze);
        var statement = ExplainableStatement(p);
        return new ExplainStatement(analyze, statement, p.SpanFrom(start));
    }

    // ExplainableStatement ::= SelectStatement | InsertStatement | UpdateStatement | DeleteStatement
    private static Statement ExplainableStatement(ParserState p)
    {
        switch (p.Peek())
        {
            case TokenKind.With when p.WithLeadsToInsert(): return InsertStatement(p);
            case TokenKind.Select or TokenKind.With: return SelectStatement(p);
            case TokenKind.Insert: return InsertStatement(p);
            case TokenKind.Update: return UpdateStatement(p);
            case TokenKind.Delete: return DeleteStatement(p);
            default:
                p.Unexpected(TokenDisplay.Alternatives(TokenKind.Select, TokenKind.Insert, TokenKind.Update, TokenKind.Delete));
                return MissingStatement;
        }
    }

    // BeginStatement ::= 'BEGIN' 'TRANSACTION'?
    private static BeginStatement BeginStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Begin);
        p.Match(TokenKind.Transaction);
        return new BeginStatement(p.SpanFrom(start));
    }

    // CommitStatement ::= ( 'COMMIT' | 'END' ) 'TRANSACTION'?
    private static CommitStatement CommitStatement(ParserState p)
    {
        int start = p.Start;
        if (!p.Match(TokenKind.End))
            p.Expect(TokenKind.Commit);
        p.Match(TokenKind.Transaction);
        return new CommitStatement(p.SpanFrom(start));
    }

    // RollbackStatement ::= 'ROLLBACK' 'TRANSACTION'?
    private static RollbackStatement RollbackStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Rollback);
        p.Match(TokenKind.Transaction);
        return new RollbackStatement(p.SpanFrom(start));
    }

    // CheckpointStatement ::= 'CHECKPOINT'
    private static CheckpointStatement CheckpointStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Checkpoint);
        return new CheckpointStatement(p.SpanFrom(start));
    }

    // AnalyzeStatement ::= 'ANALYZE' TableName?
    private static AnalyzeStatement AnalyzeStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Analyze);
        var table = p.AtName() ? TableName(p) : null;
        return new AnalyzeStatement(table, p.SpanFrom(start));
    }

    // VacuumStatement ::= 'VACUUM'
    private static VacuumStatement VacuumStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Vacuum);
        return new VacuumStatement(p.SpanFrom(start));
    }

    // CheckStatement ::= 'CHECK'
    private static CheckStatement CheckStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Check);
        return new CheckStatement(p.SpanFrom(start));
    }

    // BackupStatement ::= 'BACKUP' 'TO' StringLiteral
    private static BackupStatement BackupStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Backup);
        p.Expect(TokenKind.To);
        var path = p.Expect(TokenKind.StringLiteral);
        return new BackupStatement(StringValue(path), ParserState.SpanOf(path), p.SpanFrom(start));
    }

    // RestoreStatement ::= 'RESTORE' 'FROM' StringLiteral
    private static RestoreStatement RestoreStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Restore);
        p.Expect(TokenKind.From);
        var path = p.Expect(TokenKind.StringLiteral);
        return new RestoreStatement(StringValue(path), ParserState.SpanOf(path), p.SpanFrom(start));
    }

    // SetStatement ::= 'SET' ( 'SESSION' | 'LOCAL' )? SettingName ( '=' | 'TO' ) SettingValue
    private static SetStatement SetStatement(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.Set);
        bool local = false;
        // SESSION and LOCAL are the scope only when a setting name follows them: SET local = 1 names a setting.
        if ((p.AtWord("SESSION") || p.AtWord("LOCAL")) && p.Peek(1) is not (TokenKind.Equal or TokenKind.To))
            local = p.Advance().Span.EqualsValueIgnoreCase("LOCAL");
        var name = SettingName(p);
        if (!p.Match(TokenKind.Equal))
            p.Expect(TokenKind.To, TokenDisplay.Alternatives(TokenKind.Equal, TokenKind.To));
        var value = SettingValue(p);
        return new SetStatement(name, local, value, p.SpanFrom(start));
    }

    // SettingValue ::= SignedLiteral | Parameter | Name | 'DEFAULT'
    private static Expression? SettingValue(ParserState p)
    {
        if (p.Match(TokenKind.Default))
            return null;
        if (p.Peek() is TokenKind.NamedParameter or TokenKind.PositionalParameter)
            return Parameter(p);
        if (p.AtName())
        {
            var word = Name(p, "a value");
            return new LiteralExpression(LiteralKind.String, word.Text, word.Span);
        }
        return SignedLiteral(p, "a value");
    }

    // SettingName ::= Name ( '.' Name )?
    private static Identifier SettingName(ParserState p)
    {
        var first = Name(p, "a setting name");
        if (!p.Match(TokenKind.Dot))
            return first;
        var second = Name(p, "a setting name");
        return new Identifier(first.Text + "." + second.Text, false, Diagnostics.SourceSpan.FromBounds(first.Span.Start, second.Span.End));
    }

    // ResetStatement ::= 'RESET' ( 'ALL' | SettingName )
    private static ResetStatement ResetStatement(ParserState p)
    {
        int start = p.Start;
        p.Advance();
        var name = p.MatchWord("ALL") ? null : SettingName(p);
        return new ResetStatement(name, p.SpanFrom(start));
    }

    // ShowStatement ::= 'SHOW' ( 'ALL' | SettingName )
    private static ShowStatement ShowStatement(ParserState p)
    {
        int start = p.Start;
        p.Advance();
        var name = p.MatchWord("ALL") ? null : SettingName(p);
        return new ShowStatement(name, p.SpanFrom(start));
    }

    // TableName ::= Name
    private static Identifier TableName(ParserState p) => Name(p, "a table name");

    // ColumnName ::= Name
    private static Identifier ColumnName(ParserState p) => Name(p, "a column name");

    // IndexName ::= Name
    private static Identifier IndexName(ParserState p) => Name(p, "an index name");

    // FunctionName ::= Name
    private static Identifier FunctionName(ParserState p) => Name(p, "a function name");

    // OptionName ::= Name
    private static Identifier OptionName(ParserState p) => Name(p, "an option name");

    // Alias ::= Name
    private static Identifier Alias(ParserState p) => Name(p, "an alias");

    // Name ::= Identifier | QuotedIdentifier | NonReservedKeyword
    private static Identifier Name(ParserState p, string expected)
    {
        if (!p.AtName())
        {
            p.Unexpected(expected, nameExpected: true);
            return MissingName;
        }
        var token = p.Advance();
        string text = token.ToStringValue();
        return token.Kind == TokenKind.QuotedIdentifier
            ? new Identifier(text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal), true, ParserState.SpanOf(token))
            : new Identifier(text, false, ParserState.SpanOf(token));
    }

    /// <summary>The text of a StringLiteral token without its quotes, <c>''</c> read as <c>'</c>; empty for a missing token.</summary>
    private static string StringValue(Token<TokenKind> token) =>
        token.HasValue ? token.ToStringValue()[1..^1].Replace("''", "'", StringComparison.Ordinal) : string.Empty;
}
