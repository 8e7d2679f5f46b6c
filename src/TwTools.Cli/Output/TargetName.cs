using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>How text output names what a result is about: the host, and the network namespace when one was named.</summary>
internal static class TargetName
{
    /// <summary>Escaped for a terminal: a container's name is whatever its creator chose.</summary>
    public static string Of(string host, NetworkNamespace? ns) => TerminalText.Escape(ns is null ? host : $"{host} [{ns.Label}]");
}
