namespace Deploy.Git.Tests.Support;

/// <summary>
/// A bare repository to clone from, and a working clone of it to make commits, tags and force-pushes with
/// (the real git CLI). Lives in a temp directory, removed on dispose.
/// </summary>
public sealed class Upstream : IDisposable
{
    private static readonly Dictionary<string, string> Identity = new()
    {
        ["GIT_AUTHOR_NAME"] = "Deploy Tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@example.com",
        ["GIT_COMMITTER_NAME"] = "Deploy Tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@example.com",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };

    private readonly string _root;
    private readonly string _git;

    /// <summary>Creates the repository with one commit on <paramref name="branch"/> (its default branch).</summary>
    public Upstream(string name = "service", string branch = "main", string? root = null)
    {
        _git = Tools.Require("git", "git");
        _root = root ?? Scratch.Directory("upstream");
        OwnsRoot = root is null;
        Bare = Path.Combine(_root, name + ".git");
        Work = Path.Combine(_root, name + "-work");
        Git(_root, "init", "--quiet", "--bare", "--initial-branch", branch, Bare);
        Git(_root, "init", "--quiet", "--initial-branch", branch, Work);
        Git(Work, "remote", "add", "origin", Bare);
        Commit("README.md", $"# {name}\n", "Initial commit");
    }

    /// <summary>The bare repository's path: clone from it as a local path, or as <see cref="FileUrl"/>.</summary>
    public string Bare { get; }

    public string FileUrl => new Uri(Bare).AbsoluteUri;

    /// <summary>The working clone commits are made in.</summary>
    public string Work { get; }

    private bool OwnsRoot { get; }

    /// <summary>Writes a file, commits it on the current branch, pushes; returns the commit's SHA.</summary>
    public string Commit(string file, string content, string message)
    {
        var path = Path.Combine(Work, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Git(Work, "add", "--all");
        Git(Work, "commit", "--quiet", "-m", message);
        Git(Work, "push", "--quiet", "origin", "HEAD");
        return Head;
    }

    public string Head => Git(Work, "rev-parse", "HEAD");

    public string CurrentBranch => Git(Work, "symbolic-ref", "--short", "HEAD");

    /// <summary>Creates a branch at HEAD, switches to it and pushes it.</summary>
    public void Branch(string name)
    {
        Git(Work, "switch", "--quiet", "-c", name);
        Git(Work, "push", "--quiet", "origin", name);
    }

    public void Switch(string name) => Git(Work, "switch", "--quiet", name);

    /// <summary>Tags HEAD (annotated unless <paramref name="lightweight"/>) and pushes the tag.</summary>
    public void Tag(string name, bool lightweight = false)
    {
        if (lightweight)
        {
            Git(Work, "tag", name);
        }
        else
        {
            Git(Work, "tag", "-a", name, "-m", "Release " + name);
        }

        Git(Work, "push", "--quiet", "origin", name);
    }

    /// <summary>Rewrites the current branch: drops its last commit, commits something else, force-pushes.</summary>
    public string ForcePush(string file, string content, string message)
    {
        Git(Work, "reset", "--quiet", "--hard", "HEAD~1");
        File.WriteAllText(Path.Combine(Work, file), content);
        Git(Work, "add", "--all");
        Git(Work, "commit", "--quiet", "-m", message);
        Git(Work, "push", "--quiet", "--force", "origin", "HEAD");
        return Head;
    }

    /// <summary>Adds <paramref name="submodule"/> at <paramref name="path"/> by the relative URL <paramref name="url"/>; commits and pushes.</summary>
    public string AddSubmodule(string url, string path)
    {
        Git(Work, "-c", "protocol.file.allow=always", "submodule", "--quiet", "add", url, path);
        Git(Work, "commit", "--quiet", "-m", "Add submodule " + path);
        Git(Work, "push", "--quiet", "origin", "HEAD");
        return Head;
    }

    /// <summary>Runs git with a fixed identity and no user or system configuration.</summary>
    public string Git(string directory, params string[] arguments) => Tools.Run(_git, directory, Identity, arguments);

    /// <summary>Counts the commits reachable from HEAD in a clone (1 in a depth-1 clone).</summary>
    public string CountCommits(string clone) => Git(clone, "rev-list", "--count", "HEAD");

    public void Dispose()
    {
        if (OwnsRoot)
        {
            Scratch.Delete(_root);
        }
    }
}
