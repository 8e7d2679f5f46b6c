namespace TwTools.Engine.Diagnostics;

public enum TwSeverity
{
    Error,
    Warning,
    Information,
}
