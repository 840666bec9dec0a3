namespace VecStore;

/// <summary>Every error VecStore reports to a user, printed as <c>VECSQL</c> plus four digits.</summary>
/// <remarks>
/// Ranges by stage: 0001-0099 tokenizing and parsing, 0100-0199 binding, 0200-0299 planning and
/// execution, 1000-1999 storage and I/O, 9000+ corruption (close the database). A code is never
/// reused for another meaning; <c>docs/errors.md</c> lists each with an example and a fix.
/// </remarks>
public enum ErrorCode
{
    // 0001-0099: tokenizing and parsing
    UnexpectedCharacter = 1,
    UnterminatedString = 2,
    UnterminatedComment = 3,
    InvalidNumber = 4,
    UnterminatedIdentifier = 5,
    SyntaxError = 10,
    UnexpectedEndOfInput = 11,
    StatementTooLong = 12,
    NestingTooDeep = 13,
    InvalidBlobLiteral = 14,
    EmptyIdentifier = 15,

    // 0100-0199: binding
    UnknownTable = 100,
    UnknownColumn = 101,
    TableAlreadyExists = 102,
    DuplicateColumn = 103,
    DimensionMismatch = 104,
    TypeMismatch = 105,
    NotNullViolation = 106,
    InvalidVectorValue = 107,
    MissingParameter = 108,
    InvalidDimensions = 109,
    ValueCountMismatch = 110,
    InvalidDistanceCall = 111,
    UnknownFunction = 112,
    MultiplePrimaryKeys = 113,
    AggregateMisuse = 114,
    InvalidLimit = 115,
    InvalidIdentifier = 117,
    UnsupportedOperation = 118,
    IndexAlreadyExists = 119,
    UnknownIndex = 120,
    InvalidIndexOption = 121,
    AmbiguousName = 122,
    ConflictTarget = 127,
    LimitExceeded = 130,
    UnknownSetting = 140,
    InvalidSettingValue = 141,

    // 0200-0299: planning and execution
    DuplicateKey = 200,
    ConstraintViolation = 201,
    NotYetSupported = 202,
    TransactionAlreadyActive = 203,
    NoActiveTransaction = 204,
    ReadOnlyDatabase = 205,
    CommandState = 206,
    RowChangedTwice = 208,
    RestoreTargetNotEmpty = 220,
    Cancelled = 230,
    TimedOut = 231,

    // 1000-1999: storage and I/O
    CannotOpen = 1000,
    Busy = 1001,
    IoError = 1002,
    UnsupportedFormatVersion = 1003,
    InvalidConnectionString = 1004,
    DatabaseClosed = 1005,
    StorageLimit = 1006,
    InvalidPath = 1020,
    FileNotFound = 1021,
    FileAlreadyExists = 1022,
    AccessDenied = 1023,

    // 9000+: corruption
    CorruptPage = 9000,
    CorruptFileHeader = 9001,
    CorruptMetadata = 9002,
    CorruptLog = 9003,
    CorruptArchive = 9020,
}
