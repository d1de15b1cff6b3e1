namespace BRoute.SkStack.Errors;

/// <summary>Root of every exception the SKSTACK driver throws. Messages never contain credentials.</summary>
public class SkStackException : Exception
{
    public SkStackException()
    {
    }

    public SkStackException(string message)
        : base(message)
    {
    }

    public SkStackException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
