namespace BRoute.Storage.Tests;

public sealed class StorePathsTests
{
    [Fact]
    public void Systemd_state_directory_wins()
    {
        var env = new Dictionary<string, string?> { ["STATE_DIRECTORY"] = "/var/lib/broute:/var/lib/other", ["XDG_STATE_HOME"] = "/home/u/.state" };
        Assert.Equal("/var/lib/broute/broute.db", StorePaths.Default(n => env.GetValueOrDefault(n), "/home/u"));
    }

    [Fact]
    public void Xdg_state_home_comes_next()
    {
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "/home/u/.state" };
        Assert.Equal("/home/u/.state/broute/broute.db", StorePaths.Default(n => env.GetValueOrDefault(n), "/home/u"));
    }

    [Fact]
    public void A_relative_xdg_state_home_is_ignored_as_the_spec_says()
    {
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "relative/state" };
        Assert.Equal("/home/u/.local/state/broute/broute.db", StorePaths.Default(n => env.GetValueOrDefault(n), "/home/u"));
    }

    [Fact]
    public void Otherwise_the_home_local_state_folder()
        => Assert.Equal("/home/u/.local/state/broute/broute.db", StorePaths.Default(_ => null, "/home/u"));
}
