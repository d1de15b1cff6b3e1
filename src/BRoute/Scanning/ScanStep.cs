namespace BRoute.Scanning;

/// <summary>One SKSCAN to run: duration, channel mask, and how long it should and may take.</summary>
/// <param name="Attempt">1-based position in the plan.</param>
/// <param name="Duration">SKSCAN DUR argument (0–14).</param>
/// <param name="ChannelMask">SKSCAN MASK argument (bit 0 = channel 33).</param>
/// <param name="Channels">Number of channels the mask selects.</param>
/// <param name="Expected">Formula time for this scan.</param>
/// <param name="Guard">Give up waiting for EVENT 22 after this long.</param>
internal readonly record struct ScanStep(int Attempt, int Duration, uint ChannelMask, int Channels, TimeSpan Expected, TimeSpan Guard);
