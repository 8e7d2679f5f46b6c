namespace TwTools.Engine.Planning;

/// <summary>One /proc/sys write and the value, as the kernel printed it, to put back if a later step fails.</summary>
internal sealed record RuntimeWrite(string Key, string Before, string After);
