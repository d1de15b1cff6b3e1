namespace BRoute.Daemon.Configuration;

/// <summary>
/// The configuration cannot be used. <see cref="Problems"/> has one line per problem, each naming the key, where it
/// came from, what is wrong and how to fix it — never a secret's value.
/// </summary>
public sealed class ConfigException : BRouteException
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : this([message])
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public ConfigException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : $"{problems.Count} problems in the configuration:\n  " + string.Join("\n  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every B-route ID value the configuration held, so a caller can mask it in whatever it shows next (never part of <see cref="Exception.Message"/>).</summary>
    public IReadOnlyList<string> IdValues { get; init; } = [];

    /// <summary>Every other secret value the configuration held (passwords, tokens), for the same purpose.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    /// <summary>Each problem, in the order found.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
