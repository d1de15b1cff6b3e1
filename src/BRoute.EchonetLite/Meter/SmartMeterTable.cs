using static BRoute.EchonetLite.Meter.PropertyAccess;

namespace BRoute.EchonetLite.Meter;

/// <summary>Class-specific properties of the low-voltage smart electric energy meter 0x0288 (meter-0288.md §3).</summary>
internal static class SmartMeterTable
{
    private const ushort Class = PropertyCatalog.SmartMeterClass;

    public static readonly PropertyInfo[] Entries =
    [
        new(Class, 0xC0, "route_b_id", "Bルート識別番号", "Route B identification number", 16, 16, null, RequiredConditional, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0xD0, "cumulative_energy_one_minute", "1分積算電力量計測値（正方向、逆方向計測値）", "One-minute measured cumulative amounts of electric energy (normal and reverse)", 15, 15, "kWh", Required, NotApplicable, Optional, PropertyKind.OneMinuteEnergy),
        new(Class, 0xD3, "coefficient", "係数", "Coefficient", 4, 4, null, Optional, NotApplicable, Optional, PropertyKind.Coefficient),
        new(Class, 0xD7, "effective_digits", "積算電力量有効桁数", "Number of effective digits for cumulative amounts of electric energy", 1, 1, "digits", Required, NotApplicable, Optional, PropertyKind.EffectiveDigits),
        new(Class, 0xE0, "cumulative_energy_normal", "積算電力量計測値（正方向計測値）", "Measured cumulative amount of electric energy (normal direction)", 4, 4, "kWh", Required, NotApplicable, Optional, PropertyKind.Energy),
        new(Class, 0xE1, "unit", "積算電力量単位（正方向、逆方向計測値）", "Unit for cumulative amounts of electric energy (normal and reverse)", 1, 1, "kWh", Required, NotApplicable, Optional, PropertyKind.Unit),
        new(Class, 0xE2, "cumulative_energy_history_1_normal", "積算電力量計測値履歴１（正方向計測値）", "Historical data of measured cumulative amounts of electric energy 1 (normal direction)", 194, 194, "kWh", Required, NotApplicable, Optional, PropertyKind.DayHistory),
        new(Class, 0xE3, "cumulative_energy_reverse", "積算電力量計測値（逆方向計測値）", "Measured cumulative amount of electric energy (reverse direction)", 4, 4, "kWh", RequiredConditional, NotApplicable, Optional, PropertyKind.Energy),
        new(Class, 0xE4, "cumulative_energy_history_1_reverse", "積算電力量計測値履歴１（逆方向計測値）", "Historical data of measured cumulative amounts of electric energy 1 (reverse direction)", 194, 194, "kWh", RequiredConditional, NotApplicable, Optional, PropertyKind.DayHistory),
        new(Class, 0xE5, "history_1_day", "積算履歴収集日１", "Day for which the historical data 1 is to be retrieved", 1, 1, null, Required, Required, Optional, PropertyKind.HistoryDay),
        new(Class, 0xE7, "instantaneous_power", "瞬時電力計測値", "Measured instantaneous electric power", 4, 4, "W", Required, NotApplicable, Optional, PropertyKind.Power),
        new(Class, 0xE8, "instantaneous_current", "瞬時電流計測値", "Measured instantaneous currents", 4, 4, "A", Required, NotApplicable, Optional, PropertyKind.Current),
        new(Class, 0xEA, "cumulative_energy_fixed_time_normal", "定時積算電力量計測値（正方向計測値）", "Cumulative amounts of electric energy measured at fixed time (normal direction)", 11, 11, "kWh", Required, NotApplicable, Optional, PropertyKind.FixedTimeEnergy),
        new(Class, 0xEB, "cumulative_energy_fixed_time_reverse", "定時積算電力量計測値（逆方向計測値）", "Cumulative amounts of electric energy measured at fixed time (reverse direction)", 11, 11, "kWh", RequiredConditional, NotApplicable, Optional, PropertyKind.FixedTimeEnergy),
        new(Class, 0xEC, "cumulative_energy_history_2", "積算電力量計測値履歴２（正方向、逆方向計測値）", "Historical data of measured cumulative amounts of electric energy 2 (normal and reverse)", 15, 103, "kWh", Optional, NotApplicable, Optional, PropertyKind.History2, sizeText: "7 + 8n (n 1–12)"),
        new(Class, 0xED, "history_2_time", "積算履歴収集日２", "Day for which the historical data 2 is to be retrieved", 7, 7, null, Optional, Optional, Optional, PropertyKind.History2Time),
        new(Class, 0xEE, "cumulative_energy_history_3", "積算電力量計測値履歴３（正方向、逆方向計測値）", "Historical data of measured cumulative amounts of electric energy 3 (normal and reverse)", 15, 87, "kWh", Required, NotApplicable, Optional, PropertyKind.History3, sizeText: "7 + 8n (n 1–10)"),
        new(Class, 0xEF, "history_3_time", "積算履歴収集日３", "Day for which the historical data 3 is to be retrieved", 7, 7, null, Required, Required, Optional, PropertyKind.History3Time),
    ];
}
