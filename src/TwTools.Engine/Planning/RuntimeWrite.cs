namespace TwTools.Engine.Planning;

/// <summary>One /proc/sys write and the value to put back if a later step fails.</summary>
public sealed record RuntimeWrite(string Key, string Before, string After);
