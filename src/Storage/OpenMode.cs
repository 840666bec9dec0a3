namespace VecStore;

/// <summary>How a database is opened, as in Microsoft.Data.Sqlite's <c>Mode</c> keyword.</summary>
public enum OpenMode
{
    /// <summary>Open for reading and writing, creating the files when missing.</summary>
    ReadWriteCreate,

    /// <summary>Open for reading and writing; the database must exist.</summary>
    ReadWrite,

    /// <summary>Open for reading only; every statement that would change it fails.</summary>
    ReadOnly,

    /// <summary>An in-memory database: private for <c>:memory:</c>, else shared by name within the process.</summary>
    Memory,
}
