using BRoute.SkStack.Commands;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Logging;

namespace BRoute.SkStack.Device;

/// <summary>Bringing a dongle that a previous program left mid-command back to its prompt.</summary>
public sealed partial class SkDevice
{
    /// <summary>Probes (SKVER) a dongle gets before the first fill: a fill, then the answer to the completed SKSENDTO, then a clean answer.</summary>
    private const int PromptProbes = 4;

    /// <summary>
    /// Makes sure the dongle is at its command prompt. A dongle left in the middle of an <c>SKSENDTO</c> by a previous
    /// program (it stopped after the LEN token, or part-way through the payload) takes every byte that follows as
    /// payload, so no command would be answered. This probes with <c>SKVER</c> (waiting at most
    /// <paramref name="probeTimeout"/>); when nothing answers, it writes <see cref="SkCommand.MaxSendLength"/> bytes of
    /// CRLF — enough to complete the longest payload, the rest being empty lines the firmware ignores (skstack.md §9–10:
    /// an extra CRLF after SKSENDTO is taken as an empty command line) — and probes again. The completed datagram goes
    /// out; its EVENT 21 and OK arrive unsolicited. Returns true when the dongle had to be brought back.
    /// </summary>
    /// <exception cref="SkTimeoutException">Still no answer after the fill: the dongle is not answering at all.</exception>
    public async Task<bool> RecoverPromptAsync(TimeSpan probeTimeout, CancellationToken cancellationToken = default)
    {
        var filled = false;
        for (var probe = 1; ; probe++)
        {
            try
            {
                await ExecuteAsync(SkCommand.Version(), probeTimeout, cancellationToken).ConfigureAwait(false);
                return filled;
            }
            catch (SkTimeoutException) when (!filled)
            {
                SkLog.FillingPayload(_logger, SkCommand.MaxSendLength);
                await WriteFillAsync(cancellationToken).ConfigureAwait(false);
                filled = true;
            }
            catch (Exception ex) when (probe < PromptProbes && ex is SkUnexpectedResponseException or SkCommandFailedException)
            {
                // The OK / FAIL of the SKSENDTO the fill completed, or the tail of our probe read as a command: ask again.
            }
        }
    }

    private async Task WriteFillAsync(CancellationToken cancellationToken)
    {
        var fill = new byte[SkCommand.MaxSendLength];
        for (var i = 0; i < fill.Length; i += 2)
        {
            fill[i] = (byte)'\r';
            fill[i + 1] = (byte)'\n';
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost();
            await _transport.Stream.WriteAsync(fill, cancellationToken).ConfigureAwait(false);
            await _transport.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            var lost = new SkTransportLostException($"{Description}: writing to the dongle failed: {ex.Message}", ex);
            MarkLost(lost);
            throw lost;
        }
        finally
        {
            _gate.Release();
        }
    }
}
