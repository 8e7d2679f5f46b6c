namespace TwTools.Engine.Files;

public enum RegularFileProblem
{
    NotFound,
    Unreadable,
    NotRegular,
    TooLarge,
    NameNotUtf8,
}
