using System.Globalization;
using Superpower.Model;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Parsing;

internal static partial class Parser
{
    private static readonly LiteralExpression MissingExpression = new(LiteralKind.Null, null, default);

    // Expression ::= OrExpression
    private static Expression Expression(ParserState p) => OrExpression(p);

    // OrExpression ::= AndExpression ( 'OR' AndExpression )*
    private static Expression OrExpression(ParserState p)
    {
        var left = AndExpression(p);
        while (p.At(TokenKind.Or))
        {
            var op = p.Advance();
            var right = AndExpression(p);
            left = Binary(p, left, BinaryOperator.Or, op, right);
        }
        return left;
    }

    // AndExpression ::= NotExpression ( 'AND' NotExpression )*
    private static Expression AndExpression(ParserState p)
    {
        var left = NotExpression(p);
        while (p.At(TokenKind.And))
        {
            var op = p.Advance();
            var right = NotExpression(p);
            left = Binary(p, left, BinaryOperator.And, op, right);
        }
        return left;
    }

    // NotExpression ::= 'NOT' NotExpression | ComparisonExpression
    private static Expression NotExpression(ParserState p)
    {
        // A run of NOTs is collected in a loop rather than by recursion, so its length cannot
        // exhaust the stack; the tree it builds is capped by MaxExpressionDepth instead.
        List<Token<TokenKind>>? nots = null;
        while (p.At(TokenKind.Not))
            (nots ??= []).Add(p.Advance());
        var operand = ComparisonExpression(p);
        for (int i = (nots?.Count ?? 0) - 1; i >= 0; i--)
        {
            var not = ParserState.SpanOf(nots![i]);
            operand = Limited(p, new UnaryExpression(UnaryOperator.Not, operand, not.Cover(operand.Span)), not);
        }
        return operand;
    }

    // ComparisonExpression ::= DistanceExpression ComparisonSuffix*
    private static Expression ComparisonExpression(ParserState p)
    {
        var left = DistanceExpression(p);
        while (ComparisonOperator(p.Peek()) is not null
               || p.Peek() is TokenKind.Is or TokenKind.Not or TokenKind.Between or TokenKind.In or TokenKind.Like)
        {
            left = ComparisonSuffix(p, left);
        }
        return left;
    }

    // ComparisonSuffix ::= ComparisonOperator DistanceExpression
    //                    | 'IS' 'NOT'? 'NULL'
    //                    | 'NOT'? 'BETWEEN' DistanceExpression 'AND' DistanceExpression
    //                    | 'NOT'? 'IN' '(' Expression ( ',' Expression )* ')'
    //                    | 'NOT'? 'LIKE' DistanceExpression ( 'ESCAPE' DistanceExpression )?
    private static Expression ComparisonSuffix(ParserState p, Expression operand)
    {
        int start = operand.Span.Start;
        var at = ParserState.SpanOf(p.Current);
        if (ComparisonOperator(p.Peek()) is { } comparison)
        {
            var op = p.Advance();
            var right = DistanceExpression(p);
            return Binary(p, operand, comparison, op, right);
        }
        if (p.Match(TokenKind.Is))
        {
            bool isNot = p.Match(TokenKind.Not);
            p.Expect(TokenKind.Null, isNot ? null : TokenDisplay.Alternatives(TokenKind.Not, TokenKind.Null));
            return Limited(p, new IsNullExpression(operand, isNot, p.SpanFrom(start)), at);
        }

        bool negated = p.Match(TokenKind.Not);
        if (p.Match(TokenKind.Between))
        {
            var lower = DistanceExpression(p);
            p.Expect(TokenKind.And);
            var upper = DistanceExpression(p);
            return Limited(p, new BetweenExpression(operand, negated, lower, upper, p.SpanFrom(start)), at);
        }
        if (p.Match(TokenKind.In))
        {
            if (!EnterParenthesis(p))
                return MissingExpression;
            var values = new List<Expression>();
            do
            {
                values.Add(Expression(p));
            }
            while (p.Match(TokenKind.Comma));
            p.ExitNesting();
            p.Expect(TokenKind.RightParen, CloseOrComma);
            return Limited(p, new InExpression(operand, negated, values, p.SpanFrom(start)), at);
        }
        if (p.Match(TokenKind.Like))
        {
            var pattern = DistanceExpression(p);
            var escape = p.Match(TokenKind.Escape) ? DistanceExpression(p) : null;
            return Limited(p, new LikeExpression(operand, negated, pattern, escape, p.SpanFrom(start)), at);
        }
        p.Unexpected(TokenDisplay.Alternatives(TokenKind.Between, TokenKind.In, TokenKind.Like));
        return MissingExpression;
    }

