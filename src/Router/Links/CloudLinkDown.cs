namespace HybridInference.Router.Links;

/// <summary>An outage of the site-to-cloud link: since when, and what showed it.</summary>
public sealed record CloudLinkDown(DateTimeOffset Since, string Reason);
