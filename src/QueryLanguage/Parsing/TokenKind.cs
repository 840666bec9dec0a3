using Superpower.Display;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>The kinds of token in VecSQL text, each with the display name error messages use.</summary>
/// <remarks>
/// <see cref="TokenAttribute.Example"/> is how a symbol or keyword is written, and messages quote it:
/// <c>expected ')' or ','</c>. <see cref="TokenAttribute.Description"/>, where set, is the phrase for
/// tokens that are not one fixed text: <c>expected an identifier</c>. <see cref="TokenAttribute.Category"/>
/// prefixes the text of a found token: <c>found number 10</c>. Whitespace and comments are not tokens.
/// Keyword members are named after their keyword; <see cref="Keywords"/> says which are reserved.
/// </remarks>
public enum TokenKind
{
    // Names and literals

    /// <summary>An unquoted name that is not a keyword: <c>docs</c>, <c>_id2</c>.</summary>
    [Token(Category = "identifier", Description = "an identifier")]
    Identifier,

    /// <summary>A name in double quotes, any text, <c>""</c> for a quote: <c>"Order Lines"</c>.</summary>
    [Token(Category = "identifier", Description = "a quoted identifier")]
    QuotedIdentifier,

    /// <summary>Digits without a fraction or exponent: <c>42</c>.</summary>
    [Token(Category = "number", Description = "an integer")]
    IntegerLiteral,

    /// <summary>A number with a fraction or an exponent: <c>0.5</c>, <c>.5</c>, <c>3e-3</c>.</summary>
    [Token(Category = "number", Description = "a real number")]
    RealLiteral,

    /// <summary>Text in single quotes, <c>''</c> for a quote: <c>'it''s'</c>.</summary>
    [Token(Category = "string", Description = "a string")]
    StringLiteral,

    /// <summary>Bytes as hexadecimal digits: <c>x'00ff'</c>.</summary>
    [Token(Category = "blob", Description = "a blob")]
    BlobLiteral,

    /// <summary>A parameter by name: <c>@q</c> or <c>$q</c>.</summary>
    [Token(Category = "parameter", Description = "a parameter")]
    NamedParameter,

    /// <summary>A parameter by position: <c>?</c>.</summary>
    [Token(Category = "parameter", Example = "?")]
    PositionalParameter,

    // Punctuation

    /// <summary>An opening parenthesis.</summary>
    [Token(Example = "(")]
    LeftParen,

    /// <summary>A closing parenthesis.</summary>
    [Token(Example = ")")]
    RightParen,

    /// <summary>Opens a vector literal.</summary>
    [Token(Example = "[")]
    LeftBracket,

    /// <summary>Closes a vector literal.</summary>
    [Token(Example = "]")]
    RightBracket,

    /// <summary>Separates list items.</summary>
    [Token(Example = ",")]
    Comma,

    /// <summary>Ends a statement.</summary>
    [Token(Example = ";")]
    Semicolon,

    /// <summary>Separates a qualifier from a name: <c>t.c</c>, <c>t.*</c>.</summary>
    [Token(Example = ".")]
    Dot,

    // Operators

    /// <summary>Addition, or a sign.</summary>
    [Token(Category = "operator", Example = "+")]
    Plus,

    /// <summary>Subtraction, or a sign.</summary>
    [Token(Category = "operator", Example = "-")]
    Minus,

    /// <summary>Multiplication, or all columns.</summary>
    [Token(Category = "operator", Example = "*")]
    Star,

    /// <summary>Division.</summary>
    [Token(Category = "operator", Example = "/")]
    Slash,

    /// <summary>Remainder.</summary>
    [Token(Category = "operator", Example = "%")]
    Percent,

    /// <summary>Text concatenation.</summary>
    [Token(Category = "operator", Example = "||")]
    Concat,

    /// <summary>Equality; <c>==</c> is the same token.</summary>
    [Token(Category = "operator", Example = "=")]
    Equal,

    /// <summary>Inequality; <c>!=</c> is the same token.</summary>
    [Token(Category = "operator", Example = "<>")]
    NotEqual,