    // ComparisonOperator ::= '=' | '==' | '<>' | '!=' | '<' | '<=' | '>' | '>='
    private static BinaryOperator? ComparisonOperator(TokenKind? kind) => kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    // DistanceExpression ::= AdditiveExpression ( DistanceOperator AdditiveExpression )*
    private static Expression DistanceExpression(ParserState p)
    {
        var left = AdditiveExpression(p);
        while (DistanceOperator(p.Peek()) is { } distance)
        {
            var op = p.Advance();
            var right = AdditiveExpression(p);
            left = Binary(p, left, distance, op, right);
        }
        return left;
    }

    // DistanceOperator ::= '<->' | '<=>' | '<#>' | '<+>' | '<~>' | '<%>'
    private static BinaryOperator? DistanceOperator(TokenKind? kind) => kind switch
    {
        TokenKind.L2Distance => BinaryOperator.L2Distance,
        TokenKind.CosineDistance => BinaryOperator.CosineDistance,
        TokenKind.NegativeInnerProduct => BinaryOperator.NegativeInnerProduct,
        TokenKind.L1Distance => BinaryOperator.L1Distance,
        TokenKind.HammingDistance => BinaryOperator.HammingDistance,
        TokenKind.JaccardDistance => BinaryOperator.JaccardDistance,
        _ => null,
    };

    // AdditiveExpression ::= MultiplicativeExpression ( ( '+' | '-' | '||' ) MultiplicativeExpression )*
    private static Expression AdditiveExpression(ParserState p)
    {
        var left = MultiplicativeExpression(p);
        while (true)
        {
            BinaryOperator? additive = p.Peek() switch
            {
                TokenKind.Plus => BinaryOperator.Add,
                TokenKind.Minus => BinaryOperator.Subtract,
                TokenKind.Concat => BinaryOperator.Concat,
                _ => null,
            };
            if (additive is null)
                return left;
            var op = p.Advance();
            var right = MultiplicativeExpression(p);
            left = Binary(p, left, additive.Value, op, right);
        }
    }

