namespace TwTools;

/// <summary>How close connect() is to failing with EADDRNOTAVAIL for one destination, worst last.</summary>
public enum PortVerdict
{
    OK = 0,
    Warning = 1,
    Critical = 2,
    Exhausted = 3,
}