    /// <summary>Less than.</summary>
    [Token(Category = "operator", Example = "<")]
    Less,

    /// <summary>Less than or equal.</summary>
    [Token(Category = "operator", Example = "<=")]
    LessOrEqual,

    /// <summary>Greater than.</summary>
    [Token(Category = "operator", Example = ">")]
    Greater,

    /// <summary>Greater than or equal.</summary>
    [Token(Category = "operator", Example = ">=")]
    GreaterOrEqual,

    /// <summary>pgvector's L2 distance operator.</summary>
    [Token(Category = "operator", Example = "<->")]
    L2Distance,

    /// <summary>pgvector's cosine distance operator.</summary>
    [Token(Category = "operator", Example = "<=>")]
    CosineDistance,

    /// <summary>pgvector's negative inner product operator.</summary>
    [Token(Category = "operator", Example = "<#>")]
    NegativeInnerProduct,

    /// <summary>pgvector's L1 distance operator.</summary>
    [Token(Category = "operator", Example = "<+>")]
    L1Distance,

    /// <summary>pgvector's Hamming distance operator (bit vectors).</summary>
    [Token(Category = "operator", Example = "<~>")]
    HammingDistance,

    /// <summary>pgvector's Jaccard distance operator (bit vectors).</summary>
    [Token(Category = "operator", Example = "<%>")]
    JaccardDistance,

    // Reserved keywords: never names unless quoted

    /// <summary>The reserved keyword <c>AND</c>.</summary>
    [Token(Category = "keyword", Example = "AND")]
    And,

    /// <summary>The reserved keyword <c>AS</c>.</summary>
    [Token(Category = "keyword", Example = "AS")]
    As,

    /// <summary>The reserved keyword <c>BETWEEN</c>.</summary>
    [Token(Category = "keyword", Example = "BETWEEN")]
    Between,

    /// <summary>The reserved keyword <c>BY</c>.</summary>
    [Token(Category = "keyword", Example = "BY")]
    By,

    /// <summary>The reserved keyword <c>CREATE</c>.</summary>
    [Token(Category = "keyword", Example = "CREATE")]
    Create,

    /// <summary>The reserved keyword <c>DEFAULT</c>.</summary>
    [Token(Category = "keyword", Example = "DEFAULT")]
    Default,

    /// <summary>The reserved keyword <c>DELETE</c>.</summary>
    [Token(Category = "keyword", Example = "DELETE")]
    Delete,

    /// <summary>The reserved keyword <c>DROP</c>.</summary>
    [Token(Category = "keyword", Example = "DROP")]
    Drop,

    /// <summary>The reserved keyword <c>ESCAPE</c>.</summary>
    [Token(Category = "keyword", Example = "ESCAPE")]
    Escape,

    /// <summary>The reserved keyword <c>EXISTS</c>.</summary>
    [Token(Category = "keyword", Example = "EXISTS")]
    Exists,

    /// <summary>The reserved keyword <c>EXPLAIN</c>.</summary>
    [Token(Category = "keyword", Example = "EXPLAIN")]
    Explain,

    /// <summary>The reserved keyword <c>FALSE</c>.</summary>
    [Token(Category = "keyword", Example = "FALSE")]
    False,

    /// <summary>The reserved keyword <c>FROM</c>.</summary>
    [Token(Category = "keyword", Example = "FROM")]
    From,

    /// <summary>The reserved keyword <c>IF</c>.</summary>
    [Token(Category = "keyword", Example = "IF")]
    If,

    /// <summary>The reserved keyword <c>IN</c>.</summary>
    [Token(Category = "keyword", Example = "IN")]
    In,

    /// <summary>The reserved keyword <c>INSERT</c>.</summary>
    [Token(Category = "keyword", Example = "INSERT")]
    Insert,

    /// <summary>The reserved keyword <c>INTO</c>.</summary>
    [Token(Category = "keyword", Example = "INTO")]
    Into,

