namespace BRoute.SkStack.Parsing;

/// <summary>Splits one line (without its terminator) into space-separated tokens; runs of spaces count as one.</summary>
internal ref struct SpanTokenizer
{
    private ReadOnlySpan<byte> _rest;

    public SpanTokenizer(ReadOnlySpan<byte> line)
    {
        _rest = line;
    }

    /// <summary>The unread part of the line, leading spaces skipped.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest.TrimStart((byte)' ');

    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        _rest = _rest.TrimStart((byte)' ');
        if (_rest.IsEmpty)
        {
            token = default;
            return false;
        }

        var space = _rest.IndexOf((byte)' ');
        if (space < 0)
        {
            token = _rest;
            _rest = default;
        }
        else
        {
            token = _rest[..space];
            _rest = _rest[(space + 1)..];
        }

        return true;
    }

    /// <summary>True when no token is left.</summary>
    public readonly bool AtEnd => Rest.IsEmpty;
}
