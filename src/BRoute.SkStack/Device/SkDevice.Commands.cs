using System.Globalization;
using System.Net;
using BRoute.SkStack.Commands;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Device;

/// <summary>Typed commands (skstack.md §3). Each throws the exceptions listed on <see cref="ExecuteAsync"/>.</summary>
public sealed partial class SkDevice
{
    /// <summary>SKVER → the EVER version, e.g. <c>1.2.10</c>.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default) =>
        Reply<SkVersionLine>(await ExecuteAsync(SkCommand.Version(), null, cancellationToken).ConfigureAwait(false)).Version;

    /// <summary>SKAPPVER → the EAPPVER string, e.g. <c>rev26e</c>.</summary>
    public async Task<string> GetAppVersionAsync(CancellationToken cancellationToken = default) =>
        Reply<SkAppVersionLine>(await ExecuteAsync(SkCommand.AppVersion(), null, cancellationToken).ConfigureAwait(false)).Version;

    /// <summary>SKINFO → EINFO (own address, MAC, channel, PAN ID, 5th token).</summary>
    public async Task<SkInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        Reply<SkInfo>(await ExecuteAsync(SkCommand.Info(), null, cancellationToken).ConfigureAwait(false));

    /// <summary>SKRESET. The dialect stays (it is a property of the firmware); echo returns to on.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => ExecuteAsync(SkCommand.Reset(), null, cancellationToken);

    /// <summary>SKSREG &lt;REG&gt; → the ESREG value as printed.</summary>
    public async Task<string> ReadRegisterAsync(string register, CancellationToken cancellationToken = default) =>
        Reply<SkRegisterValue>(await ExecuteAsync(SkCommand.ReadRegister(register), null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>SKSREG &lt;REG&gt; &lt;VAL&gt; with the value as given (volatile register; not saved to flash).</summary>
    public Task WriteRegisterAsync(string register, string value, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.WriteRegister(register, value), null, cancellationToken);

    /// <summary>SKSREG &lt;REG&gt; &lt;hex&gt; (e.g. channel: <c>SKSREG S2 21</c>; PAN ID: <c>SKSREG S3 8888</c>).</summary>
    public Task WriteRegisterAsync(string register, ulong value, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.WriteRegister(register, value), null, cancellationToken);

    /// <summary>SKSETPWD (the password is masked in every log line and never put in an exception).</summary>
    public Task SetPasswordAsync(string password, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.SetPassword(password), null, cancellationToken);

    /// <summary>SKSETRBID (the ID is masked in every log line and never put in an exception).</summary>
    public Task SetRouteBIdAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.SetRouteBId(id), null, cancellationToken);

    /// <summary>
    /// SKSCAN in the dialect's form (SIDE 0 appended on dual-side firmware). Completes on OK; the EVENT 20 /
    /// EPANDESC / EVENT 22 (or EVENT 1F / EEDSCAN) lines then arrive on <see cref="Events"/>. When the dialect is
    /// tentative and the dongle answers FAIL ER05/ER06, the other form is tried once and the dialect corrected.
    /// </summary>
    public async Task StartScanAsync(SkScanMode mode, int duration, uint channelMask = 0xFFFFFFFF, CancellationToken cancellationToken = default)
    {
        var dialect = await EnsureDialectAsync(cancellationToken).ConfigureAwait(false);
        var side = dialect.HasSideArgument ? 0 : (int?)null;
        try
        {
            await ExecuteAsync(SkCommand.Scan(mode, channelMask, duration, side), null, cancellationToken).ConfigureAwait(false);
        }
        catch (SkCommandFailedException ex) when (dialect.IsTentative && ex.Code is SkErrorCode.ER05 or SkErrorCode.ER06)
        {
            var other = side is null ? 0 : (int?)null;
            await ExecuteAsync(SkCommand.Scan(mode, channelMask, duration, other), null, cancellationToken).ConfigureAwait(false);
            Correct(
                d => d with { HasSideArgument = other is not null, IsTentative = false },
                $"SKSCAN {(side is null ? "without" : "with")} SIDE answered FAIL {SkErrorCodes.Format(ex.Code)}, the other form was accepted");
        }
    }

    /// <summary>SKLL64 &lt;MAC&gt; → the link-local IPv6 address (the reply has no OK).</summary>
    public async Task<IPAddress> GetLinkLocalAddressAsync(ulong mac, CancellationToken cancellationToken = default) =>
        Reply<SkAddressLine>(await ExecuteAsync(SkCommand.LinkLocalAddress(mac), null, cancellationToken).ConfigureAwait(false)).Address;

    /// <summary>SKADDNBR &lt;IPADDR&gt; &lt;MAC&gt;.</summary>
    public Task AddNeighborAsync(IPAddress address, ulong mac, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.AddNeighbor(address, mac), null, cancellationToken);

    /// <summary>SKPING; the EPONG arrives on <see cref="Events"/>.</summary>
    public Task PingAsync(IPAddress address, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.Ping(address), null, cancellationToken);

    /// <summary>SKJOIN; completes on OK. EVENT 25 (success) or EVENT 24 (failure) arrives on <see cref="Events"/>.</summary>
    public Task JoinAsync(IPAddress address, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SkCommand.Join(address), null, cancellationToken);

    /// <summary>SKREJOIN (FAIL ER10 without a session); EVENT 25/24 on <see cref="Events"/>.</summary>
    public Task RejoinAsync(CancellationToken cancellationToken = default) => ExecuteAsync(SkCommand.Rejoin(), null, cancellationToken);

    /// <summary>SKTERM (FAIL ER10 without a session); EVENT 27/28 on <see cref="Events"/>.</summary>
    public Task TerminateAsync(CancellationToken cancellationToken = default) => ExecuteAsync(SkCommand.Terminate(), null, cancellationToken);

    /// <summary>
    /// SKSENDTO in the dialect's form; completes on OK and returns the PARAM of the EVENT 21 seen before it
    /// (<see cref="UdpSendResult.NeighborSolicitation"/>: the final EVENT 21 comes later on <see cref="Events"/>;
    /// null: none came before OK). Replies (ERXUDP) arrive on <see cref="Events"/>.
    /// </summary>
    public async Task<UdpSendResult?> SendToAsync(IPAddress destination, ReadOnlyMemory<byte> payload, SkSendOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SkSendOptions.Default;
        var dialect = await EnsureDialectAsync(cancellationToken).ConfigureAwait(false);
        var command = SkCommand.SendTo(options.Handle, destination, options.Port, options.Security, dialect.HasSideArgument ? options.Side : null, payload);
        return (await ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false)).SendResult;
    }

