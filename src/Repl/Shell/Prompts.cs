namespace VecStore.Repl.Shell;

/// <summary>The shell's two prompts, the same width so that continued statements line up.</summary>
internal static class Prompts
{
    /// <summary>Shown when a new statement or dot-command may begin.</summary>
    public const string First = "vecstore> ";

    /// <summary>Shown while a statement continues, until its <c>;</c>.</summary>
    public const string Continuation = "   ...> ";

    /// <summary>The prompt for the next line.</summary>
    public static string For(bool continuation) => continuation ? Continuation : First;
}
