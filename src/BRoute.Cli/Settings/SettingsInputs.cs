namespace BRoute.Cli.Settings;

/// <summary>What the command line said about the connection (null = not given).</summary>
internal sealed record SettingsInputs
{
    public string? Device { get; init; }

    public string? Id { get; init; }

    public string? Password { get; init; }

    public string? ConfigPath { get; init; }

    /// <summary>Which configured meter (--meter); null = the only one.</summary>
    public string? Meter { get; init; }

    public string? Family { get; init; }

    public string? StateDir { get; init; }

    public string? RequestTimeout { get; init; }

    public string? JoinTimeout { get; init; }

    public string? ScanMaxDuration { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Never the ID or password.</summary>
    public override string ToString() =>
        $"options (device {Device ?? "-"}, id {(Id is null ? "-" : "given")}, password {(Password is null ? "-" : "given")}, config {ConfigPath ?? "-"}, meter {Meter ?? "-"})";
}
