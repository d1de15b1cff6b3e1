using static BRoute.EchonetLite.Meter.PropertyAccess;

namespace BRoute.EchonetLite.Meter;

/// <summary>Device-object super-class properties as they apply to 0x0288 (meter-0288.md §2, MRA superClass).</summary>
internal static class SuperClassTable
{
    private const ushort Class = PropertyCatalog.SuperClass;

    public static readonly PropertyInfo[] Entries =
    [
        new(Class, 0x80, "operation_status", "動作状態", "Operation status", 1, 1, null, Required, Optional, Required, PropertyKind.OperationStatus),
        new(Class, 0x81, "installation_location", "設置場所", "Installation location", 1, 17, null, Required, Required, Required, PropertyKind.InstallationLocation, sizeText: "1 or 17"),
        new(Class, 0x82, "standard_version", "規格Version情報", "Standard version information", 4, 4, null, Required, NotApplicable, Optional, PropertyKind.StandardVersion),
        new(Class, 0x83, "identification_number", "識別番号", "Identification number", 17, 17, null, Optional, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0x84, "instantaneous_power_consumption", "瞬時消費電力計測値", "Measured instantaneous power consumption", 2, 2, "W", Optional, NotApplicable, Optional, PropertyKind.UnsignedWatts),
        new(Class, 0x85, "cumulative_energy_consumption", "積算消費電力量計測値", "Measured cumulative electric energy consumption", 4, 4, "kWh", Optional, NotApplicable, Optional, PropertyKind.FixedEnergy),
        new(Class, 0x86, "manufacturer_fault_code", "メーカ異常コード", "Manufacturer's fault code", 1, 255, null, Optional, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0x87, "current_limit", "電流制限設定", "Current limit setting", 1, 1, "%", Optional, Optional, Optional, PropertyKind.Percent),
        new(Class, 0x88, "fault_status", "異常発生状態", "Fault status", 1, 1, null, Required, NotApplicable, Required, PropertyKind.FaultStatus),
        new(Class, 0x89, "fault_description", "異常内容", "Fault description", 2, 2, null, Optional, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0x8A, "manufacturer_code", "メーカコード", "Manufacturer code", 3, 3, null, Required, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0x8B, "business_facility_code", "事業場コード", "Business facility code", 3, 3, null, Optional, NotApplicable, Optional, PropertyKind.Hex),
        new(Class, 0x8C, "product_code", "商品コード", "Product code", 12, 12, null, Optional, NotApplicable, Optional, PropertyKind.Ascii),
        new(Class, 0x8D, "production_number", "製造番号", "Production number", 12, 12, null, Optional, NotApplicable, Optional, PropertyKind.Ascii),
        new(Class, 0x8E, "production_date", "製造年月日", "Production date", 4, 4, null, Optional, NotApplicable, Optional, PropertyKind.Date),
        new(Class, 0x8F, "power_saving_operation", "節電動作設定", "Power-saving operation setting", 1, 1, null, Optional, Optional, Optional, PropertyKind.PowerSaving),
        new(Class, 0x93, "remote_control", "遠隔操作設定", "Remote control setting", 1, 1, null, Optional, Optional, Optional, PropertyKind.RemoteControl),
        new(Class, 0x97, "current_time", "現在時刻設定", "Current time setting", 2, 2, null, Optional, Optional, Optional, PropertyKind.Time),
        new(Class, 0x98, "current_date", "現在年月日設定", "Current date setting", 4, 4, null, Optional, Optional, Optional, PropertyKind.Date),
        new(Class, 0x99, "power_limit", "電力制限設定", "Power limit setting", 2, 2, "W", Optional, Optional, Optional, PropertyKind.UnsignedWatts),
        new(Class, 0x9A, "cumulative_operating_time", "積算運転時間", "Cumulative operating time", 5, 5, null, Optional, NotApplicable, Optional, PropertyKind.OperatingTime),
        new(Class, 0x9D, "announcement_property_map", "状変アナウンスプロパティマップ", "Status change announcement property map", 1, 17, null, Required, NotApplicable, Optional, PropertyKind.PropertyMap),
        new(Class, 0x9E, "set_property_map", "Setプロパティマップ", "Set property map", 1, 17, null, Required, NotApplicable, Optional, PropertyKind.PropertyMap),
        new(Class, 0x9F, "get_property_map", "Getプロパティマップ", "Get property map", 1, 17, null, Required, NotApplicable, Optional, PropertyKind.PropertyMap),
    ];
}
