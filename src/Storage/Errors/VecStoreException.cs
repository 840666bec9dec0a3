using System.Data.Common;
using System.Globalization;

namespace VecStore;

/// <summary>The one exception VecStore raises for bad input, failed constraints, I/O problems and corruption.</summary>
/// <remarks>
/// <see cref="Code"/> identifies the error (printed <c>VECSQL0012</c>, also in <see cref="SqlState"/>);
/// <see cref="Location"/> points into the statement text when the error came from it. The message's
/// first line reads <c>VECSQL0012 at line 1, column 39: expected ')' but found 'LIMIT'</c>, followed
/// by the source line and a caret. A failed statement leaves the database as it was before it.
/// </remarks>
public sealed partial class VecStoreException : DbException
{
    /// <summary>Creates an exception with a code, a message and, optionally, where in the text it lies.</summary>
    public VecStoreException(ErrorCode code, string message, SourceLocation? location = null, Exception? inner = null)
        : base(Format(code, message, location), inner)
    {
        Code = code;
        Reason = message;
        Location = location;
    }

    /// <summary>What went wrong, as a catalogued code.</summary>
    public ErrorCode Code { get; }

    /// <summary>The message without the code, position and excerpt.</summary>
    public string Reason { get; }

    /// <summary>Where in the statement text the error lies, when it came from text.</summary>
    public SourceLocation? Location { get; }

    /// <summary>Further errors found in the same text, after this one.</summary>
    public IReadOnlyList<VecStoreException> Others { get; init; } = [];

    /// <summary>1-based line of the error in the statement, or 0.</summary>
    public int Line => Location?.Line ?? 0;

    /// <summary>1-based column of the error in the statement, or 0.</summary>
    public int Column => Location?.Column ?? 0;

    /// <summary>The code as printed: <c>VECSQL</c> and four digits.</summary>
    public string CodeName => CodeText(Code);

    /// <inheritdoc />
    public override int ErrorCode => (int)Code;

    /// <inheritdoc />
    public override string SqlState => CodeName;

    /// <summary>The same error, pointing at <paramref name="location"/> (for errors raised while executing a statement of a longer text).</summary>
    public VecStoreException At(SourceLocation location)
        => Location is not null ? this : new VecStoreException(Code, Reason, location, this) { Others = Others };

    /// <summary>Formats a code as <c>VECSQL0012</c>.</summary>
    public static string CodeText(ErrorCode code) => "VECSQL" + ((int)code).ToString("D4", CultureInfo.InvariantCulture);

    private static string Format(ErrorCode code, string message, SourceLocation? location)
    {
        if (location is null)
            return CodeText(code) + ": " + message;
        return string.Create(CultureInfo.InvariantCulture,
            $"{CodeText(code)} at line {location.Line}, column {location.Column}: {message}\n{location.Excerpt()}");
    }
}
