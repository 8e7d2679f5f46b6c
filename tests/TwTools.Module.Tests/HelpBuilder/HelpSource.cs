namespace TwTools.Module.Tests.HelpBuilder;

/// <summary>A valid cmdlet help source to break one piece at a time.</summary>
internal static class HelpSource
{
    public const string Valid = """
        # Get-Thing

        ## SYNOPSIS
        Gets things.

        ## DESCRIPTION
        Gets every thing.

        ## EXAMPLES

        ### Example 1: All things
        ```powershell
        Get-Thing
        ```

        Lists them.

        ### Example 2: Some things
        ```powershell
        Get-Thing -Name a* |
            Get-Thing -Name b
        ```

        Filters them.

        ## PARAMETERS

        ### -Name
        Which things.

        ## INPUTS

        ### System.String
        Names.

        ## OUTPUTS

        ### Demo.Thing
        A thing.

        ## RELATED LINKS
        - about_Things
        - [Home](https://example.org/things)
        """;
}
