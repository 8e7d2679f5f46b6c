namespace TwTools.Engine.Operations;

/// <summary>Prometheus text for some results, and the file name it goes under in a textfile directory.</summary>
public sealed record MetricsExposition(string Text, string FileName);
