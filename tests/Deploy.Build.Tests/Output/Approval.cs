using System.Runtime.CompilerServices;

namespace Deploy.Build.Tests.Output;

/// <summary>
/// Compares text users read against <c>Approved/NAME.approved.txt</c> in the source tree. On a difference it
/// writes <c>NAME.received.txt</c> beside it and fails with the first differing line: review the two, and if
/// the new text is right, move the received file over the approved one.
/// </summary>
internal static class Approval
{
    public static void Verify(string received, string name)
    {
        received = received.ReplaceLineEndings("\n");
        var directory = ApprovedDirectory();
        var approvedPath = Path.Combine(directory, name + ".approved.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var hint = $"Review: diff -u {approvedPath} {receivedPath}\nAccept: mv {receivedPath} {approvedPath}";
        if (approved is null)
        {
            Assert.Fail($"There is no approved text for {name} yet; wrote what this run produced.\n{hint}");
        }

        var expectedLines = approved.Split('\n');
        var actualLines = received.Split('\n');
        var line = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail(
            $"{name} differs from its approved text at line {line + 1}:\n" +
            $"  approved: {(line < expectedLines.Length ? expectedLines[line] : "(end of text)")}\n" +
            $"  received: {(line < actualLines.Length ? actualLines[line] : "(end of text)")}\n{hint}");
    }

    /// <summary>
    /// tests/Deploy.Build.Tests/Approved, found from this file's place in the source tree (so a received file
    /// lands beside the approved one); the copy in the output directory when the sources are not there (a
    /// build with mapped source paths).
    /// </summary>
    private static string ApprovedDirectory([CallerFilePath] string thisFile = "")
    {
        var source = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Approved"));
        return Directory.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "Approved");
    }
}
