using System.Globalization;
using System.Text;
using BRoute.SkStack.Commands;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>One command as the firmware sees it: the text, the raw SKSENDTO payload, and its terminator.</summary>
internal sealed record CommandInput(string Text, byte[]? Data, bool CrOnly);

/// <summary>
/// Turns the serial byte stream into commands the way the firmware reads it: a line ends at CR (a following LF is
/// part of the terminator) or at a lone LF; SKSENDTO switches to counted raw bytes after its LEN token, so the
/// payload may hold spaces, CR and LF and is not echoed. Echo bytes are collected for the caller.
/// </summary>
internal sealed class InputFramer
{
    /// <summary>Longest command line accepted; longer input is answered with FAIL ER09.</summary>
    public const int MaxLine = 1024;

    private readonly StringBuilder _line = new();
    private readonly int _sendtoHeaderSpaces;
    private readonly List<byte> _data = [];
    private int _dataLength = -1;
    private bool _afterCr;
    private bool _discardToEol;

    public InputFramer(bool dualSide) => _sendtoHeaderSpaces = dualSide ? 7 : 6;

    /// <summary>Echo to write back (when echo is on) for the bytes consumed so far.</summary>
    public List<byte> Echo { get; } = [];

    /// <summary>
    /// Feeds one byte. Returns a completed command, or null. <paramref name="error"/> is set when the input
    /// must be answered with a FAIL (overlong line, SKSENDTO header that cannot be parsed).
    /// </summary>
    public CommandInput? Feed(byte b, out SkErrorCode? error)
    {
        error = null;
        if (_dataLength >= 0)
        {
            _data.Add(b);
            if (_data.Count < _dataLength)
            {
                return null;
            }

            var cmd = new CommandInput(_line.ToString(), [.. _data], false);
            ResetLine();
            return cmd;
        }

        Echo.Add(b);
        if (b == '\n' && _afterCr)
        {
            _afterCr = false;
            return null; // LF of a CRLF: already terminated at the CR
        }

        _afterCr = b == '\r';
        if (b is (byte)'\r' or (byte)'\n')
        {
            if (_discardToEol)
            {
                ResetLine();
                return null;
            }

            var text = _line.ToString();
            ResetLine();
            return text.Length == 0 ? null : new CommandInput(text, null, b == '\r');
        }

        if (_discardToEol)
        {
            return null;
        }

        if (_line.Length >= MaxLine)
        {
            _discardToEol = true;
            error = SkErrorCode.ER09;
            return null;
        }

        _line.Append((char)b);
        if (b == ' ' && _line.Length > 9 && _line.ToString(0, 9) == "SKSENDTO ")
        {
            var spaces = 0;
            for (var i = 0; i < _line.Length; i++)
            {
                spaces += _line[i] == ' ' ? 1 : 0;
            }

            if (spaces == _sendtoHeaderSpaces)
            {
                var tokens = _line.ToString().Split(' ');
                var lenToken = tokens[^2];
                if (lenToken.Length is >= 1 and <= 4
                    && int.TryParse(lenToken, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var len)
                    && len is > 0 and <= SkCommand.MaxSendLength)
                {
                    _dataLength = len;
                    _data.Clear();
                }
                else
                {
                    // The firmware cannot know where the payload ends: reject and skip to the end of the line.
                    _discardToEol = true;
                    error = SkErrorCode.ER06;
                }
            }
        }

        return null;
    }

    private void ResetLine()
    {
        _line.Clear();
        _data.Clear();
        _dataLength = -1;
        _discardToEol = false;
    }
}
