using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// Turns property blocks into named, typed values (meter-0288.md, echonet-lite.md §8).
/// Never throws for bad bytes: a wrong length, an out-of-range value or a malformed structure
/// gives a <see cref="DecodedProperty"/> with <see cref="DecodedProperty.Error"/> set.
/// </summary>
public static class MeterPropertyDecoder
{
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Decodes one property of an object of class <paramref name="classCode"/> (0x0288 meter,
    /// 0x0EF0 node profile; other device classes get the super-class properties).
    /// </summary>
    /// <param name="classCode">Class of the object that owns the property (see <see cref="EchonetFrame.PropertyOwner"/>).</param>
    /// <param name="property">The block; PDC 0 decodes as <see cref="ValueStatus.NotSupported"/> (as in an SNA reply).</param>
    /// <param name="scale">Coefficient and unit for the cumulative energies.</param>
    /// <param name="meterToday">
    /// The meter's current date, if the caller knows it: E2/E4 give their day as "days back from
    /// today", so only with this date do their slots get absolute timestamps. Otherwise each slot
    /// still has its time of day and the value its day number.
    /// </param>
    public static DecodedProperty Decode(ushort classCode, EchonetProperty property, EnergyScale scale, DateOnly? meterToday = null)
    {
        var info = PropertyCatalog.Find(classCode, property.Epc);
        var edt = property.Edt.Span;
        var raw = edt.ToArray();
        if (info is null)
        {
            return edt.IsEmpty
                ? new DecodedProperty(classCode, property.Epc, null, raw, ValueStatus.NotSupported, null, null, null, false)
                : new DecodedProperty(classCode, property.Epc, null, raw, ValueStatus.Ok, new TextValue(Convert.ToHexString(edt)), null, null, false);
        }

        var energy = IsEnergy(info.Kind);
        var unit = energy && !scale.IsUnitKnown ? "unknown" : info.Unit;
        if (edt.IsEmpty)
        {
            return new DecodedProperty(classCode, property.Epc, info, raw, ValueStatus.NotSupported, null, unit, null, false);
        }

        Outcome outcome;
        if (edt.Length < info.MinSize || edt.Length > info.MaxSize)
        {
            outcome = Outcome.Fail($"EDT is {edt.Length} byte(s), expected {info.SizeText}");
        }
        else
        {
            outcome = DecodeKind(info.Kind, edt, new DecodeContext(scale, meterToday));
        }

        if (outcome.Error is not null)
        {
            return new DecodedProperty(classCode, property.Epc, info, raw, null, null, null,
                $"{info.Name} (0x{info.Epc:X2}): {outcome.Error}", false);
        }

        var assumed = energy && scale.IsUnitKnown && scale.CoefficientAssumed;
        return new DecodedProperty(classCode, property.Epc, info, raw, outcome.Status, outcome.Value, unit, null, assumed);
    }

    /// <summary>
    /// Decodes the value-carrying blocks of a frame, for the object that owns them
    /// (<see cref="EchonetFrame.PropertyOwner"/>): Get_Res, INF, INFC, Get_SNA, INF_SNA, SetI, SetC and
    /// the SetGet request → their blocks; SetGet_Res and SetGet_SNA → the Get half. Get, INF_REQ,
    /// Set_Res, INFC_Res, SetI_SNA and SetC_SNA carry no values and give an empty list.
    /// D3 and E1 found in a meter frame update <paramref name="scale"/> before the other blocks are decoded.
    /// </summary>
    public static IReadOnlyList<DecodedProperty> DecodeValues(EchonetFrame frame, EnergyScale scale, DateOnly? meterToday = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        IReadOnlyList<EchonetProperty> blocks = frame.Esv switch
        {
            Esv.GetRes or Esv.Inf or Esv.InfC or Esv.GetSna or Esv.InfSna or Esv.SetI or Esv.SetC or Esv.SetGet => frame.Properties,
            Esv.SetGetRes or Esv.SetGetSna => frame.GetProperties,
            _ => [],
        };
        var classCode = frame.PropertyOwner.ClassCode;
        if (classCode == PropertyCatalog.SmartMeterClass)
        {
            scale = scale.With(blocks);
        }

        var result = new DecodedProperty[blocks.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Decode(classCode, blocks[i], scale, meterToday);
        }

        return result;
    }

    private static bool IsEnergy(PropertyKind kind) => kind is PropertyKind.Energy or PropertyKind.FixedTimeEnergy
        or PropertyKind.OneMinuteEnergy or PropertyKind.DayHistory or PropertyKind.History2 or PropertyKind.History3;

    private static Outcome DecodeKind(PropertyKind kind, ReadOnlySpan<byte> edt, in DecodeContext ctx) => kind switch
    {
        PropertyKind.Hex => DeviceDecoders.Hex(edt),
        PropertyKind.OperationStatus => DeviceDecoders.OneOf(edt, "operation status", DeviceDecoders.OperationStatus),
        PropertyKind.NodeOperatingStatus => DeviceDecoders.OneOf(edt, "operating status", DeviceDecoders.NodeOperatingStatus),
        PropertyKind.InstallationLocation => DeviceDecoders.InstallationLocation(edt),
        PropertyKind.StandardVersion => DeviceDecoders.StandardVersion(edt),
        PropertyKind.ProfileVersion => DeviceDecoders.ProfileVersion(edt),
        PropertyKind.UnsignedWatts => DeviceDecoders.UnsignedWatts(edt),
        PropertyKind.FixedEnergy => DeviceDecoders.FixedEnergy(edt),
        PropertyKind.Percent => DeviceDecoders.Percent(edt),
        PropertyKind.FaultStatus => DeviceDecoders.OneOf(edt, "fault status", DeviceDecoders.FaultStatus),
        PropertyKind.Ascii => DeviceDecoders.Ascii(edt),
        PropertyKind.Date => DeviceDecoders.Date(edt),
        PropertyKind.Time => DeviceDecoders.Time(edt),
        PropertyKind.PowerSaving => DeviceDecoders.OneOf(edt, "power-saving setting", DeviceDecoders.PowerSaving),
        PropertyKind.RemoteControl => DeviceDecoders.OneOf(edt, "remote control setting", DeviceDecoders.RemoteControl),
        PropertyKind.OperatingTime => DeviceDecoders.OperatingTime(edt),
        PropertyKind.PropertyMap => DeviceDecoders.PropertyMap(edt),
        PropertyKind.InstanceCount => DeviceDecoders.InstanceCount(edt),
        PropertyKind.ClassCount => DeviceDecoders.ClassCount(edt),
        PropertyKind.InstanceList => DeviceDecoders.InstanceList(edt),
        PropertyKind.ClassList => DeviceDecoders.ClassList(edt),
        PropertyKind.OneMinuteEnergy => EnergyDecoders.OneMinuteEnergy(edt, ctx),
        PropertyKind.Coefficient => EnergyDecoders.Coefficient(edt),
        PropertyKind.EffectiveDigits => EnergyDecoders.EffectiveDigits(edt),
        PropertyKind.Energy => EnergyDecoders.Energy(edt, ctx),
        PropertyKind.Unit => EnergyDecoders.Unit(edt),
        PropertyKind.HistoryDay => EnergyDecoders.HistoryDay(edt),
        PropertyKind.Power => EnergyDecoders.Power(edt),
        PropertyKind.Current => EnergyDecoders.Current(edt),
        PropertyKind.FixedTimeEnergy => EnergyDecoders.FixedTimeEnergy(edt, ctx),
        PropertyKind.DayHistory => HistoryDecoders.DayHistory(edt, ctx),
        PropertyKind.History2 => HistoryDecoders.PairHistory(edt, ctx, HalfHour, MeterLimits.MaxHistory2Slots),
        PropertyKind.History2Time => HistoryDecoders.HistoryTime(edt, MeterLimits.MaxHistory2Slots),
        PropertyKind.History3 => HistoryDecoders.PairHistory(edt, ctx, OneMinute, MeterLimits.MaxHistory3Slots),
        PropertyKind.History3Time => HistoryDecoders.HistoryTime(edt, MeterLimits.MaxHistory3Slots),
        _ => throw new InvalidOperationException($"no decoder for property kind {kind}"),
    };
}
