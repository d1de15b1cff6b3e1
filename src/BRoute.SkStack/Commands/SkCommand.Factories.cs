using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Commands;

/// <summary>Factories: one per command a B-route client uses (skstack.md §3).</summary>
public sealed partial class SkCommand
{
    private static readonly string[] NoArguments = [];

    /// <summary><c>SKVER</c> → <c>EVER &lt;ver&gt;</c>, <c>OK</c>.</summary>
    public static SkCommand Version() => new("SKVER", NoArguments, SkReplyKind.VersionThenOk);

    /// <summary><c>SKAPPVER</c> → <c>EAPPVER &lt;ver&gt;</c>, <c>OK</c>.</summary>
    public static SkCommand AppVersion() => new("SKAPPVER", NoArguments, SkReplyKind.AppVersionThenOk);

    /// <summary><c>SKINFO</c> → <c>EINFO …</c>, <c>OK</c>.</summary>
    public static SkCommand Info() => new("SKINFO", NoArguments, SkReplyKind.InfoThenOk);

    /// <summary><c>SKRESET</c> → <c>OK</c>.</summary>
    public static SkCommand Reset() => new("SKRESET", NoArguments, SkReplyKind.Ok);

    /// <summary><c>SKSREG &lt;REG&gt;</c> → <c>ESREG &lt;VAL&gt;</c>, <c>OK</c>. <paramref name="register"/> as written (<c>S2</c>, <c>S02</c>, <c>SFE</c>).</summary>
    public static SkCommand ReadRegister(string register) =>
        new("SKSREG", [ValidateRegister(register)], SkReplyKind.RegisterThenOk);

    /// <summary><c>SKSREG &lt;REG&gt; &lt;VAL&gt;</c> → <c>OK</c>; <paramref name="value"/> is written as given (1–32 printable ASCII, no space).</summary>
    public static SkCommand WriteRegister(string register, string value) =>
        new("SKSREG", [ValidateRegister(register), ValidateToken(value, 32, nameof(value))], SkReplyKind.Ok);

    /// <summary><c>SKSREG &lt;REG&gt; &lt;hex&gt;</c>: the value in upper-case hex without padding (e.g. <c>SKSREG S16 384</c>).</summary>
    public static SkCommand WriteRegister(string register, ulong value) =>
        new("SKSREG", [ValidateRegister(register), Hex(value)], SkReplyKind.Ok);

    /// <summary><c>SKSREG &lt;REG&gt; 0|1</c>.</summary>
    public static SkCommand WriteRegister(string register, bool value) => WriteRegister(register, value ? 1UL : 0UL);

