namespace BRoute.EchonetLite.Meter;

/// <summary>Device-object 0x82: the Appendix release letter and its revision number.</summary>
public sealed record StandardVersionValue(char Release, int Revision) : MeterValue;

/// <summary>Node-profile 0x82: ECHONET Lite major/minor version and the message-format bitmap.</summary>
public sealed record ProfileVersionValue(int Major, int Minor, byte Formats) : MeterValue;
