using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BRoute.Decoding;
using BRoute.Monitoring;

namespace BRoute.Mqtt;

/// <summary>The JSON payloads of the state and half-hour topics. Keys are stable snake_case; an unknown value is null.</summary>
internal static class MqttPayloads
{
    /// <summary>The names of the session states as published (<c>session_state</c>).</summary>
    public static readonly IReadOnlyList<string> SessionStates =
        [.. Enum.GetValues<MonitorStateKind>().Select(StateName)];

    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);

    // Payloads go to MQTT, not into HTML: quotes and '+' in templates stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string StateName(MonitorStateKind kind) => kind switch
    {
        MonitorStateKind.Connecting => "connecting",
        MonitorStateKind.Connected => "connected",
        MonitorStateKind.Reauthenticating => "reauthenticating",
        MonitorStateKind.Outage => "outage",
        MonitorStateKind.TransmitPaused => "transmit_paused",
        MonitorStateKind.AuthenticationRefused => "authentication_refused",
        MonitorStateKind.Stopped => "stopped",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The retained state of a meter.</summary>
    public static byte[] State(MeterSnapshot meter, TimeSpan transmitBudget) => Write(w =>
    {
        WriteValue(w, "power", meter.Latest(Quantity.Power));
        WriteValue(w, "current_r", meter.Latest(Quantity.CurrentR));
        WriteValue(w, "current_t", meter.Latest(Quantity.CurrentT));
        WriteValue(w, "import_energy", meter.Latest(Quantity.ImportEnergy));
        WriteValue(w, "export_energy", meter.Latest(Quantity.ExportEnergy));

        var last = meter.LastHalfHour;
        w.WriteNumberOrNull("half_hour_import_energy", last is null ? null : meter.SlotEnergy(last.SlotEnd, export: false));
        w.WriteNumberOrNull("half_hour_export_energy", last is null ? null : meter.SlotEnergy(last.SlotEnd, export: true));
        w.WriteStringOrNull("half_hour_slot_start", last?.SlotEnd - Slot);
        w.WriteStringOrNull("half_hour_slot_end", last?.SlotEnd);

        var link = meter.Statistics?.LinkQuality;
        var lqi = link?.LastLqi ?? link?.ScanLqi;
        w.WriteNumberOrNull("rssi", lqi is byte l ? Math.Round((decimal)Session.MeterLinkQuality.RssiDbm(l), 1) : null);
        w.WriteNumberOrNull("lqi", lqi);

        if (meter.State is { } state)
        {
            w.WriteString("session_state", StateName(state.Kind));
            w.WriteString("session_reason", state.Reason);
        }
        else
        {
            w.WriteNull("session_state");
            w.WriteNull("session_reason");
        }

        var air = meter.Statistics?.AirTimeThisHour;
        w.WriteNumberOrNull("transmit_time", air is TimeSpan a ? Math.Round((decimal)a.TotalSeconds, 1) : null);
        w.WriteNumberOrNull("transmit_budget_used", air is TimeSpan b ? Math.Round((decimal)(b / transmitBudget * 100), 1) : null);

        if (meter.Fault is bool fault)
        {
            w.WriteBoolean("fault", fault);
        }
        else
        {
            w.WriteNull("fault");
        }

        w.WriteStringOrNull("last_seen", meter.UpdatedAt);
    });

    /// <summary>One half-hour of the stream: its slot, the registers and the slot's energy where the previous slot is known.</summary>
    public static byte[] HalfHour(HalfHour halfHour, decimal? importKwh, decimal? exportKwh) => Write(w =>
    {
        w.WriteStringOrNull("slot_start", halfHour.SlotEnd - Slot);
        w.WriteStringOrNull("slot_end", halfHour.SlotEnd);
        w.WriteNumberOrNull("import_energy", importKwh);
        w.WriteNumberOrNull("export_energy", exportKwh);
        WriteRegister(w, "import_total", halfHour.Import);
        WriteRegister(w, "export_total", halfHour.Export);
        w.WriteString("source", halfHour.Source switch
        {
            ValueSource.Get => "get",
            ValueSource.Notification => "notification",
            ValueSource.History => "history",
            _ => halfHour.Source.ToString().ToLowerInvariant(),
        });
    });

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, Measurement? m) =>
        w.WriteNumberOrNull(name, m is { HasValue: true } ? m.Value : null);

    private static void WriteRegister(Utf8JsonWriter w, string name, SlotEnergy energy) =>
        w.WriteNumberOrNull(name, energy.Status == EchonetLite.Meter.ValueStatus.Ok ? energy.Kwh : null);
}