    /// <summary><c>SKSETPWD &lt;LEN&gt; &lt;PWD&gt;</c> → <c>OK</c>. LEN is the length in hex (12 → <c>C</c>).</summary>
    public static SkCommand SetPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length is < 1 or > 32 || !IsToken(password))
        {
            // Never echo the value.
            throw new ArgumentException("the password must be 1–32 printable ASCII characters without spaces", nameof(password));
        }

        return new("SKSETPWD", [Hex((ulong)password.Length), password], SkReplyKind.Ok, secretIndex: 1);
    }

    /// <summary><c>SKSETRBID &lt;ID&gt;</c> → <c>OK</c>. The B-route ID is exactly 32 ASCII characters.</summary>
    public static SkCommand SetRouteBId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 32 || !IsToken(id))
        {
            throw new ArgumentException("the B-route ID must be exactly 32 printable ASCII characters without spaces", nameof(id));
        }

        return new("SKSETRBID", [id], SkReplyKind.Ok, secretIndex: 0);
    }

    /// <summary>
    /// <c>SKSCAN &lt;MODE&gt; &lt;MASK&gt; &lt;DUR&gt;</c> (single-side, A1) or with <c>&lt;SIDE&gt;</c> appended (C0/C2) when
    /// <paramref name="side"/> is given. MASK is 8 hex digits (bit 0 = channel 33); DUR 0–14 as one hex digit.
    /// </summary>
    public static SkCommand Scan(SkScanMode mode, uint channelMask, int duration, int? side)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "scan mode must be 0, 2 or 3");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(duration);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duration, 14);
        string[] arguments = side is { } s
            ? [Hex((ulong)mode), Hex(channelMask, 8), Hex((ulong)duration), Hex((ulong)ValidateSide(s))]
            : [Hex((ulong)mode), Hex(channelMask, 8), Hex((ulong)duration)];
        return new("SKSCAN", arguments, SkReplyKind.Ok) { HasSideArgument = side is not null };
    }

    /// <summary><c>SKLL64 &lt;ADDR64&gt;</c> → one IPv6 line, no OK.</summary>
    public static SkCommand LinkLocalAddress(ulong mac) => new("SKLL64", [Hex(mac, 16)], SkReplyKind.AddressLine);

    /// <summary><c>SKADDNBR &lt;IPADDR&gt; &lt;ADDR64&gt;</c> → <c>OK</c>.</summary>
    public static SkCommand AddNeighbor(IPAddress address, ulong mac) =>
        new("SKADDNBR", [Ipv6(address), Hex(mac, 16)], SkReplyKind.Ok);

    /// <summary><c>SKPING &lt;IPADDR&gt;</c> → <c>OK</c>; <c>EPONG</c> follows as an event.</summary>
    public static SkCommand Ping(IPAddress address) => new("SKPING", [Ipv6(address)], SkReplyKind.Ok);

    /// <summary><c>SKJOIN &lt;IPADDR&gt;</c> → <c>OK</c>; EVENT 25 / EVENT 24 follow as events.</summary>
    public static SkCommand Join(IPAddress address) => new("SKJOIN", [Ipv6(address)], SkReplyKind.Ok);

    /// <summary><c>SKREJOIN</c> → <c>OK</c> (or FAIL ER10 without a session).</summary>
    public static SkCommand Rejoin() => new("SKREJOIN", NoArguments, SkReplyKind.Ok);

    /// <summary><c>SKTERM</c> → <c>OK</c> (or FAIL ER10 without a session).</summary>
    public static SkCommand Terminate() => new("SKTERM", NoArguments, SkReplyKind.Ok);

    /// <summary>
    /// <c>SKSENDTO &lt;HANDLE&gt; &lt;IPADDR&gt; &lt;PORT&gt; &lt;SEC&gt; [&lt;SIDE&gt;] &lt;LEN&gt; </c> followed by the raw payload and no
    /// terminator. PORT and LEN are 4 hex digits. → <c>EVENT 21</c>, <c>OK</c>.
    /// </summary>
    public static SkCommand SendTo(int handle, IPAddress destination, ushort port, SkSendSecurity security, int? side, ReadOnlyMemory<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(handle, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(handle, 6);
        if (!Enum.IsDefined(security))
        {
            throw new ArgumentOutOfRangeException(nameof(security), security, "security must be 0, 1 or 2");
        }

        if (payload.Length > MaxSendLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"SKSENDTO carries at most {MaxSendLength} bytes");
        }

        var ip = Ipv6(destination);
        string[] arguments = side is { } s
            ? [Hex((ulong)handle), ip, Hex(port, 4), Hex((ulong)security), Hex((ulong)ValidateSide(s)), Hex((ulong)payload.Length, 4)]
            : [Hex((ulong)handle), ip, Hex(port, 4), Hex((ulong)security), Hex((ulong)payload.Length, 4)];
        return new("SKSENDTO", arguments, SkReplyKind.SendResultThenOk, SkLineTerminator.None)
        {
            Payload = payload,
            Destination = destination,
            HasSideArgument = side is not null,
        };
    }

    /// <summary><c>SKTABLE &lt;MODE&gt;</c> → table header, rows, <c>OK</c>.</summary>
    public static SkCommand Table(SkTableMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown table mode");
        }

        return new("SKTABLE", [Hex((ulong)mode)], SkReplyKind.TableThenOk);
    }

    /// <summary><c>ROPT</c> + CR → <c>OK &lt;MODE2&gt;</c> + CR (FAIL ER04 on some modules).</summary>
    public static SkCommand ReadOptions() => new("ROPT", NoArguments, SkReplyKind.OkWithValue, SkLineTerminator.Cr);

    /// <summary>
    /// <c>WOPT &lt;MODE2&gt;</c> + CR → <c>OK</c> + CR. WRITES FLASH (limited to about 10,000 writes): only on an explicit
    /// request, never automatically.
    /// </summary>
    public static SkCommand WriteOptions(ErxudpDataMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown data mode");
        }

        return new("WOPT", [Hex((ulong)mode, 2)], SkReplyKind.Ok, SkLineTerminator.Cr);
    }

    /// <summary><c>RUART</c> + CR → <c>OK &lt;MODE2&gt;</c> + CR (bit 7 = flow control).</summary>
    public static SkCommand ReadUart() => new("RUART", NoArguments, SkReplyKind.OkWithValue, SkLineTerminator.Cr);

    private static string Ipv6(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("an IPv6 address is required", nameof(address));
        }

        return SkAddress.FormatIPv6(address);
    }

    private static int ValidateSide(int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(side);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(side, 1);
        return side;
    }

    private static string ValidateRegister(string register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var ok = register.Length is >= 2 and <= 3 && register[0] == 'S';
        for (var i = 1; ok && i < register.Length; i++)
        {
            ok = char.IsAsciiHexDigitUpper(register[i]) || char.IsAsciiDigit(register[i]);
        }

        if (!ok)
        {
            throw new ArgumentException($"'{register}' is not a register name (S followed by 1–2 upper-case hex digits)", nameof(register));
        }

        return register;
    }

    private static string ValidateToken(string value, int maxLength, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length < 1 || value.Length > maxLength || !IsToken(value))
        {
            throw new ArgumentException($"the value must be 1–{maxLength.ToString(CultureInfo.InvariantCulture)} printable ASCII characters without spaces", name);
        }

        return value;
    }

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
