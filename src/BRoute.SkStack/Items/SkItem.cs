namespace BRoute.SkStack.Items;

/// <summary>
/// One thing the dongle said: a status line, an event, a received datagram, a reply line, an echo, or a line the
/// reader could not understand. Produced by <see cref="Reading.SkReader"/>; match on the concrete type.
/// </summary>
public abstract record SkItem;
