namespace VecStore.Repl.Shell;

/// <summary>Lines of input for the shell: typed at a prompt, or read from a script.</summary>
internal interface ILineSource
{
    /// <summary>The next line without its line break, or null at the end of the input.</summary>
    /// <param name="continuation">True when a statement is under way, so a prompt should say "more".</param>
    /// <exception cref="OperationCanceledException">The user pressed Ctrl+C: drop the statement being typed.</exception>
    string? ReadLine(bool continuation);
}
