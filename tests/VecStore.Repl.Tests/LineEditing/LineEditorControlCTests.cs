using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>Ctrl+C at the prompt: clears the line; at an empty prompt says how to leave, and a second one leaves.</summary>
public sealed class LineEditorControlCTests
{
    [Fact]
    public void Ctrl_C_on_a_line_abandons_it()
    {
        var editor = Editor("half a statement^C", out _);

        Assert.Throws<OperationCanceledException>(() => editor.ReadLine("> "));
    }

    [Fact]
    public void Ctrl_C_on_an_empty_continuation_line_drops_the_statement()
    {
        var editor = Editor("^C", out _);

        Assert.Throws<OperationCanceledException>(() => editor.ReadLine("> ", statementUnderWay: true));
    }

    [Fact]
    public void Two_Ctrl_C_at_an_empty_prompt_leave_after_a_hint()
    {
        var editor = Editor("^C^C", out var terminal);

        Assert.Null(editor.ReadLine("> "));
        Assert.Contains(LineEditor.LeaveHint, terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_between_two_Ctrl_C_starts_over()
    {
        var editor = Editor("^Ca{Backspace}^CSELECT 1;{Enter}", out _);

        Assert.Equal("SELECT 1;", editor.ReadLine("> "));
    }

    private static LineEditor Editor(string keys, out StringWriter terminal)
    {
        terminal = new StringWriter();
        return new LineEditor(new ScriptedKeys(keys), terminal, () => 80, new LineHistory(null));
    }
}
