using System.Text.Json;
using BRoute.Decoding;
using BRoute.Monitoring;
using BRoute.Storage.Tables;
using Microsoft.AspNetCore.Http;

namespace BRoute.Web.Dashboard;

/// <summary>
/// <c>/api/half-hours</c> written as the rows arrive from the store (a year is 17,520 slots, ~2.5 MB): the same JSON
/// as <see cref="ApiHalfHours"/> through <see cref="ApiJson"/>, with no object per slot and no whole document in memory.
/// </summary>
internal sealed class HalfHoursResult(string meter, IAsyncEnumerable<HalfHourValues> slots) : IResult
{
    private const int FlushAt = 512 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var ct = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("meter"u8, meter);
        json.WriteStartArray("slots"u8);
        await foreach (var slot in slots.WithCancellation(ct).ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("slot_end"u8, slot.SlotEnd);
            json.WriteNumberOrNull("import_kwh"u8, slot.ImportKwh);
            json.WriteNumberOrNull("export_kwh"u8, slot.ExportKwh);
            json.WriteNumberOrNull("import_delta_kwh"u8, slot.ImportDeltaKwh);
            json.WriteNumberOrNull("export_delta_kwh"u8, slot.ExportDeltaKwh);
            switch (slot.Source)
            {
                case ValueSource.Get: json.WriteString("source"u8, "get"u8); break;
                case ValueSource.Notification: json.WriteString("source"u8, "notification"u8); break;
                case ValueSource.History: json.WriteString("source"u8, "history"u8); break;
                default: json.WriteNull("source"u8); break;
            }

            json.WriteEndObject();
            if (json.BytesPending >= FlushAt)
            {
                json.Flush();
                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct).ConfigureAwait(false);
    }
}
