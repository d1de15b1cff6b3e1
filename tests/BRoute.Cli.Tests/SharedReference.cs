namespace BRoute.Cli.Tests;

/// <summary>Finds <c>../shared/reference/</c> beside the repository (as laid out for developers and CI).</summary>
internal static class SharedReference
{
    public static string PathOf(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "reference", fileName);
                return File.Exists(path)
                    ? Path.GetFullPath(path)
                    : throw new FileNotFoundException($"the shared reference file is missing: expected {Path.GetFullPath(path)} (shared/ must sit beside the repository)", path);
            }
        }

        throw new DirectoryNotFoundException($"no BRoute.slnx above {AppContext.BaseDirectory}");
    }
}
