namespace VecStore.QueryLanguage.Diagnostics;

/// <summary>One error found in a command text: what it is, where it is, and a message for people.</summary>
/// <param name="Code">The catalogued error, printed as <c>VECSQL</c> and four digits.</param>
/// <param name="Span">The offending text, or a zero-length span at the position (such as the end of the input).</param>
/// <param name="Message">What was expected and what was found, without code or position.</param>
public sealed record Diagnostic(ErrorCode Code, SourceSpan Span, string Message)
{
    /// <summary>The exception a user sees for this diagnostic, with line, column and a caret under the span.</summary>
    public VecStoreException ToException(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new VecStoreException(Code, Message, source.GetLocation(Span));
    }

    /// <inheritdoc />
    public override string ToString() => $"{VecStoreException.CodeText(Code)} at {Span}: {Message}";
}
