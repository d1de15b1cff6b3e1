namespace BRoute.EchonetLite.Meter;

/// <summary>EPCs of the low-voltage smart electric energy meter (class 0x0288) and its super class.</summary>
public static class MeterEpc
{
    public const byte OperationStatus = 0x80;
    public const byte InstallationLocation = 0x81;
    public const byte StandardVersion = 0x82;
    public const byte IdentificationNumber = 0x83;
    public const byte InstantaneousPowerConsumption = 0x84;
    public const byte CumulativeEnergyConsumption = 0x85;
    public const byte ManufacturerFaultCode = 0x86;
    public const byte CurrentLimit = 0x87;
    public const byte FaultStatus = 0x88;
    public const byte FaultDescription = 0x89;
    public const byte ManufacturerCode = 0x8A;
    public const byte BusinessFacilityCode = 0x8B;
    public const byte ProductCode = 0x8C;
    public const byte ProductionNumber = 0x8D;
    public const byte ProductionDate = 0x8E;
    public const byte PowerSavingOperation = 0x8F;
    public const byte RemoteControl = 0x93;
    public const byte CurrentTime = 0x97;
    public const byte CurrentDate = 0x98;
    public const byte PowerLimit = 0x99;
    public const byte CumulativeOperatingTime = 0x9A;
    public const byte AnnouncementPropertyMap = 0x9D;
    public const byte SetPropertyMap = 0x9E;
    public const byte GetPropertyMap = 0x9F;
    public const byte RouteBId = 0xC0;
    public const byte CumulativeEnergyOneMinute = 0xD0;
    public const byte Coefficient = 0xD3;
    public const byte EffectiveDigits = 0xD7;
    public const byte CumulativeEnergyNormal = 0xE0;
    public const byte Unit = 0xE1;
    public const byte CumulativeEnergyHistory1Normal = 0xE2;
    public const byte CumulativeEnergyReverse = 0xE3;
    public const byte CumulativeEnergyHistory1Reverse = 0xE4;
    public const byte History1Day = 0xE5;
    public const byte InstantaneousPower = 0xE7;
    public const byte InstantaneousCurrent = 0xE8;
    public const byte CumulativeEnergyFixedTimeNormal = 0xEA;
    public const byte CumulativeEnergyFixedTimeReverse = 0xEB;
    public const byte CumulativeEnergyHistory2 = 0xEC;
    public const byte History2Time = 0xED;
    public const byte CumulativeEnergyHistory3 = 0xEE;
    public const byte History3Time = 0xEF;
}

/// <summary>EPCs of the node profile (class 0x0EF0).</summary>
public static class NodeProfileEpc
{
    public const byte OperatingStatus = 0x80;
    public const byte VersionInformation = 0x82;
    public const byte IdentificationNumber = 0x83;
    public const byte ManufacturerCode = 0x8A;
    public const byte AnnouncementPropertyMap = 0x9D;
    public const byte SetPropertyMap = 0x9E;
    public const byte GetPropertyMap = 0x9F;
    public const byte NumberOfSelfNodeInstances = 0xD3;
    public const byte NumberOfSelfNodeClasses = 0xD4;
    public const byte InstanceListNotification = 0xD5;
    public const byte SelfNodeInstanceList = 0xD6;
    public const byte SelfNodeClassList = 0xD7;
}
