namespace HybridInference.Router.Routing.Rules;

/// <summary>A rule expression that cannot be parsed; the message names the bad token and its position.</summary>
public sealed class RuleSyntaxException(string message) : FormatException(message);
