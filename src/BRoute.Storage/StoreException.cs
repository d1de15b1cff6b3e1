namespace BRoute.Storage;

/// <summary>What went wrong with the store file.</summary>
public enum StoreFailure
{
    /// <summary>The file or its directory cannot be opened or created.</summary>
    CannotOpen,

    /// <summary>The file is not a SQLite database or fails its integrity check; it is left untouched.</summary>
    Corrupt,

    /// <summary>The file is a SQLite database of another program.</summary>
    NotABRouteStore,

    /// <summary>The file was written by a newer BRoute (its schema version is higher than this one knows).</summary>
    NewerSchema,

    /// <summary>The file or its file system is read-only.</summary>
    ReadOnly,

    /// <summary>The disk (or the file system's quota) is full.</summary>
    DiskFull,

    /// <summary>Another process holds a lock on the file for too long.</summary>
    Busy,

    /// <summary>The operating system reported an I/O error.</summary>
    IoError,

    /// <summary>Anything else SQLite reported.</summary>
    Other,
}

/// <summary>The store cannot do what was asked. The message names the file, the cause and what to do; never a credential.</summary>
public sealed class StoreException : BRouteException
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreException(StoreFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public StoreException(StoreFailure failure, string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure, for callers that retry some (disk full, busy) and stop on others (corrupt).</summary>
    public StoreFailure Failure { get; } = StoreFailure.Other;

    /// <summary>True when waiting and retrying may help (disk full, read-only, busy, I/O error).</summary>
    public bool IsTransient => Failure is StoreFailure.DiskFull or StoreFailure.ReadOnly or StoreFailure.Busy or StoreFailure.IoError;
}
