namespace BRoute.EchonetLite.Meter;

/// <summary>Value ranges and special codes of class 0x0288 (meter-0288.md §3, §5).</summary>
public static class MeterLimits
{
    /// <summary>Largest valid cumulative-energy count (8 digits).</summary>
    public const uint MaxEnergyRaw = 99_999_999;

    /// <summary>"No data" in a 4-byte energy field (E0, E3, E2/E4 slots, EA/EB, EC/EE, D0).</summary>
    public const uint EnergyNoData = 0xFFFF_FFFE;

    /// <summary>Fewest effective digits of the cumulative-energy counter (D7).</summary>
    public const int MinEffectiveDigits = 1;

    /// <summary>Most effective digits of the cumulative-energy counter (D7); the counter wraps at 10^D7.</summary>
    public const int MaxEffectiveDigits = 8;

    /// <summary>Largest valid coefficient (D3, 6 digits).</summary>
    public const uint MaxCoefficient = 999_999;

    /// <summary>"No data" for E7 instantaneous power.</summary>
    public const int PowerNoData = 0x7FFF_FFFE;

    /// <summary>Smallest valid E7 value (0x80000001).</summary>
    public const int MinPower = -2_147_483_647;

    /// <summary>Largest valid E7 value (0x7FFFFFFD).</summary>
    public const int MaxPower = 2_147_483_645;

    /// <summary>"No data" for one E8 phase; in the T phase of a single-phase 2-wire meter.</summary>
    public const short CurrentNoData = 0x7FFE;

    /// <summary>Smallest valid E8 phase value (0x8001, −3276.7 A).</summary>
    public const short MinCurrent = -32_767;

    /// <summary>Largest valid E8 phase value (0x7FFD, 3276.5 A).</summary>
    public const short MaxCurrent = 32_765;

    /// <summary>Largest E5 / E2 day (days back).</summary>
    public const int MaxHistoryDay = 99;

    /// <summary>E5 "never set".</summary>
    public const byte HistoryDayUnset = 0xFF;

    /// <summary>E2/E4 day field "never set".</summary>
    public const ushort HistoryDayFieldUnset = 0x00FF;

    /// <summary>Half-hour slots in E2/E4.</summary>
    public const int DayHistorySlots = 48;

    /// <summary>Most slots in EC (30-minute pairs).</summary>
    public const int MaxHistory2Slots = 12;

    /// <summary>Most slots in EE (1-minute pairs).</summary>
    public const int MaxHistory3Slots = 10;
}
