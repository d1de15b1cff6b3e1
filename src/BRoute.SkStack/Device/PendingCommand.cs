using BRoute.SkStack.Commands;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Device;

/// <summary>
/// The one command in flight: decides which incoming items belong to it and completes when its reply is whole.
/// Called from the reader loop only; completion continuations run asynchronously.
/// </summary>
internal sealed class PendingCommand
{
    private readonly List<SkItem> _lines = [];
    private UdpSendResult? _sendResult;

    public PendingCommand(SkCommand command)
    {
        Command = command;
    }

    public SkCommand Command { get; }

    public TaskCompletionSource<SkResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when the item was part of this command's reply (consumed).</summary>
    public bool TryAccept(SkItem item)
    {
        switch (item)
        {
            case SkFail fail:
                Completion.TrySetException(new SkCommandFailedException(Command.Name, fail.Code));
                return true;
            case SkEchoLine or SkBlankLine:
                return true; // the echo of this command, or the bare CRLF after SKSENDTO
        }

        switch (Command.Reply)
        {
            case SkReplyKind.Ok or SkReplyKind.OkWithValue when item is SkOk ok:
                return Complete(ok);
            case SkReplyKind.VersionThenOk:
                return Collect<SkVersionLine>(item, "EVER");
            case SkReplyKind.AppVersionThenOk:
                return Collect<SkAppVersionLine>(item, "EAPPVER");
            case SkReplyKind.InfoThenOk:
                return Collect<SkInfo>(item, "EINFO");
            case SkReplyKind.RegisterThenOk:
                return Collect<SkRegisterValue>(item, "ESREG");
            case SkReplyKind.AddressLine when item is SkAddressLine address:
                _lines.Add(address);
                Completion.TrySetResult(new SkResponse(_lines, null, null));
                return true;
            case SkReplyKind.SendResultThenOk:
                if (item is SkEvent { Code: SkEventCode.UdpSendFinished } udp && Command.Destination is { } destination && destination.Equals(udp.Address))
                {
                    _sendResult = udp.SendResult;
                    return true;
                }

                return item is SkOk sent && Complete(sent);
            case SkReplyKind.TableThenOk:
                return CollectTable(item);
            default:
                return false;
        }
    }

    /// <summary>One reply line of type <typeparamref name="T"/> (printed as <paramref name="keyword"/>), then OK.</summary>
    private bool Collect<T>(SkItem item, string keyword)
        where T : SkItem
    {
        if (item is T line && _lines.Count == 0)
        {
            _lines.Add(line);
            return true;
        }

        if (item is SkOk ok)
        {
            if (_lines.Count == 0)
            {
                Completion.TrySetException(new SkUnexpectedResponseException(Command.Name, $"OK without the {keyword} line"));
                return true;
            }

            return Complete(ok);
        }

        return false;
    }

    private bool CollectTable(SkItem item)
    {
        switch (item)
        {
            case SkTableHeader when _lines.Count == 0:
                _lines.Add(item);
                return true;
            case SkAddressLine or SkNeighborEntry or SkTableRow when _lines.Count > 0: // after the header
                _lines.Add(item);
                return true;
            case SkOk ok:
                return Complete(ok);
            default:
                return false;
        }
    }

    private bool Complete(SkOk ok)
    {
        Completion.TrySetResult(new SkResponse(_lines, ok, _sendResult));
        return true;
    }
}
