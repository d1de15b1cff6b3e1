using System.CommandLine;
using BRoute.Cli.Running;

namespace BRoute.Cli.Output;

/// <summary>The <c>--json</c> / <c>--csv</c> options of <c>broute read</c> (a table when neither is given).</summary>
internal sealed class ReadFormatOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "One JSON object: {\"meter\":{…},\"properties\":[…]} (properties as 'broute decode --json' prints them)." };

    public Option<bool> Csv { get; } = new("--csv") { Description = "CSV (RFC 4180), one record per value: epc,name,field,timestamp,status,value,unit,raw; histories one record per slot." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Json);
        command.Options.Add(Csv);
    }

    /// <summary>The chosen format; both at once is a <see cref="CliUsageException"/>.</summary>
    public ReadFormat Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return (parse.GetValue(Json), parse.GetValue(Csv)) switch
        {
            (true, true) => throw new CliUsageException("--json and --csv exclude each other; give one"),
            (true, false) => ReadFormat.Json,
            (false, true) => ReadFormat.Csv,
            _ => ReadFormat.Table,
        };
    }
}
