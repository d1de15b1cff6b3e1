using System.Text;

namespace BRoute.Cli.Output;

/// <summary>
/// One status line on a terminal, redrawn in place with CR: a shorter line wipes the rest of the longer one
/// before it. Each call flushes. Not thread-safe: the owner serialises calls.
/// </summary>
internal sealed class RedrawnLine(TextWriter writer)
{
    private int _length;

    /// <summary>Replaces the line with <paramref name="line"/>.</summary>
    public void Draw(string line)
    {
        var text = new StringBuilder("\r").Append(line);
        if (line.Length < _length)
        {
            text.Append(' ', _length - line.Length);
        }

        writer.Write(text.ToString());
        writer.Flush();
        _length = line.Length;
    }

    /// <summary>Draws <paramref name="line"/> and ends it with a newline: it stays, the next draw starts a new line.</summary>
    public void End(string line)
    {
        Draw(line);
        writer.Write('\n');
        writer.Flush();
        _length = 0;
    }

    /// <summary>Blanks the line and returns the cursor to its start (nothing when nothing is drawn).</summary>
    public void Erase()
    {
        if (_length == 0)
        {
            return;
        }

        writer.Write(new StringBuilder("\r").Append(' ', _length).Append('\r').ToString());
        writer.Flush();
        _length = 0;
    }
}
