using System.Text;
using System.Text.RegularExpressions;
using BRoute.Cli.Help;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Help;

/// <summary>
/// Every <c>broute …</c> example in the root README, the projects' READMEs and docs/ is a command line the installed
/// <c>broute</c> accepts as written (no unknown command or option, no value of the wrong kind), and the set-up is
/// <c>./install.sh</c>, not a path into the build output.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<(string, string)>(); // the same example twice in one file is one test case
        var root = RepoRoot.Find();
        var readmes = Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
            .Prepend(Path.Combine(root, "README.md"));
        foreach (var readme in readmes)
        {
            foreach (var example in ExamplesIn(File.ReadAllText(readme)))
            {
                if (seen.Add((readme, example)))
                {
                    data.Add(Path.GetRelativePath(root, readme), example);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_readme_example_parses_as_written(string readme, string example)
    {
        var args = Tokens(example).Skip(1).ToArray(); // without "broute"
        var parse = Program.BuildRoot(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Parse(args);

        Assert.True(UsageProblems.Find(parse).Count == 0, $"{readme}: '{example}': {string.Join("; ", UsageProblems.Find(parse))}");
    }

    [Fact]
    public void The_examples_were_found_in_every_readme_that_has_some()
    {
        var examples = Examples().Select(row => (string)row[0]).ToList();
        Assert.True(examples.Count(r => r == "README.md") >= 10, "root README examples found");
        Assert.True(examples.Count(r => r.Contains("BRoute.Cli", StringComparison.Ordinal)) >= 8, "CLI README examples found");
    }

    [Fact]
    public void The_set_up_command_is_the_install_script_and_no_example_runs_the_build_output()
    {
        var root = RepoRoot.Find();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var firstBlock = CodeBlocks(readme).First();

        Assert.StartsWith("./install.sh", firstBlock.Trim(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "install.sh")));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories).Prepend(Path.Combine(root, "README.md")))
        {
            Assert.DoesNotContain("bin/Release/net10.0/broute.dll", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.DoesNotContain("alias broute", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> CodeBlocks(string markdown) =>
        FencedBlock().Matches(markdown).Select(m => m.Groups["body"].Value);

    /// <summary>Command lines: "$ broute …" in console blocks, "broute …" in sh blocks; continuations joined, comments and redirections cut.</summary>
    private static IEnumerable<string> ExamplesIn(string markdown)
    {
        foreach (Match block in FencedBlock().Matches(markdown))
        {
            var console = block.Groups["lang"].Value == "console";
            var lines = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (console)
                {
                    if (!line.StartsWith("$ broute ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    line = line[2..];
                }
                else if (!line.StartsWith("broute ", StringComparison.Ordinal) && line != "broute")
                {
                    continue;
                }

                yield return ShellEnd().Replace(line, string.Empty).Trim();
            }
        }
    }

    /// <summary>Splits like a shell: white space outside quotes; '…' and "…" group.</summary>
    private static IEnumerable<string> Tokens(string line)
    {
        var token = new StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    token.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any || token.Length > 0)
                {
                    yield return token.ToString();
                }

                token.Clear();
                any = false;
            }
            else
            {
                token.Append(c);
            }
        }

        if (any || token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    [GeneratedRegex(@"```(?<lang>\w*)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    // A comment, a redirection or a pipe ends the broute part of a shell line.
    [GeneratedRegex(@"(\s+#.*|\s+[<>|].*|\s+2>.*)$")]
    private static partial Regex ShellEnd();
}
