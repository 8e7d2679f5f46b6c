namespace TwTools;

/// <summary>Address family of a socket, named as Get-NetTCPConnection's AddressFamily shows it.</summary>
public enum InetFamily : byte
{
    IPv4 = 4,
    IPv6 = 6,
}
