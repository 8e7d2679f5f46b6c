namespace TwTools.HelpBuilder.Checks;

/// <summary>
/// Finds the parameters an example's PowerShell passes to the given commands. A small tokenizer, not a
/// parser: it skips strings and comments, follows nesting, and reads a command's "-Name" tokens up to
/// the end of its pipeline element ("|", ";", a line end without a backtick, or the bracket that
/// closes around it). Parameters inside a nested (…) or {…} belong to whatever command runs in there.
/// </summary>
public static class ExampleScanner
{
    public static IReadOnlyList<ParameterUse> Scan(string code, IReadOnlySet<string> commands)
    {
        var tokens = Tokenize(code);
        var uses = new List<ParameterUse>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var command = commands.FirstOrDefault(c => string.Equals(c, tokens[i].Text, StringComparison.OrdinalIgnoreCase));
            if (tokens[i].Kind != TokenKind.Word || command is null)
            {
                continue;
            }

            var depth = 0;
            for (var j = i + 1; j < tokens.Count; j++)
            {
                var token = tokens[j];
                if (token.Kind == TokenKind.Open)
                {
                    depth++;
                }
                else if (token.Kind == TokenKind.Close && --depth < 0)
                {
                    break;
                }
                else if (depth == 0 && token.Kind == TokenKind.End)
                {
                    break;
                }
                else if (depth == 0 && token.Kind == TokenKind.Word && IsParameter(token.Text))
                {
                    uses.Add(new ParameterUse(command, token.Text[1..].Split(':')[0], token.Line));
                }
            }
        }

        return uses;
    }

    /// <summary>Whether the code calls <paramref name="command"/> (outside strings and comments).</summary>
    public static bool Runs(string code, string command) =>
        Tokenize(code).Any(t => t.Kind == TokenKind.Word && string.Equals(t.Text, command, StringComparison.OrdinalIgnoreCase));

    private static bool IsParameter(string word) => word.Length > 1 && word[0] == '-' && char.IsLetter(word[1]);

    private static List<Token> Tokenize(string code)
    {
        var tokens = new List<Token>();
        var line = 0;
        for (var i = 0; i < code.Length;)
        {
            var c = code[i];
            if (c == '`' && i + 1 < code.Length && code[i + 1] == '\n')
            {
                (i, line) = (i + 2, line + 1);
            }
            else if (c == '\n' || c == ';' || c == '|')
            {
                tokens.Add(new Token(TokenKind.End, c.ToString(), line));
                line += c == '\n' ? 1 : 0;
                i++;
            }
            else if (c == '#')
            {
                while (i < code.Length && code[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is '\'' or '"')
            {
                i = SkipString(code, i, ref line);
            }
            else if (c is '(' or '{' or '[' || (c is '@' or '$' && i + 1 < code.Length && code[i + 1] is '(' or '{'))
            {
                tokens.Add(new Token(TokenKind.Open, c.ToString(), line));
                i += c is '@' or '$' ? 2 : 1;
            }
            else if (c is ')' or '}' or ']')
            {
                tokens.Add(new Token(TokenKind.Close, c.ToString(), line));
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else
            {
                var start = i;
                while (i < code.Length && !char.IsWhiteSpace(code[i]) && "()[]{}|;'\"`#".IndexOf(code[i]) < 0)
                {
                    i++;
                }

                // A lone backtick escapes the next character; keep it in the word.
                i = i == start ? i + 1 : i;
                tokens.Add(new Token(TokenKind.Word, code[start..i], line));
            }
        }

        return tokens;
    }

    // '…' doubles its quote to escape it; "…" also takes a backtick escape.
    private static int SkipString(string code, int i, ref int line)
    {
        var quote = code[i++];
        while (i < code.Length)
        {
            if (code[i] == '\n')
            {
                line++;
            }

            if (quote == '"' && code[i] == '`')
            {
                i += 2;
            }
            else if (code[i] == quote && i + 1 < code.Length && code[i + 1] == quote)
            {
                i += 2;
            }
            else if (code[i++] == quote)
            {
                break;
            }
        }

        return i;
    }

    private enum TokenKind
    {
        Word,
        Open,
        Close,
        End,
    }

    private sealed record Token(TokenKind Kind, string Text, int Line);
}
