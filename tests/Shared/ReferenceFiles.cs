namespace BRoute.Testing;

/// <summary>
/// Finds the shared reference files: walks up to BRoute.slnx, then looks for <c>shared/reference/</c> beside it.
/// One copy, compiled into every test project (tests/Directory.Build.props).
/// </summary>
internal static class ReferenceFiles
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"BRoute.slnx not found above {AppContext.BaseDirectory}: run the tests from inside the repository");
        }
    }

    /// <summary>
    /// The path of a reference file: <c>&lt;repo&gt;/../shared/reference/</c> (CI and the main checkout), else the same
    /// relative folder above an ancestor (a git worktree nested one level deeper).
    /// </summary>
    public static string PathOf(string name)
    {
        var tried = new List<string>();
        for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "reference", name);
            if (File.Exists(path))
            {
                return path;
            }

            tried.Add(path);
        }

        throw new FileNotFoundException(
            $"reference file {name} missing: expected the shared reference folder as a sibling of the repository (<repo>/../shared/reference/); tried {string.Join(", ", tried)}",
            name);
    }

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string[] ReadLines(string name) => File.ReadAllLines(PathOf(name));

    public static string ReadText(string name) => File.ReadAllText(PathOf(name));
}
