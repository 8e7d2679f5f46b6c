namespace TwTools;

public enum TwSeverity
{
    Error,
    Warning,
    Information,
}
