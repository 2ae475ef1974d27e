using Deploy.Build.Fingerprints;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>Which files of a directory are inputs: the patterns' choice, minus what .gitignore files exclude, as git sees it.</summary>
public sealed class FileTreeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "deploy-tree-" + Guid.NewGuid().ToString("N")[..12]);

    public FileTreeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(params string[] relatives)
    {
        foreach (var relative in relatives)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, relative);
        }
    }

    private List<string> Select(string directory, params string[] patterns) =>
        FileTree.Select(Path.Combine(_root, directory), patterns.Select(PathPattern.Parse).OfType<PathPattern>().ToList(), never: Path.Combine(_root, ".nuke", "temp"))
            .Select(f => f.Path).ToList();

    [Fact]
    public void Without_patterns_every_file_is_selected_in_path_order_but_git_s_own_and_the_engine_s_records()
    {
        Write("b.txt", "a/z.txt", "a.txt", ".git/HEAD", ".nuke/temp/run.json", ".nuke/parameters.json");

        Assert.Equal([".nuke/parameters.json", "a.txt", "a/z.txt", "b.txt"], Select(""));
    }

    [Fact]
    public void The_last_pattern_that_matches_a_file_or_one_of_its_directories_decides()
    {
        Write("src/a.cs", "src/gen/b.cs", "src/gen/keep.cs", "docs/x.md", "README.md");

        Assert.Equal(["src/a.cs", "src/gen/keep.cs"], Select("", "src/", "!src/gen/", "src/gen/keep.cs"));
        Assert.Equal(["src/a.cs", "src/gen/b.cs", "src/gen/keep.cs"], Select("", "*", "!*.md"));
    }

    [Fact]
    public void A_deeper_gitignore_overrides_a_shallower_one_and_nothing_below_an_ignored_directory_comes_back()
    {
        Write(".gitignore", "src/app.log", "src/keep.log", "bin/x.dll", "bin/keep.dll");
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "*.log\nbin/\n!bin/keep.dll\n");
        File.WriteAllText(Path.Combine(_root, "src", ".gitignore"), "!keep.log\n");

        Assert.Equal([".gitignore", "src/.gitignore", "src/keep.log"], Select(""));
    }

    [Fact]
    public void The_gitignore_files_above_the_directory_count_up_to_the_repository_s_top()
    {
        Write("outer/.gitignore", "outer/repo/.gitignore", "outer/repo/service/Program.cs", "outer/repo/service/bin/x.dll", "outer/repo/service/app.tmp");
        Directory.CreateDirectory(Path.Combine(_root, "outer", "repo", ".git"));
        File.WriteAllText(Path.Combine(_root, "outer", ".gitignore"), "*.cs\n"); // above the repository: not read
        File.WriteAllText(Path.Combine(_root, "outer", "repo", ".gitignore"), "bin/\nservice/*.tmp\n");

        Assert.Equal(["Program.cs"], Select("outer/repo/service"));
    }

    [Fact]
    public void A_directory_git_ignores_is_a_build_output_all_of_whose_files_are_inputs()
    {
        Write(".gitignore", ".nuke/temp/publish/app.dll", ".nuke/temp/publish/app.pdb");
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".gitignore"), ".nuke/temp/\n*.pdb\n");

        Assert.Equal(["app.dll", "app.pdb"], Select(".nuke/temp/publish"));
    }

    [Fact]
    public void A_missing_directory_has_no_files() => Assert.Empty(Select("nowhere"));

    [Fact]
    public void A_link_to_a_directory_is_one_input_and_is_not_followed()
    {
        Write("real/a.txt");
        Directory.CreateDirectory(Path.Combine(_root, "tree"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "tree", "loop"), Path.Combine(_root, "tree"));

        var files = FileTree.Select(Path.Combine(_root, "tree"), [], never: null);

        var link = Assert.Single(files);
        Assert.Equal("loop", link.Path);
        Assert.True(link.IsLink);
    }
}