    // MultiplicativeExpression ::= UnaryExpression ( ( '*' | '/' | '%' ) UnaryExpression )*
    private static Expression MultiplicativeExpression(ParserState p)
    {
        var left = UnaryExpression(p);
        while (true)
        {
            BinaryOperator? multiplicative = p.Peek() switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                TokenKind.Percent => BinaryOperator.Modulo,
                _ => null,
            };
            if (multiplicative is null)
                return left;
            var op = p.Advance();
            var right = UnaryExpression(p);
            left = Binary(p, left, multiplicative.Value, op, right);
        }
    }

    // UnaryExpression ::= SignedNumber | ( '-' | '+' ) UnaryExpression | PrimaryExpression
    private static Expression UnaryExpression(ParserState p)
    {
        // Signs are collected in a loop, like NOT; the last one folds into a number that follows it.
        List<Token<TokenKind>>? signs = null;
        while (p.Peek() is TokenKind.Minus or TokenKind.Plus && p.Peek(1) is not (TokenKind.IntegerLiteral or TokenKind.RealLiteral))
            (signs ??= []).Add(p.Advance());
        var operand = p.Peek() is TokenKind.Minus or TokenKind.Plus or TokenKind.IntegerLiteral or TokenKind.RealLiteral
            ? SignedNumber(p)
            : PrimaryExpression(p);
        for (int i = (signs?.Count ?? 0) - 1; i >= 0; i--)
        {
            var sign = signs![i];
            var op = sign.Kind == TokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Plus;
            var at = ParserState.SpanOf(sign);
            operand = Limited(p, new UnaryExpression(op, operand, at.Cover(operand.Span)), at);
        }
        return operand;
    }

    // PrimaryExpression ::= Literal | VectorLiteral | Parameter | FunctionCall | ColumnReference | '(' Expression ')'
    private static Expression PrimaryExpression(ParserState p)
    {
        switch (p.Peek())
        {
            case TokenKind.IntegerLiteral or TokenKind.RealLiteral or TokenKind.StringLiteral or TokenKind.BlobLiteral
                or TokenKind.True or TokenKind.False or TokenKind.Null:
                return Literal(p);
            case TokenKind.LeftBracket:
                return VectorLiteral(p);
            case TokenKind.NamedParameter or TokenKind.PositionalParameter:
                return Parameter(p);
            case TokenKind.LeftParen:
                int start = p.Start;
                if (!EnterParenthesis(p))
                    return MissingExpression;
                var inner = Expression(p);
                p.ExitNesting();
                p.Expect(TokenKind.RightParen);
                return inner with { Span = p.SpanFrom(start) };
            case { } kind when ParserState.IsName(kind):
                if (p.Refuse(UnsupportedSql.AtPrimary(p)))
                    return MissingExpression;
                return p.Peek(1) == TokenKind.LeftParen ? FunctionCall(p) : ColumnReference(p);
            default:
                p.Unexpected("an expression");
                return MissingExpression;
        }
    }

    // Literal ::= IntegerLiteral | RealLiteral | StringLiteral | BlobLiteral | 'TRUE' | 'FALSE' | 'NULL'
    private static LiteralExpression Literal(ParserState p)
    {
        switch (p.Peek())
        {
            case TokenKind.IntegerLiteral or TokenKind.RealLiteral:
                return SignedNumber(p);
            case TokenKind.StringLiteral:
                var text = p.Advance();
                return new LiteralExpression(LiteralKind.String, StringValue(text), ParserState.SpanOf(text));
            case TokenKind.BlobLiteral:
                var blob = p.Advance();
                var hex = blob.Span.AsReadOnlySpan();
                return new LiteralExpression(LiteralKind.Blob, Convert.FromHexString(hex[2..^1]), ParserState.SpanOf(blob));
            case TokenKind.True:
                return new LiteralExpression(LiteralKind.Boolean, true, ParserState.SpanOf(p.Advance()));
            case TokenKind.False:
                return new LiteralExpression(LiteralKind.Boolean, false, ParserState.SpanOf(p.Advance()));
            case TokenKind.Null:
                return new LiteralExpression(LiteralKind.Null, null, ParserState.SpanOf(p.Advance()));
            default:
                p.Unexpected("a literal value");
                return MissingExpression;
        }
    }

    // SignedLiteral ::= SignedNumber | StringLiteral | BlobLiteral | 'TRUE' | 'FALSE' | 'NULL'
    private static LiteralExpression SignedLiteral(ParserState p, string expected)
    {
        if (p.Peek() is TokenKind.Minus or TokenKind.Plus or TokenKind.IntegerLiteral or TokenKind.RealLiteral)
            return SignedNumber(p);
        if (p.Peek() is TokenKind.StringLiteral or TokenKind.BlobLiteral or TokenKind.True or TokenKind.False or TokenKind.Null)
            return Literal(p);
        p.Unexpected(expected);
        return MissingExpression;
    }

    // SignedNumber ::= ( '+' | '-' )? ( IntegerLiteral | RealLiteral )
    private static LiteralExpression SignedNumber(ParserState p)
    {
        int start = p.Start;
        bool negative = p.Match(TokenKind.Minus);
        if (!negative)
            p.Match(TokenKind.Plus);
        if (p.Peek() is not (TokenKind.IntegerLiteral or TokenKind.RealLiteral))
        {
            p.Unexpected("a number");
            return MissingExpression;
        }
        var number = p.Advance();
        var span = p.SpanFrom(start);
        var digits = number.Span.AsReadOnlySpan();
        if (number.Kind == TokenKind.IntegerLiteral)
        {
            // Parsed with its sign, so that -9223372036854775808 fits.
            string signed = negative ? "-" + digits.ToString() : digits.ToString();
            if (long.TryParse(signed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                return new LiteralExpression(LiteralKind.Integer, integer, span);
            if (p.Fail(span.Start))
                p.Diagnostics.ReportIntegerOutOfRange(span);
            return MissingExpression;
        }
        double real = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(real))
        {
            if (p.Fail(span.Start))
                p.Diagnostics.ReportRealOutOfRange(span);
            return MissingExpression;
        }
        return new LiteralExpression(LiteralKind.Real, negative ? -real : real, span);
    }

    // VectorLiteral ::= '[' ( VectorElement ( ',' VectorElement )* )? ']'
    private static VectorLiteralExpression VectorLiteral(ParserState p)
    {
        int start = p.Start;
        p.Expect(TokenKind.LeftBracket);
        var elements = new List<Expression>();
        if (!p.At(TokenKind.RightBracket))
        {
            do
            {
                elements.Add(VectorElement(p));
            }
            while (p.Match(TokenKind.Comma));
        }
        p.Expect(TokenKind.RightBracket, TokenDisplay.Alternatives(TokenKind.RightBracket, TokenKind.Comma));
        return new VectorLiteralExpression(elements, p.SpanFrom(start));
    }

    // VectorElement ::= SignedNumber | Parameter
    private static Expression VectorElement(ParserState p)
    {
        if (p.Peek() is TokenKind.Minus or TokenKind.Plus or TokenKind.IntegerLiteral or TokenKind.RealLiteral)
            return SignedNumber(p);
        if (p.Peek() is TokenKind.NamedParameter or TokenKind.PositionalParameter)
            return Parameter(p);
        p.Unexpected("a number or a parameter");
        return MissingExpression;
    }

    // Parameter ::= NamedParameter | '?'
    private static Expression Parameter(ParserState p)
    {
        if (p.At(TokenKind.PositionalParameter))
        {
            int position = p.PositionalCount;
            return new ParameterExpression(null, '?', position, ParserState.SpanOf(p.Advance()));
        }
        if (!p.At(TokenKind.NamedParameter))
        {
            p.Unexpected("a parameter");
            return MissingExpression;
        }
        var token = p.Advance();
        string text = token.ToStringValue();
        return new ParameterExpression(text[1..], text[0], null, ParserState.SpanOf(token));
    }

    // FunctionCall ::= 'count' '(' '*' ')'
    //                | FunctionName '(' ( Expression ( ',' Expression )* )? ')'
    private static Expression FunctionCall(ParserState p)
    {
        int start = p.Start;
        var name = FunctionName(p);
        if (!EnterParenthesis(p))
            return MissingExpression;
        var arguments = new List<Expression>();
        p.Refuse(UnsupportedSql.InArguments(p));
        bool isCountStar = name.Text.Equals("count", StringComparison.OrdinalIgnoreCase) && p.Match(TokenKind.Star);
        if (!isCountStar && !p.At(TokenKind.RightParen))
        {
            if (!StartsExpression(p.Peek()))
                p.Unexpected("an expression or ')'");
            do
            {
                arguments.Add(Expression(p));
            }
            while (p.Match(TokenKind.Comma));
        }
        p.ExitNesting();
        p.Expect(TokenKind.RightParen, arguments.Count > 0 ? CloseOrComma : null);
        return Limited(p, new FunctionCall(name, arguments, isCountStar, p.SpanFrom(start)), name.Span);
    }

    // ColumnReference ::= ( Name '.' )? Name
    private static ColumnReference ColumnReference(ParserState p)
    {
        int start = p.Start;
        var first = ColumnName(p);
        if (!p.Match(TokenKind.Dot))
            return new ColumnReference(null, first, p.SpanFrom(start));
        var second = ColumnName(p);
        return new ColumnReference(first, second, p.SpanFrom(start));
    }

    /// <summary>True for the tokens a DataType starts with.</summary>
    private static bool StartsDataType(TokenKind? kind) => kind is TokenKind.Integer or TokenKind.Real or TokenKind.Text
        or TokenKind.Blob or TokenKind.Boolean or TokenKind.Vector or TokenKind.Bit;

    /// <summary>True for the tokens an Expression can start with.</summary>
    private static bool StartsExpression(TokenKind? kind) => kind switch
    {
        TokenKind.IntegerLiteral or TokenKind.RealLiteral or TokenKind.StringLiteral or TokenKind.BlobLiteral
            or TokenKind.True or TokenKind.False or TokenKind.Null
            or TokenKind.LeftBracket or TokenKind.LeftParen
            or TokenKind.NamedParameter or TokenKind.PositionalParameter
            or TokenKind.Minus or TokenKind.Plus or TokenKind.Not => true,
        { } other => ParserState.IsName(other),
        null => false,
    };

    /// <summary>Consumes a '(' that opens a nested level: a parenthesised expression, an argument list or an IN list.</summary>
    /// <returns>False, with the statement failed, when there is no '(' or the nesting is too deep.</returns>
    private static bool EnterParenthesis(ParserState p)
    {
        if (!p.At(TokenKind.LeftParen))
        {
            p.Unexpected(TokenDisplay.Expected(TokenKind.LeftParen));
            return false;
        }
        if (!p.TryEnterNesting())
            return false;
        p.Advance();
        return true;
    }

    private static Expression Binary(ParserState p, Expression left, BinaryOperator op, Token<TokenKind> token, Expression right)
    {
        var at = ParserState.SpanOf(token);
        return Limited(p, new BinaryExpression(left, op, right, at, left.Span.Cover(right.Span)), at);
    }

    /// <summary>Fails the statement when <paramref name="node"/> makes the tree deeper than <see cref="SqlParser.MaxExpressionDepth"/>.</summary>
    private static T Limited<T>(ParserState p, T node, SourceSpan at) where T : Expression
    {
        if (node.Height > SqlParser.MaxExpressionDepth && p.Fail(at.Start))
            p.Diagnostics.ReportExpressionTooDeep(at, SqlParser.MaxExpressionDepth);
        return node;
    }
}
