using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>SKSCAN: active scan (EVENT 20 + EPANDESC per PAN, EVENT 22) and ED scan (EVENT 1F + EEDSCAN).</summary>
internal sealed partial class DongleEmulator
{
    private bool _scanning;

    /// <summary>
    /// A1: <c>SKSCAN MODE MASK DUR</c>; C0/C2: <c>SKSCAN MODE MASK DUR SIDE</c>. Channels are swept upwards from
    /// 33 (mask bit 0), each for the family's dwell × (2^DUR + 1); the beacon block is written when the sweep
    /// finishes the meter's channel, EVENT 22 when the sweep ends.
    /// </summary>
    private void Scan(ReadOnlySpan<string> args)
    {
        if (args.Length != (Profile.DualSide ? 4 : 3))
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkLines.TryHex(args[0], 1, out var mode) || mode is not (0 or 2 or 3)
            || !SkLines.TryHex(args[1], 8, out var mask)
            || !SkLines.TryHex(args[2], 1, out var duration) || duration > 14
            || (Profile.DualSide && args[3] is not ("0" or "1")))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        if (_scanning)
        {
            Fail(SkErrorCode.ER10);
            return;
        }

        var channels = new List<byte>();
        for (var bit = 0; bit < 28; bit++)
        {
            if ((mask & (1UL << bit)) != 0)
            {
                channels.Add((byte)(0x21 + bit));
            }
        }

        var side = Profile.DualSide ? args[3] : "0";
        _engine.Stats.Scan();
        _scanning = true;
        var dwell = _engine.Latency.ScanDwell((int)duration, Profile.ScanDwellBaseMs);
        ReplyAfter(_engine.Latency.LocalCommand(), () =>
        {
            _engine.Emit("OK\r\n");
            for (var i = 0; i < channels.Count; i++)
            {
                var channel = channels[i];
                if (mode != 0 && side == "0" && channel == _engine.Meter.Options.Channel && duration >= (ulong)_engine.Meter.Options.MinScanDuration)
                {
                    After(dwell * (i + 1), () => Beacon(mode == 2));
                }
            }

            After(dwell * channels.Count, () => ScanFinished(mode == 0, channels));
        });
    }

    private void Beacon(bool withPairId)
    {
        var meter = _engine.Meter;
        if (!meter.Up)
        {
            return;
        }

        _engine.Emit(SkLines.PanDescriptor(
            OwnAddress, Profile.DualSide, meter.Options.Channel, meter.Options.PanId, meter.Options.Mac, meter.Options.Lqi,
            withPairId ? meter.Options.PairId : null));
    }

    private void ScanFinished(bool energyDetect, List<byte> channels)
    {
        _scanning = false;
        if (!energyDetect)
        {
            _engine.Emit(SkLines.Event(SkEventCode.ActiveScanFinished, OwnAddress, Profile.DualSide));
            return;
        }

        var sb = new StringBuilder(SkLines.Event(SkEventCode.EnergyDetectScanFinished, OwnAddress, Profile.DualSide)).Append("EEDSCAN\r\n");
        for (var i = 0; i < channels.Count; i++)
        {
            var lqi = channels[i] == _engine.Meter.Options.Channel && _engine.Meter.Up
                ? _engine.Meter.Options.Lqi
                : (byte)(0x10 + (Timing.DeterministicRandom.Hash(_engine.Options.Seed, channels[i]) % 0x20));
            sb.Append(i == 0 ? string.Empty : " ").Append(SkLines.Hex2(channels[i])).Append(' ').Append(SkLines.Hex2(lqi));
        }

        sb.Append("\r\n");
        if (Profile.ExtraBlankLines)
        {
            sb.Append("\r\n");
        }

        _engine.Emit(sb.ToString());
    }
}
