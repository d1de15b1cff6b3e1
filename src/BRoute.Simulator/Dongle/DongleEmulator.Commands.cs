using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>The local commands: SKINFO, SKSREG, SKSETPWD, SKSETRBID, SKLL64, SKADDNBR, SKUDPPORT, SKTABLE, SKSAVE/SKLOAD and the UART options.</summary>
internal sealed partial class DongleEmulator
{
    private void Info()
    {
        var fifth = Profile.DualSide ? "0" : "FFFE";
        Reply($"EINFO {SkLines.Ip(OwnAddress)} {SkLines.Hex16(Registers.Mac)} {SkLines.Hex2(Registers.Channel)} {SkLines.Hex4(Registers.PanId)} {fifth}\r\nOK\r\n");
    }

    private void Sreg(ReadOnlySpan<string> args)
    {
        if (args.Length is < 1 or > 2)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (DongleRegisters.ParseName(args[0]) is not { } reg || !Registers.Exists(reg))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        if (args.Length == 1)
        {
            Reply($"ESREG {Registers.Read(reg)}\r\nOK\r\n");
            return;
        }

        if (!Registers.TryWrite(reg, args[1]))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        Ok();
    }

    private void SetPassword(ReadOnlySpan<string> args)
    {
        if (args.Length != 2)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkLines.TryHex(args[0], 2, out var len) || len is < 1 or > 32 || args[1].Length != (int)len)
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        Password = args[1];
        _engine.Log?.AddSecret(Password);
        Ok();
    }

    private void SetRouteBId(ReadOnlySpan<string> args)
    {
        if (args.Length != 1)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (args[0].Length != 32)
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        RouteBId = args[0];
        Registers.PairId = RouteBId[^8..];
        _engine.Log?.AddSecret(RouteBId);
        Ok();
    }

    private void Ll64(ReadOnlySpan<string> args)
    {
        if (args.Length != 1)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (args[0].Length != 16 || !SkLines.TryHex(args[0], 16, out var mac))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        Reply(SkLines.Ip(SkAddress.LinkLocalFromMac(mac)) + "\r\n"); // no OK (skstack.md §3)
    }

    private void AddNeighbour(ReadOnlySpan<string> args)
    {
        if (args.Length != 2)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkAddress.TryParseIPv6(args[0], out var ip) || args[1].Length != 16 || !SkLines.TryHex(args[1], 16, out _))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        _neighbours.Add(ip!);
        Ok();
    }

    private void UdpPort(ReadOnlySpan<string> args)
    {
        if (args.Length != 2)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkLines.TryHex(args[0], 1, out var handle) || handle is < 1 or > 6 || !SkLines.TryHex(args[1], 4, out var port))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        _handles[handle - 1] = (ushort)port;
        Ok();
    }

    private void Table(ReadOnlySpan<string> args)
    {
        if (args.Length != 1)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        var sb = new StringBuilder();
        switch (args[0].ToUpperInvariant())
        {
            case "1":
                sb.Append("EADDR\r\n").Append(SkLines.Ip(OwnAddress)).Append("\r\n");
                break;
            case "2":
                sb.Append("ENEIGHBOR\r\n");
                foreach (var n in _neighbours)
                {
                    var mac = n.Equals(_engine.Meter.Address) ? _engine.Meter.Options.Mac : 0UL;
                    sb.Append(SkLines.Ip(n)).Append(' ').Append(SkLines.Hex16(mac)).Append(" FFFF\r\n");
                }

                break;
            case "E":
                sb.Append("EPORT\r\n");
                foreach (var port in _handles)
                {
                    sb.Append(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
                }

                if (Profile.ExtraBlankLines)
                {
                    sb.Append("\r\n0\r\n0\r\n0\r\n0\r\n");
                }

                break;
            case "F":
                sb.Append("EHANDLE\r\n");
                break;
            case "9":
                sb.Append("ENBR\r\n");
                break;
            case "A":
                sb.Append("ESEC\r\n");
                break;
            default:
                Fail(SkErrorCode.ER06);
                return;
        }

        Reply(sb.Append("OK\r\n").ToString());
    }

    private void Save()
    {
        _saved = Registers.Save();
        Ok();
    }

    private void Load()
    {
        if (_saved is not { } saved)
        {
            Fail(SkErrorCode.ER10);
            return;
        }

        Registers.Load(saved);
        Ok();
    }

    /// <summary>WOPT/ROPT/WUART/RUART: CR-terminated replies (skstack.md §1).</summary>
    private void Option(string name, ReadOnlySpan<string> args)
    {
        var write = name[0] == 'W';
        if (args.Length != (write ? 1 : 0))
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!write)
        {
            var value = name == "ROPT" ? (int)_mode : _flashUart;
            Reply($"OK {SkLines.Hex2(value)}\r");
            return;
        }

        if (args[0].Length != 2 || !SkLines.TryHex(args[0], 2, out var v) || (name == "WOPT" && v > 1))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        if (name == "WOPT")
        {
            _mode = (ErxudpDataMode)(int)v;
        }
        else
        {
            _flashUart = (byte)v;
        }

        Reply("OK\r");
    }
}
