namespace TwTools.Engine.FrontEnd;

/// <summary>
/// Asks whether a change may happen, as PowerShell's ShouldProcess(target, action) does; -WhatIf
/// answers false after describing it, -Confirm asks the user. The CLI answers for --what-if.
/// </summary>
public delegate bool ShouldProcess(string target, string action);
