namespace TwTools.HelpBuilder.Sources;

/// <summary>A RELATED LINKS entry: another topic's name, or a title with an absolute address.</summary>
public sealed record RelatedLink(string Text, string Uri);
