namespace Deploy.Build.Reports;

/// <summary>Renders run.json into run.html.</summary>
internal static class RunReportFile
{
    /// <summary>Writes <c>run.html</c> into <paramref name="directory"/> from a run record's bytes; returns its path.</summary>
    /// <exception cref="FormatException">The bytes are not a run record.</exception>
    public static string Write(ReadOnlySpan<byte> runJson, string directory)
    {
        var page = RunPage.Render(Records.RecordedRun.Parse(runJson));
        var path = Path.Combine(directory, RunPage.FileName);
        Html.Write(path, page);
        return path;
    }
}
