namespace BRoute.Cli.Tests.Support;

/// <summary>The repository's root folder (the one holding BRoute.slnx), found above the test binaries.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("BRoute.slnx not found above the test folder");
    }
}
