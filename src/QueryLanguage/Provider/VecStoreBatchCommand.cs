using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace VecStore;

/// <summary>One command of a <see cref="VecStoreBatch"/>: its text and parameters.</summary>
public sealed class VecStoreBatchCommand : DbBatchCommand
{
    private CommandType _commandType = CommandType.Text;

    /// <summary>A batch command without text.</summary>
    public VecStoreBatchCommand()
    {
    }

    /// <summary>A batch command with text.</summary>
    public VecStoreBatchCommand(string commandText) => CommandText = commandText;

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText { get; set; } = "";

    /// <inheritdoc />
    public override CommandType CommandType
    {
        get => _commandType;
        set => _commandType = value is CommandType.Text or CommandType.StoredProcedure
            ? value
            : throw new VecStoreException(ErrorCode.UnsupportedOperation, $"command type {value} is not supported; VecStore runs text commands");
    }

    /// <inheritdoc />
    public override int RecordsAffected => Affected;

    /// <summary>The values for the command's parameters.</summary>
    public new VecStoreParameterCollection Parameters { get; } = new();

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => Parameters;

    /// <inheritdoc />
    public override bool CanCreateParameter => true;

    /// <inheritdoc />
    public override DbParameter CreateParameter() => new VecStoreParameter();

    internal int Affected { get; set; } = -1;
}
