using System.Globalization;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// The SKSREG virtual registers (skstack.md §4). Names are accepted as <c>S2</c> or <c>S02</c> in either case;
/// values are written in hex without padding and read back zero-padded to the register's width.
/// </summary>
internal sealed class DongleRegisters
{
    private readonly Dictionary<byte, ulong> _values = [];
    private readonly bool _showRssiAtPowerUp;

    /// <param name="mac">S01.</param>
    /// <param name="showRssiAtPowerUp">SA2 after every reset (<see cref="SimulatorOptions.ShowRssi"/>).</param>
    public DongleRegisters(ulong mac, bool showRssiAtPowerUp = false)
    {
        _showRssiAtPowerUp = showRssiAtPowerUp;
        Reset(mac);
    }

    public ulong Mac => _values[0x01];

    public byte Channel => (byte)_values[0x02];

    public ushort PanId => (ushort)_values[0x03];

    public uint FrameCounter { get => (uint)_values[0x07]; set => _values[0x07] = value; }

    public string PairId { get; set; } = string.Empty;

    public uint Lifetime => (uint)_values[0x16];

    public bool AutoReauth => _values[0x17] != 0;

    public bool ShowRssi => _values[0xA2] != 0;

    public bool Echo => _values[0xFE] != 0;

    public bool TxLimited { get => _values[0xFB] != 0; set => _values[0xFB] = value ? 1UL : 0UL; }

    public ulong AirTimeMs { get => _values[0xFD]; set => _values[0xFD] = value; }

    /// <summary>What SKSAVE writes to flash, SKLOAD reads back, and SFF = 1 loads at power-up (skstack.md §3).</summary>
    public readonly record struct Saved(ulong S02, ulong S03, string S0A, ulong Sff)
    {
        /// <summary>Whether these settings are loaded at power-up.</summary>
        public bool AutoLoad => Sff != 0;
    }

    /// <summary>SKSAVE: S02, S03, S0A and SFF.</summary>
    public Saved Save() => new(_values[0x02], _values[0x03], PairId, _values[0xFF]);

    /// <summary>SKLOAD (or power-up with SFF = 1): the saved S02, S03, S0A and SFF.</summary>
    public void Load(Saved saved)
    {
        _values[0x02] = saved.S02;
        _values[0x03] = saved.S03;
        PairId = saved.S0A;
        _values[0xFF] = saved.Sff;
    }

    /// <summary>Power-up defaults (the MAC is kept).</summary>
    public void Reset(ulong mac)
    {
        _values.Clear();
        _values[0x01] = mac;
        _values[0x02] = 0x21;
        _values[0x03] = 0xFFFF;
        _values[0x07] = 0;
        _values[0x15] = 0;
        _values[0x16] = 0x384;
        _values[0x17] = 1;
        _values[0xA0] = 1;
        _values[0xA1] = 1;
        _values[0xA2] = _showRssiAtPowerUp ? 1UL : 0UL;
        _values[0xFB] = 0;
        _values[0xFD] = 0;
        _values[0xFE] = 1;
        _values[0xFF] = 0;
        PairId = string.Empty;
    }

    /// <summary>Register number from "S2", "S02", "sfe"; null if not a register.</summary>
    public static byte? ParseName(string token)
    {
        if (token.Length is < 2 or > 3 || (token[0] != 'S' && token[0] != 's'))
        {
            return null;
        }

        return byte.TryParse(token.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public bool Exists(byte reg) => reg == 0x0A || _values.ContainsKey(reg);

    /// <summary>ESREG value text.</summary>
    public string Read(byte reg) => reg switch
    {
        0x0A => PairId.Length == 0 ? "00000000" : PairId,
        _ => _values[reg].ToString("X" + Width(reg), CultureInfo.InvariantCulture),
    };

    /// <summary>Writes a register; false (ER06) for read-only registers and out-of-range values.</summary>
    public bool TryWrite(byte reg, string value)
    {
        if (reg == 0x0A)
        {
            if (value.Length != 8)
            {
                return false;
            }

            PairId = value;
            return true;
        }

        if (reg is 0x07 or 0xFB or 0xFD || !_values.ContainsKey(reg) || value.Length == 0 || value.Length > Width(reg)
            || !ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        var ok = reg switch
        {
            0x02 => v is >= 0x21 and <= 0x3C,
            0x03 => v <= 0xFFFF,
            0x16 => v is >= 0x3C and <= 0xFFFFFFFF,
            0x01 => true,
            _ => v <= 1,
        };
        if (ok)
        {
            _values[reg] = v;
        }

        return ok;
    }

    private static int Width(byte reg) => reg switch
    {
        0x01 or 0xFD => 16,
        0x02 => 2,
        0x03 => 4,
        0x07 or 0x16 => 8,
        _ => 1,
    };
}
