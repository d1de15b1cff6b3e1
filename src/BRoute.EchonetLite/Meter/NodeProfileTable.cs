using static BRoute.EchonetLite.Meter.PropertyAccess;

namespace BRoute.EchonetLite.Meter;

/// <summary>The node-profile (0x0EF0) properties a B-route controller meets (echonet-lite.md §8).</summary>
internal static class NodeProfileTable
{
    private const ushort Class = PropertyCatalog.NodeProfileClass;

    public static readonly PropertyInfo[] Entries =
    [
        new(Class, 0x80, "operating_status", "動作状態", "Operating status", 1, 1, null, Required, NotApplicable, Required, PropertyKind.NodeOperatingStatus),
        new(Class, 0x82, "version_information", "Version情報", "Version information", 4, 4, null, Required, NotApplicable, NotApplicable, PropertyKind.ProfileVersion),
        new(Class, 0x83, "identification_number", "識別番号", "Identification number", 17, 17, null, Required, NotApplicable, NotApplicable, PropertyKind.Hex),
        new(Class, 0x8A, "manufacturer_code", "メーカコード", "Manufacturer code", 3, 3, null, Required, NotApplicable, NotApplicable, PropertyKind.Hex),
        new(Class, 0x9D, "announcement_property_map", "状変アナウンスプロパティマップ", "Status change announcement property map", 1, 17, null, Required, NotApplicable, NotApplicable, PropertyKind.PropertyMap),
        new(Class, 0x9E, "set_property_map", "Setプロパティマップ", "Set property map", 1, 17, null, Required, NotApplicable, NotApplicable, PropertyKind.PropertyMap),
        new(Class, 0x9F, "get_property_map", "Getプロパティマップ", "Get property map", 1, 17, null, Required, NotApplicable, NotApplicable, PropertyKind.PropertyMap),
        new(Class, 0xD3, "number_of_self_node_instances", "自ノードインスタンス数", "Number of self-node instances", 3, 3, null, Required, NotApplicable, NotApplicable, PropertyKind.InstanceCount),
        new(Class, 0xD4, "number_of_self_node_classes", "自ノードクラス数", "Number of self-node classes", 2, 2, null, Required, NotApplicable, NotApplicable, PropertyKind.ClassCount),
        new(Class, 0xD5, "instance_list_notification", "インスタンスリスト通知", "Instance list notification", 1, 253, null, Optional, NotApplicable, Required, PropertyKind.InstanceList, sizeText: "1 + 3n (n 0–84)"),
        new(Class, 0xD6, "self_node_instance_list", "自ノードインスタンスリストS", "Self-node instance list S", 1, 253, null, Required, NotApplicable, NotApplicable, PropertyKind.InstanceList, sizeText: "1 + 3n (n 0–84)"),
        new(Class, 0xD7, "self_node_class_list", "自ノードクラスリストS", "Self-node class list S", 1, 17, null, Required, NotApplicable, NotApplicable, PropertyKind.ClassList, sizeText: "1 + 2n (n 0–8)"),
    ];
}
