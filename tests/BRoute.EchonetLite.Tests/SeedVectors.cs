namespace BRoute.EchonetLite.Tests;

/// <summary>The golden frames of seed-trace-decoded.md §6 and echonet-lite.md §10, verbatim.</summary>
internal static class SeedVectors
{
    public const string InstanceListInf = "108100000EF0010EF0017301D50401028801";
    public const string OperationStatus = "1081000102880105FF017201800130";
    public const string Coefficient = "1081000102880105FF017201D30400000001";
    public const string EffectiveDigits = "1081000102880105FF017201D70106";
    public const string EnergyNormal = "1081000102880105FF017201E00400015208";
    public const string Unit = "1081000102880105FF017201E10101";
    public const string EnergyReverse = "1081000102880105FF017201E3040000000A";
    public const string HistoryDay = "1081000102880105FF017201E501FF";
    public const string Power = "1081000102880105FF017201E70400000274";
    public const string Current = "1081000102880105FF017201E80400320014";
    public const string FixedTimeNormal = "1081000102880105FF017201EA0B07E4030E081E0000015206";
    public const string FixedTimeReverse = "1081000102880105FF017201EB0B07E4030E081E000000000A";
    public const string History2 = "1081000102880105FF017201EC0FFFFFFFFFFFFF01FFFFFFFEFFFFFFFE";
    public const string History2Time = "1081000102880105FF017201ED07FFFFFFFFFFFF01";

    public static readonly string HistoryNormal = "1081000102880105FF017201E2C200FF" + Hex.Repeat("FFFFFFFE", 48);
    public static readonly string HistoryReverse = "1081000102880105FF017201E4C200FF" + Hex.Repeat("FFFFFFFE", 48);

    /// <summary>echonet-lite.md §10: Get E7, TID 0x0001 (14 bytes).</summary>
    public const string GetPowerRequest = "1081 0001 05FF01 028801 62 01 E7 00";

    /// <summary>echonet-lite.md §10: spontaneous INF of EA + EB from the Qiita capture.</summary>
    public const string QiitaInf = "1081 0001 028801 05FF01 73 02 EA 0B 07E70C13001E00 0000458E EB 0B 07E70C13001E00 00000015";

    /// <summary>Every Get_Res of the seed trace with the EPC and EDT it carries (§3 table).</summary>
    public static TheoryData<string, byte, string> GetResponses() => new()
    {
        { OperationStatus, 0x80, "30" },
        { Coefficient, 0xD3, "00000001" },
        { EffectiveDigits, 0xD7, "06" },
        { EnergyNormal, 0xE0, "00015208" },
        { Unit, 0xE1, "01" },
        { HistoryNormal, 0xE2, "00FF" + Hex.Repeat("FFFFFFFE", 48) },
        { EnergyReverse, 0xE3, "0000000A" },
        { HistoryReverse, 0xE4, "00FF" + Hex.Repeat("FFFFFFFE", 48) },
        { HistoryDay, 0xE5, "FF" },
        { Power, 0xE7, "00000274" },
        { Current, 0xE8, "00320014" },
        { FixedTimeNormal, 0xEA, "07E4030E081E0000015206" },
        { FixedTimeReverse, 0xEB, "07E4030E081E000000000A" },
        { History2, 0xEC, "FFFFFFFFFFFF01FFFFFFFEFFFFFFFE" },
        { History2Time, 0xED, "FFFFFFFFFFFF01" },
    };
}
