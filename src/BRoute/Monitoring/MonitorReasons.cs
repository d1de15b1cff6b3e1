using BRoute.Session;
using BRoute.SkStack.Errors;

namespace BRoute.Monitoring;

/// <summary>Plain words for a person about why the link failed: no type names, no internal state names.</summary>
internal static class MonitorReasons
{
    public static string Describe(Exception exception) => exception switch
    {
        MeterUnreachableException => "the meter did not answer",
        DongleLostException => "the dongle went away and did not come back",
        SkTransportOpenException => "the dongle cannot be opened (unplugged, or in use by another program)",
        SkTransportLostException => "the connection to the dongle was lost",
        SkTimeoutException => "the dongle did not answer in time",
        SkStackException => "the dongle gave an unexpected answer",
        IOException => "the connection to the dongle failed",
        TimeoutException => "the meter did not answer in time",
        _ => "the connection to the meter failed",
    };
}
