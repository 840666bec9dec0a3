namespace VecStore.Storage.Checking;

/// <summary>One line of a CHECK report: the state of one file, or one problem found in it.</summary>
/// <param name="File">The file's path (<c>:memory:</c> names for an in-memory database).</param>
/// <param name="Kind">What the file is: <c>sqlite</c>, <c>vector log</c>, <c>vector file</c> or <c>vector index</c>.</param>
/// <param name="Item">What inside the file the line is about: <c>file</c>, <c>page 12</c>, <c>table docs</c>, ...</param>
/// <param name="Status"><see cref="Ok"/> or <see cref="Damaged"/>.</param>
/// <param name="Detail">What was checked, or what is wrong.</param>
public sealed record CheckFinding(string File, string Kind, string Item, string Status, string Detail)
{
    public const string Ok = "ok";
    public const string Damaged = "damaged";

    /// <summary>True when the line reports a problem.</summary>
    public bool IsDamaged => Status != Ok;
}
