using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>What one ALTER TABLE changes (grammar rule AlterTableAction).</summary>
/// <param name="Span">The text of the action.</param>
public abstract record AlterTableAction(SourceSpan Span) : SyntaxNode(Span);

/// <summary>ADD [COLUMN] [IF NOT EXISTS] column (grammar rule AddColumnAction).</summary>
/// <param name="IfNotExists">True when written with IF NOT EXISTS.</param>
/// <param name="Column">The new column, as CREATE TABLE would declare it.</param>
/// <param name="Span">The text of the action.</param>
public sealed record AddColumnAction(bool IfNotExists, ColumnDefinition Column, SourceSpan Span) : AlterTableAction(Span);

/// <summary>DROP [COLUMN] [IF EXISTS] column (grammar rule DropColumnAction).</summary>
/// <param name="IfExists">True when written with IF EXISTS.</param>
/// <param name="Column">The column to drop.</param>
/// <param name="Span">The text of the action.</param>
public sealed record DropColumnAction(bool IfExists, Identifier Column, SourceSpan Span) : AlterTableAction(Span);

/// <summary>RENAME TO table (grammar rule RenameAction).</summary>
/// <param name="NewName">The table's new name.</param>
/// <param name="Span">The text of the action.</param>
public sealed record RenameTableAction(Identifier NewName, SourceSpan Span) : AlterTableAction(Span);

/// <summary>RENAME [COLUMN] column TO column (grammar rule RenameAction).</summary>
/// <param name="Column">The column to rename.</param>
/// <param name="NewName">Its new name.</param>
/// <param name="Span">The text of the action.</param>
public sealed record RenameColumnAction(Identifier Column, Identifier NewName, SourceSpan Span) : AlterTableAction(Span);
