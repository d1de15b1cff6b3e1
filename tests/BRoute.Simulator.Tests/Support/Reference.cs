namespace BRoute.Simulator.Tests.Support;

/// <summary>Finds the shared reference folder: walk up to BRoute.slnx, then &lt;repo&gt;/../shared/reference (or an ancestor's shared/).</summary>
internal static class Reference
{
    public static string Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new FileNotFoundException($"BRoute.slnx not found above {AppContext.BaseDirectory}; cannot locate shared/reference/{file}");
        }

        for (var up = dir.Parent; up is not null; up = up.Parent)
        {
            var path = Path.Combine(up.FullName, "shared", "reference", file);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException($"reference file missing: expected {Path.Combine(dir.FullName, "..", "shared", "reference", file)}");
    }
}
