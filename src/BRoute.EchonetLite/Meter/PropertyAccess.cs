namespace BRoute.EchonetLite.Meter;

/// <summary>An access rule from the Appendix / MRA (meter-0288.md key).</summary>
public enum PropertyAccess
{
    /// <summary>"–": the access does not exist for this property.</summary>
    NotApplicable,

    /// <summary>"R": required.</summary>
    Required,

    /// <summary>"Rc": required under a condition (e.g. reverse-flow meters).</summary>
    RequiredConditional,

    /// <summary>"O": optional.</summary>
    Optional,
}