    /// <summary>The reserved keyword <c>IS</c>.</summary>
    [Token(Category = "keyword", Example = "IS")]
    Is,

    /// <summary>The reserved keyword <c>LIKE</c>.</summary>
    [Token(Category = "keyword", Example = "LIKE")]
    Like,

    /// <summary>The reserved keyword <c>LIMIT</c>.</summary>
    [Token(Category = "keyword", Example = "LIMIT")]
    Limit,

    /// <summary>The reserved keyword <c>NOT</c>.</summary>
    [Token(Category = "keyword", Example = "NOT")]
    Not,

    /// <summary>The reserved keyword <c>NULL</c>.</summary>
    [Token(Category = "keyword", Example = "NULL")]
    Null,

    /// <summary>The reserved keyword <c>OFFSET</c>.</summary>
    [Token(Category = "keyword", Example = "OFFSET")]
    Offset,

    /// <summary>The reserved keyword <c>ON</c>.</summary>
    [Token(Category = "keyword", Example = "ON")]
    On,

    /// <summary>The reserved keyword <c>OR</c>.</summary>
    [Token(Category = "keyword", Example = "OR")]
    Or,

    /// <summary>The reserved keyword <c>ORDER</c>.</summary>
    [Token(Category = "keyword", Example = "ORDER")]
    Order,

    /// <summary>The reserved keyword <c>PRIMARY</c>.</summary>
    [Token(Category = "keyword", Example = "PRIMARY")]
    Primary,

    /// <summary>The reserved keyword <c>SELECT</c>.</summary>
    [Token(Category = "keyword", Example = "SELECT")]
    Select,

    /// <summary>The reserved keyword <c>SET</c>.</summary>
    [Token(Category = "keyword", Example = "SET")]
    Set,

    /// <summary>The reserved keyword <c>TABLE</c>.</summary>
    [Token(Category = "keyword", Example = "TABLE")]
    Table,

    /// <summary>The reserved keyword <c>TRUE</c>.</summary>
    [Token(Category = "keyword", Example = "TRUE")]
    True,

    /// <summary>The reserved keyword <c>UPDATE</c>.</summary>
    [Token(Category = "keyword", Example = "UPDATE")]
    Update,

    /// <summary>The reserved keyword <c>USING</c>.</summary>
    [Token(Category = "keyword", Example = "USING")]
    Using,

    /// <summary>The reserved keyword <c>VALUES</c>.</summary>
    [Token(Category = "keyword", Example = "VALUES")]
    Values,

    /// <summary>The reserved keyword <c>WHERE</c>.</summary>
    [Token(Category = "keyword", Example = "WHERE")]
    Where,

    /// <summary>The reserved keyword <c>WITH</c>.</summary>
    [Token(Category = "keyword", Example = "WITH")]
    With,

    // Non-reserved keywords: names wherever the grammar expects a name

    /// <summary>The non-reserved keyword <c>ANALYZE</c>.</summary>
    [Token(Category = "keyword", Example = "ANALYZE")]
    Analyze,

    /// <summary>The non-reserved keyword <c>ASC</c>.</summary>
    [Token(Category = "keyword", Example = "ASC")]
    Asc,

    /// <summary>The non-reserved keyword <c>BACKUP</c>.</summary>
    [Token(Category = "keyword", Example = "BACKUP")]
    Backup,

    /// <summary>The non-reserved keyword <c>BEGIN</c>.</summary>
    [Token(Category = "keyword", Example = "BEGIN")]
    Begin,

    /// <summary>The non-reserved keyword <c>BLOB</c>.</summary>
    [Token(Category = "keyword", Example = "BLOB")]
    Blob,

    /// <summary>The non-reserved keyword <c>BOOLEAN</c>.</summary>
    [Token(Category = "keyword", Example = "BOOLEAN")]
    Boolean,

    /// <summary>The non-reserved keyword <c>CHECK</c>.</summary>
    [Token(Category = "keyword", Example = "CHECK")]
    Check,

