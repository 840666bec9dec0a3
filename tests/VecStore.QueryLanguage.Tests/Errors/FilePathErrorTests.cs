using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Errors.ErrorAssert;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>Paths in BACKUP TO and RESTORE FROM are plain file paths: each mistake has its own code and message, pointing at the string literal; nothing else happens.</summary>
public sealed class FilePathErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly VecStoreConnection _connection;

    public FilePathErrorTests()
    {
        _connection = new VecStoreConnection($"Data Source={_dir.File("db.vdb")}");
        _connection.Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Empty_path_is_refused_at_the_literal()
    {
        Fails(_connection, "BACKUP TO {''}", ErrorCode.InvalidPath, "the path is empty; give a file name");
        Fails(_connection, "RESTORE FROM {'   '}", ErrorCode.InvalidPath, "the path is only spaces; give a file name");
    }

    [Fact]
    public void Path_with_a_nul_character_is_refused_at_the_literal()
    {
        Fails(_connection, "BACKUP TO {'a\0b.vdbz'}", ErrorCode.InvalidPath, "the path contains a NUL character");
        Fails(_connection, "RESTORE FROM {'a\0b.vdbz'}", ErrorCode.InvalidPath, "the path contains a NUL character");
    }

    [Fact]
    public void Missing_folder_is_refused_and_names_the_folder()
    {
        string path = _dir.File("no-such-folder/x.vdbz");
        Fails(_connection, $"BACKUP TO {{'{path}'}}", ErrorCode.FileNotFound, $"'{path}': the folder '{_dir.File("no-such-folder")}' does not exist");
        Fails(_connection, $"RESTORE FROM {{'{path}'}}", ErrorCode.FileNotFound, $"'{path}': the folder '{_dir.File("no-such-folder")}' does not exist");
        Assert.False(Directory.Exists(_dir.File("no-such-folder")));
    }

    [Fact]
    public void Folder_instead_of_a_file_is_refused()
    {
        Fails(_connection, $"BACKUP TO {{'{_dir.Path}'}}", ErrorCode.InvalidPath, $"the path '{_dir.Path}' names a folder; give the name of a file to create");
        Fails(_connection, $"RESTORE FROM {{'{_dir.Path}'}}", ErrorCode.InvalidPath, $"the path '{_dir.Path}' names a folder, not a file");
        Fails(_connection, $"BACKUP TO {{'{_dir.Path}/'}}", ErrorCode.InvalidPath);
    }

    [Fact]
    public void Missing_archive_is_refused()
    {
        string path = _dir.File("missing.vdbz");
        Fails(_connection, $"RESTORE FROM {{'{path}'}}", ErrorCode.FileNotFound, $"'{path}': no such file");
    }

    [Fact]
    public void Existing_target_is_never_overwritten()
    {
        string path = _dir.File("taken.vdbz");
        File.WriteAllText(path, "mine");
        Fails(_connection, $"BACKUP TO {{'{path}'}}", ErrorCode.FileAlreadyExists,
            $"'{path}' already exists; BACKUP never overwrites a file: choose a new name or delete it first");
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void Path_through_a_regular_file_is_refused()
    {
        string file = _dir.File("plain.txt");
        File.WriteAllText(file, "x");
        Fails(_connection, $"BACKUP TO {{'{file}/x.vdbz'}}", ErrorCode.InvalidPath, $"the path '{file}/x.vdbz' goes through '{file}', which is a file, not a folder");
        Fails(_connection, "RESTORE FROM {'/etc/hostname/x.vdbz'}", ErrorCode.InvalidPath);
    }

    [Fact]
    public void Permission_denied_is_its_own_error()
    {
        // Root may write almost anywhere; sysfs refuses new files even to root.
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel"))
            return;
        var error = Fails(_connection, "BACKUP TO {'/sys/kernel/x.vdbz'}", ErrorCode.AccessDenied);
        Assert.StartsWith("permission denied for '/sys/kernel/x.vdbz' while writing the backup", error.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists("/sys/kernel/x.vdbz.vsbackup-tmp"));
        // The memory of process 1 is a file that exists but that opening for reading is refused.
        if (File.Exists("/proc/1/mem"))
            Fails(_connection, "RESTORE FROM {'/proc/1/mem'}", ErrorCode.AccessDenied);
    }

    [Fact]
    public void Uri_schemes_are_not_interpreted()
    {
        // A SQLite URI would name the file after "file:"; here "file:" is a folder name relative to the current folder.
        string target = _dir.File("uri.vdbz");
        Fails(_connection, $"BACKUP TO {{'file:{target}'}}", ErrorCode.FileNotFound);
        Fails(_connection, $"BACKUP TO {{'file:{target}?mode=memory'}}", ErrorCode.FileNotFound);
        Assert.False(File.Exists(target));
        Fails(_connection, "RESTORE FROM {':memory:'}", ErrorCode.FileNotFound, "':memory:': no such file");
    }

    [Fact]
    public void A_plain_relative_name_with_odd_characters_is_a_file()
    {
        string name = _dir.File("it's a \"backup\" #1.vdbz");
        using var command = _connection.CreateCommand();
        command.CommandText = $"BACKUP TO '{name.Replace("'", "''", StringComparison.Ordinal)}'";
        command.ExecuteNonQuery();
        Assert.True(File.Exists(name));
        Assert.False(File.Exists(name + ".vsbackup-tmp"));
    }
}
