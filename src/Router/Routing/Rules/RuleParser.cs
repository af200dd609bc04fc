using System.Globalization;

namespace HybridInference.Router.Routing.Rules;

/// <summary>
/// Parses the rule language: <c>condition (&amp;&amp; condition)* -&gt; action</c>, a condition being
/// <c>field op value</c>. Numeric fields take <c>&gt; &gt;= &lt; &lt;= == !=</c> and a number; boolean fields
/// take <c>== !=</c> and <c>true</c>/<c>false</c>. Actions: <c>cloud</c>, <c>edge-only</c>.
/// </summary>
public static class RuleParser
{
    public const string CloudAction = "cloud";
    public const string EdgeOnlyAction = "edge-only";

    private enum TokenKind
    {
        Word,
        Number,
        Operator,
        And,
        Arrow,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position)
    {
        public string Describe() => Kind == TokenKind.End ? "the end of the rule" : $"'{Text}' at position {Position}";
    }

    /// <exception cref="RuleSyntaxException">The expression is malformed; the message names the bad token.</exception>
    public static RoutingRule Parse(string name, string expression)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        var index = 0;
        Token Next() => tokens[Math.Min(index++, tokens.Count - 1)];

        if (tokens[0].Kind == TokenKind.End)
        {
            throw new RuleSyntaxException("the rule is empty; expected e.g. 'gpu_temperature_c > 85 -> cloud'");
        }

        var conditions = new List<RuleCondition>();
        while (true)
        {
            conditions.Add(ParseCondition(Next, Next()));
            var separator = Next();
            if (separator.Kind == TokenKind.Arrow)
            {
                break;
            }

            if (separator.Kind != TokenKind.And)
            {
                throw new RuleSyntaxException($"expected '&&' or '->' but found {separator.Describe()}");
            }
        }

        var actionToken = Next();
        var action = actionToken is { Kind: TokenKind.Word, Text: CloudAction } ? RuleAction.Cloud
            : actionToken is { Kind: TokenKind.Word, Text: EdgeOnlyAction } ? RuleAction.EdgeOnly
            : throw new RuleSyntaxException($"unknown action {actionToken.Describe()}; expected '{CloudAction}' or '{EdgeOnlyAction}'");

        var rest = Next();
        if (rest.Kind != TokenKind.End)
        {
            throw new RuleSyntaxException($"unexpected {rest.Describe()} after the action");
        }

        return new RoutingRule(name, conditions, action);
    }

    private static RuleCondition ParseCondition(Func<Token> next, Token fieldToken)
    {
        var field = fieldToken.Kind == TokenKind.Word ? HealthField.Find(fieldToken.Text) : null;
        if (field is null)
        {
            var known = string.Join(", ", HealthField.All.Select(f => f.Name));
            throw new RuleSyntaxException($"unknown field {fieldToken.Describe()}; known fields: {known}");
        }

        var opToken = next();
        if (opToken.Kind != TokenKind.Operator)
        {
            throw new RuleSyntaxException($"expected a comparison operator after '{field.Name}' but found {opToken.Describe()}");
        }

        var op = ToOperator(opToken.Text);
        var valueToken = next();
        if (field.IsBoolean)
        {
            if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
            {
                throw new RuleSyntaxException($"operator {opToken.Describe()} does not apply to the boolean field '{field.Name}'; use == or !=");
            }

            var flag = valueToken is { Kind: TokenKind.Word, Text: "true" } ? 1.0
                : valueToken is { Kind: TokenKind.Word, Text: "false" } ? 0.0
                : throw new RuleSyntaxException($"'{field.Name}' is boolean: expected true or false but found {valueToken.Describe()}");
            return new RuleCondition(field, op, flag);
        }

        if (valueToken.Kind != TokenKind.Number
            || !double.TryParse(valueToken.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            throw new RuleSyntaxException($"'{field.Name}' is numeric: expected a number but found {valueToken.Describe()}");
        }

        return new RuleCondition(field, op, number);
    }

    private static ComparisonOperator ToOperator(string text) => text switch
    {
        ">" => ComparisonOperator.GreaterThan,
        ">=" => ComparisonOperator.GreaterOrEqual,
        "<" => ComparisonOperator.LessThan,
        "<=" => ComparisonOperator.LessOrEqual,
        "==" => ComparisonOperator.Equal,
        _ => ComparisonOperator.NotEqual,
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && At(text, i + 1) == '>')
            {
                i += 2;
                tokens.Add(new Token(TokenKind.Arrow, "->", start + 1));
            }
            else if (c == '&' && At(text, i + 1) == '&')
            {
                i += 2;
                tokens.Add(new Token(TokenKind.And, "&&", start + 1));
            }
            else if (c is '>' or '<' or '=' or '!')
            {
                i += At(text, i + 1) == '=' ? 2 : 1;
                var op = text[start..i];
                if (op is "=" or "!")
                {
                    throw new RuleSyntaxException($"unknown operator '{op}' at position {start + 1}; expected one of > >= < <= == !=");
                }

                tokens.Add(new Token(TokenKind.Operator, op, start + 1));
            }
            else if (char.IsAsciiDigit(c) || c == '.' || (c == '-' && (char.IsAsciiDigit(At(text, i + 1)) || At(text, i + 1) == '.')))
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start + 1));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                // '-' belongs to a word only when a letter follows, so 'edge-only' is one word and 'x->' is not.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '-' && char.IsAsciiLetter(At(text, i + 1)))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start + 1));
            }
            else
            {
                throw new RuleSyntaxException($"unexpected character '{c}' at position {start + 1}");
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length + 1));
        return tokens;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';
}