    /// <summary>The non-reserved keyword <c>CHECKPOINT</c>.</summary>
    [Token(Category = "keyword", Example = "CHECKPOINT")]
    Checkpoint,

    /// <summary>The non-reserved keyword <c>COMMIT</c>.</summary>
    [Token(Category = "keyword", Example = "COMMIT")]
    Commit,

    /// <summary>The non-reserved keyword <c>DESC</c>.</summary>
    [Token(Category = "keyword", Example = "DESC")]
    Desc,

    /// <summary>The non-reserved keyword <c>END</c>.</summary>
    [Token(Category = "keyword", Example = "END")]
    End,

    /// <summary>The non-reserved keyword <c>FLAT</c>.</summary>
    [Token(Category = "keyword", Example = "FLAT")]
    Flat,

    /// <summary>The non-reserved keyword <c>HALF</c>.</summary>
    [Token(Category = "keyword", Example = "HALF")]
    Half,

    /// <summary>The non-reserved keyword <c>HNSW</c>.</summary>
    [Token(Category = "keyword", Example = "HNSW")]
    Hnsw,

    /// <summary>The non-reserved keyword <c>INDEX</c>.</summary>
    [Token(Category = "keyword", Example = "INDEX")]
    Index,

    /// <summary>The non-reserved keyword <c>INTEGER</c>.</summary>
    [Token(Category = "keyword", Example = "INTEGER")]
    Integer,

    /// <summary>The non-reserved keyword <c>IVF</c>.</summary>
    [Token(Category = "keyword", Example = "IVF")]
    Ivf,

    /// <summary>The non-reserved keyword <c>IVFPQ</c>.</summary>
    [Token(Category = "keyword", Example = "IVFPQ")]
    IvfPq,

    /// <summary>The non-reserved keyword <c>KEY</c>.</summary>
    [Token(Category = "keyword", Example = "KEY")]
    Key,

    /// <summary>The non-reserved keyword <c>METRIC</c>.</summary>
    [Token(Category = "keyword", Example = "METRIC")]
    Metric,

    /// <summary>The non-reserved keyword <c>REAL</c>.</summary>
    [Token(Category = "keyword", Example = "REAL")]
    Real,

    /// <summary>The non-reserved keyword <c>RESTORE</c>.</summary>
    [Token(Category = "keyword", Example = "RESTORE")]
    Restore,

    /// <summary>The non-reserved keyword <c>ROLLBACK</c>.</summary>
    [Token(Category = "keyword", Example = "ROLLBACK")]
    Rollback,

    /// <summary>The non-reserved keyword <c>TEXT</c>.</summary>
    [Token(Category = "keyword", Example = "TEXT")]
    Text,

    /// <summary>The non-reserved keyword <c>TO</c>.</summary>
    [Token(Category = "keyword", Example = "TO")]
    To,

    /// <summary>The non-reserved keyword <c>TRANSACTION</c>.</summary>
    [Token(Category = "keyword", Example = "TRANSACTION")]
    Transaction,

    /// <summary>The non-reserved keyword <c>VACUUM</c>.</summary>
    [Token(Category = "keyword", Example = "VACUUM")]
    Vacuum,

    /// <summary>The non-reserved keyword <c>VECTOR</c>.</summary>
    [Token(Category = "keyword", Example = "VECTOR")]
    Vector,

    /// <summary>The non-reserved keyword <c>BIT</c>.</summary>
    [Token(Category = "keyword", Example = "BIT")]
    Bit,

    /// <summary>The non-reserved keyword <c>ALTER</c>.</summary>
    [Token(Category = "keyword", Example = "ALTER")]
    Alter,

    /// <summary>The non-reserved keyword <c>ADD</c>.</summary>
    [Token(Category = "keyword", Example = "ADD")]
    Add,

    /// <summary>The non-reserved keyword <c>COLUMN</c>.</summary>
    [Token(Category = "keyword", Example = "COLUMN")]
    Column,

    /// <summary>The non-reserved keyword <c>RENAME</c>.</summary>
    [Token(Category = "keyword", Example = "RENAME")]
    Rename,
}
