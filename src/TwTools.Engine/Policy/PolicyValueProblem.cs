namespace TwTools.Engine.Policy;

/// <summary>Why a policy value was not accepted, with the error id that says which kind of problem it is.</summary>
internal readonly record struct PolicyValueProblem(string Id, string Message);