    /// <summary>SKTABLE 1 → the own IPv6 addresses (EADDR).</summary>
    public async Task<IReadOnlyList<IPAddress>> GetAddressesAsync(CancellationToken cancellationToken = default) =>
        (await GetTableAsync(SkTableMode.Addresses, cancellationToken).ConfigureAwait(false)).OfType<SkAddressLine>().Select(a => a.Address).ToList();

    /// <summary>SKTABLE 2 → the neighbour cache (ENEIGHBOR).</summary>
    public async Task<IReadOnlyList<SkNeighborEntry>> GetNeighborsAsync(CancellationToken cancellationToken = default) =>
        (await GetTableAsync(SkTableMode.Neighbors, cancellationToken).ConfigureAwait(false)).OfType<SkNeighborEntry>().ToList();

    /// <summary>SKTABLE &lt;MODE&gt; → the header and rows as items.</summary>
    public async Task<IReadOnlyList<SkItem>> GetTableAsync(SkTableMode mode, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(SkCommand.Table(mode), null, cancellationToken).ConfigureAwait(false)).Lines;

    /// <summary>
    /// ROPT → the ERXUDP data mode, or null when the module does not implement ROPT (FAIL ER04). A known mode makes the
    /// reader strict about it.
    /// </summary>
    public async Task<ErxudpDataMode?> ReadDataModeAsync(CancellationToken cancellationToken = default)
    {
        if (await ReadSettingByteAsync(SkCommand.ReadOptions(), cancellationToken).ConfigureAwait(false) is not { } bits)
        {
            return null;
        }

        var mode = (bits & 1) == 1 ? ErxudpDataMode.AsciiHex : ErxudpDataMode.Binary;
        UseDataMode(mode);
        return mode;
    }

    /// <summary>
    /// WOPT: sets the ERXUDP data mode IN FLASH (the manual limits flash writes to about 10,000). Never called by the
    /// driver itself; call it only on an explicit user request, after <see cref="ReadDataModeAsync"/> showed a change is needed.
    /// </summary>
    public async Task WriteDataModeAsync(ErxudpDataMode mode, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(SkCommand.WriteOptions(mode), null, cancellationToken).ConfigureAwait(false);
        UseDataMode(mode);
    }

    /// <summary>RUART → the UART setting byte (bit 7 = hardware flow control), or null without RUART (FAIL ER04).</summary>
    public Task<byte?> ReadUartSettingAsync(CancellationToken cancellationToken = default) =>
        ReadSettingByteAsync(SkCommand.ReadUart(), cancellationToken);

    /// <summary>ROPT / RUART: the <c>OK &lt;MODE2&gt;</c> hex byte, or null when the module answers FAIL ER04 (not implemented).</summary>
    private async Task<byte?> ReadSettingByteAsync(SkCommand command, CancellationToken cancellationToken)
    {
        SkResponse response;
        try
        {
            response = await ExecuteAsync(command, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SkCommandFailedException ex) when (ex.Code == SkErrorCode.ER04)
        {
            return null;
        }

        return response.Ok?.Value is { } value && byte.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : throw new SkUnexpectedResponseException(command.Name, $"expected OK <MODE2>, got {response.Ok}");
    }

    /// <summary>The reader becomes strict about <paramref name="mode"/>, and the dialect records it.</summary>
    private void UseDataMode(ErxudpDataMode mode)
    {
        _reader.DataMode = mode;
        Correct(d => d with { DataMode = mode }, reason: null);
    }

    private static T Reply<T>(SkResponse response)
        where T : SkItem =>
        response.Lines.OfType<T>().FirstOrDefault() ?? throw new SkUnexpectedResponseException(typeof(T).Name, "the reply line is missing");
}
