using Deploy.Build.Definition;
using Deploy.Build.Fingerprints;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>
/// A fingerprint is a function of content: the same inputs give the same key in every run, a changed byte, a new
/// file the patterns select, a value or what a needed target passed on give another; times and excluded files do not.
/// Each "run" is a fresh fingerprinter over the cache the previous one saved, as the engine does.
/// </summary>
public sealed class FingerprintTests : IDisposable
{
    // Long enough ago that a hash of the file is kept (FileHashes.Settled).
    private static readonly DateTime LongAgo = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "deploy-fingerprint-" + Guid.NewGuid().ToString("N")[..12]);

    public FingerprintTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp"));
        Write("src/Program.cs", "Console.WriteLine(1);");
        Write("src/Orders/Order.cs", "record Order(int Id);");
        Write("src/notes.md", "notes");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content, DateTime? written = null)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, written ?? LongAgo);
        return path;
    }

    private static TargetSpec Target(params DeclaredInput[] inputs) => new() { Index = 0, Name = "Compile", Inputs = inputs };

    private static DeclaredInput Sources(params string[] patterns) => DeclaredInput.ForFiles(() => "src", patterns.Length == 0 ? ["*.cs"] : patterns);

    /// <summary>One run's fingerprint: a new cache object reading what the last run saved, and saving what it learnt.</summary>
    private async Task<(Fingerprint Fingerprint, int FilesRead)> RunAsync(TargetSpec target, params (string Name, string? Contribution)[] needs)
    {
        var hashes = new FileHashes(Path.Combine(_root, ".nuke", "temp"));
        var fingerprinter = new Fingerprinter(_root, hashes, new Lazy<string>("the build's code"), member => member == "Configuration" ? "--configuration" : null);
        var fingerprint = await fingerprinter.ComputeAsync(target, needs);
        await hashes.SaveAsync();
        return (fingerprint, hashes.Computed);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_key_and_the_second_run_reads_no_file()
    {
        var target = Target(Sources());

        var (first, firstRead) = await RunAsync(target);
        var (second, secondRead) = await RunAsync(target);

        Assert.Matches("^[0-9a-f]{64}$", first.Key);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(2, firstRead);
        Assert.Equal(0, secondRead);
    }

    [Fact]
    public async Task One_changed_byte_gives_another_key()
    {
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);

        Write("src/Orders/Order.cs", "record Order(int Ix);", LongAgo.AddMinutes(1));
        var (after, read) = await RunAsync(target);

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal(1, read);
    }

    [Fact]
    public async Task A_file_whose_time_changed_but_not_its_content_is_read_again_and_gives_the_same_key()
    {
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);

        File.SetLastWriteTimeUtc(Path.Combine(_root, "src", "Program.cs"), LongAgo.AddHours(5));
        var (after, read) = await RunAsync(target);

        Assert.Equal(before.Key, after.Key);
        Assert.Equal(1, read);
    }

    [Fact]
    public async Task A_file_written_just_now_is_read_again_even_with_its_size_and_time_unchanged()
    {
        // Two writes within the file system's timestamp granularity leave size and time as they were: the hash of a
        // file written just before it was read is not kept, so the second content is read (git's racy entries).
        var path = Path.Combine(_root, "src", "Program.cs");
        File.WriteAllText(path, "Console.WriteLine(1);");
        var written = File.GetLastWriteTimeUtc(path);
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);

        File.WriteAllText(path, "Console.WriteLine(2);");
        File.SetLastWriteTimeUtc(path, written);
        var (after, read) = await RunAsync(target);

        Assert.NotEqual(before.Key, after.Key);
        Assert.True(read >= 1);
    }

    [Fact]
    public async Task A_new_file_the_patterns_select_gives_another_key_and_one_they_do_not_the_same()
    {
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);

        Write("src/Orders/Readme.txt", "not a source");
        var (unselected, _) = await RunAsync(target);
        Write("src/Orders/Refund.cs", "record Refund(int Id);");
        var (selected, _) = await RunAsync(target);

        Assert.Equal(before.Key, unselected.Key);
        Assert.NotEqual(before.Key, selected.Key);
        Assert.Equal("src/Orders/Refund.cs added", FingerprintChanges.Describe(selected, before));
    }

    [Fact]
    public async Task A_file_a_pattern_or_a_gitignore_excludes_changes_nothing()
    {
        Write(".gitignore", "*.generated.cs\n");
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var target = Target(Sources("*", "!*.md"));
        var (before, _) = await RunAsync(target);

        Write("src/notes.md", "other notes", LongAgo.AddMinutes(1));
        Write("src/Orders/Order.generated.cs", "// generated");
        var (after, _) = await RunAsync(target);

        Assert.Equal(before.Key, after.Key);
        Assert.DoesNotContain(after.Inputs[0].Files!, f => f.Path.EndsWith(".md", StringComparison.Ordinal) || f.Path.Contains("generated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_file_gives_another_key_and_is_named_as_removed()
    {
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);

        File.Delete(Path.Combine(_root, "src", "Program.cs"));
        var (after, _) = await RunAsync(target);

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal("src/Program.cs removed", FingerprintChanges.Describe(after, before));
    }

    [Fact]
    public async Task Values_parameters_and_what_needed_targets_passed_on_are_inputs_by_content()
    {
        var version = "10.0.100";
        object? configuration = "Release";
        var target = Target(
            DeclaredInput.ForParameter("Configuration", () => configuration),
            DeclaredInput.ForValue("dotnet version", _ => Task.FromResult<object?>(version)));
        var (before, _) = await RunAsync(target, ("Restore", "aa"));
        var (same, _) = await RunAsync(target, ("Restore", "aa"));

        configuration = "Debug";
        var (configured, _) = await RunAsync(target, ("Restore", "aa"));
        configuration = "Release";
        version = "10.0.200";
        var (retooled, _) = await RunAsync(target, ("Restore", "aa"));
        version = "10.0.100";
        var (upstream, _) = await RunAsync(target, ("Restore", "bb"));

        Assert.Equal(before.Key, same.Key);
        Assert.Equal("--configuration changed", FingerprintChanges.Describe(configured, before));
        Assert.Equal("dotnet version changed", FingerprintChanges.Describe(retooled, before));
        Assert.Equal("Restore changed", FingerprintChanges.Describe(upstream, before));
        Assert.Equal(3, new[] { configured.Key, retooled.Key, upstream.Key }.Distinct().Count(k => k != before.Key));
    }

    [Fact]
    public async Task Lists_and_numbers_are_values_item_by_item_in_the_invariant_culture()
    {
        string[] tags = ["latest", "v1"];
        var target = Target(DeclaredInput.ForValue("tags", _ => Task.FromResult<object?>(tags)), DeclaredInput.ForValue("ratio", _ => Task.FromResult<object?>(1.5)));
        var (before, _) = await RunAsync(target);

        tags = ["latest", "v2"];
        var (after, _) = await RunAsync(target);

        Assert.Equal("tags changed", FingerprintChanges.Describe(after, before));
        Assert.Equal("1.5", Fingerprinter.Text(1.5));
        Assert.NotEqual(Fingerprinter.Text(new List<string> { "a b" }), Fingerprinter.Text(new List<string> { "a", "b" }));
    }

    [Fact]
    public async Task A_damaged_cache_is_ignored_and_the_files_are_read_again()
    {
        var target = Target(Sources());
        var (before, _) = await RunAsync(target);
        var cache = Path.Combine(_root, ".nuke", "temp", FileHashes.FileName);
        var bytes = File.ReadAllBytes(cache);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(cache, bytes);

        var (after, read) = await RunAsync(target);

        Assert.Equal(before.Key, after.Key);
        Assert.Equal(2, read);
    }

    [Fact]
    public async Task Files_named_one_by_one_count_a_missing_one_and_its_creation()
    {
        var target = Target(DeclaredInput.ForPaths(() => ["src/Program.cs", "global.json"]));
        var (before, _) = await RunAsync(target);

        Write("global.json", "{}");
        var (after, _) = await RunAsync(target);

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal("global.json changed", FingerprintChanges.Describe(after, before));
    }
}
