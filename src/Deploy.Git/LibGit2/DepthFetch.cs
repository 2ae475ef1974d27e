using System.Reflection;
using LibGit2Sharp;

namespace Deploy.Git.LibGit2;

/// <summary>
/// A fetch with a depth. libgit2 (1.7+) can fetch shallow, and LibGit2Sharp 0.32 passes the depth in
/// <c>Repository.Clone</c> but not in <c>Commands.Fetch</c>, which is what an update and a clone into a prepared
/// repository (ssh command, credentials-free remote URL) need. This does what <c>Commands.Fetch</c> does, plus
/// the depth, through LibGit2Sharp's internal members. They are looked up once and checked; LibGit2Sharp's
/// version is pinned in Directory.Packages.props, and a test fails when an upgrade changes them.
/// </summary>
internal static class DepthFetch
{
    /// <summary>libgit2's GIT_FETCH_DEPTH_UNSHALLOW: fetch everything a shallow repository is missing.</summary>
    public const int Unshallow = int.MaxValue;

    private static readonly Lazy<Members> Reflected = new(Load);

    /// <summary>Throws when LibGit2Sharp's internals are not the ones this was written against.</summary>
    public static void EnsureSupported() => _ = Reflected.Value;

    public static void Fetch(Repository repository, string remote, IEnumerable<string> refspecs, FetchOptions options, int depth, string logMessage)
    {
        var m = Reflected.Value;
        var handle = m.RepositoryHandle.GetValue(repository);
        using var remoteHandle = (IDisposable)m.RemoteLookup.Invoke(null, [handle, remote, true])!;
        using var wrapper = (IDisposable)m.WrapperConstructor.Invoke([]);
        var native = m.WrapperOptions.GetValue(wrapper)!;

        // The callbacks object owns the delegates libgit2 calls back into: it must outlive the native call.
        var callbacks = m.CallbacksConstructor.Invoke([options]);
        m.RemoteCallbacksField.SetValue(native, m.GenerateCallbacks.Invoke(callbacks, []));
        m.DownloadTagsField.SetValue(native, options.TagFetchMode ?? TagFetchMode.Auto);
        m.PruneField.SetValue(native, Enum.ToObject(m.PruneField.FieldType, options.Prune == true ? 1 : 2));
        m.ProxyOptionsField.SetValue(native, m.CreateProxyOptions.Invoke(options.ProxyOptions, []));
        m.DepthField.SetValue(native, depth);
        try
        {
            m.RemoteFetch.Invoke(null, [remoteHandle, refspecs, native, logMessage]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }
        finally
        {
            GC.KeepAlive(callbacks);
        }
    }

    private sealed record Members(
        PropertyInfo RepositoryHandle,
        MethodInfo RemoteLookup,
        ConstructorInfo WrapperConstructor,
        PropertyInfo WrapperOptions,
        ConstructorInfo CallbacksConstructor,
        MethodInfo GenerateCallbacks,
        FieldInfo RemoteCallbacksField,
        FieldInfo DownloadTagsField,
        FieldInfo PruneField,
        FieldInfo ProxyOptionsField,
        FieldInfo DepthField,
        MethodInfo CreateProxyOptions,
        MethodInfo RemoteFetch);

    private static Members Load()
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var assembly = typeof(Repository).Assembly;
        Type TypeNamed(string name) => assembly.GetType(name) ?? throw Unsupported(name);
        T Found<T>(T? member, string name)
            where T : class => member ?? throw Unsupported(name);

        var proxy = TypeNamed("LibGit2Sharp.Core.Proxy");
        var wrapper = TypeNamed("LibGit2Sharp.Core.GitFetchOptionsWrapper");
        var nativeOptions = TypeNamed("LibGit2Sharp.Core.GitFetchOptions");
        var callbacks = TypeNamed("LibGit2Sharp.RemoteCallbacks");
        var remoteHandle = TypeNamed("LibGit2Sharp.Core.Handles.RemoteHandle");
        var repositoryHandle = TypeNamed("LibGit2Sharp.Core.Handles.RepositoryHandle");
        return new Members(
            Found(typeof(Repository).GetProperty("Handle", Any), "Repository.Handle"),
            Found(proxy.GetMethod("git_remote_lookup", Any, [repositoryHandle, typeof(string), typeof(bool)]), "Proxy.git_remote_lookup"),
            Found(wrapper.GetConstructor(Any, Type.EmptyTypes), "GitFetchOptionsWrapper()"),
            Found(wrapper.GetProperty("Options", Any), "GitFetchOptionsWrapper.Options"),
            Found(callbacks.GetConstructor(Any, [typeof(FetchOptionsBase)]), "RemoteCallbacks(FetchOptionsBase)"),
            Found(callbacks.GetMethod("GenerateCallbacks", Any, Type.EmptyTypes), "RemoteCallbacks.GenerateCallbacks"),
            Found(nativeOptions.GetField("RemoteCallbacks", Any), "GitFetchOptions.RemoteCallbacks"),
            Found(nativeOptions.GetField("download_tags", Any), "GitFetchOptions.download_tags"),
            Found(nativeOptions.GetField("Prune", Any), "GitFetchOptions.Prune"),
            Found(nativeOptions.GetField("ProxyOptions", Any), "GitFetchOptions.ProxyOptions"),
            Found(nativeOptions.GetField("Depth", Any), "GitFetchOptions.Depth"),
            Found(typeof(ProxyOptions).GetMethod("CreateGitProxyOptions", Any, Type.EmptyTypes), "ProxyOptions.CreateGitProxyOptions"),
            Found(proxy.GetMethod("git_remote_fetch", Any, [remoteHandle, typeof(IEnumerable<string>), nativeOptions, typeof(string)]), "Proxy.git_remote_fetch"));
    }

    private static GitException Unsupported(string member) => new(
        $"This LibGit2Sharp ({typeof(Repository).Assembly.GetName().Version}) lacks the internal member {member} that shallow fetches use. " +
        "Deploy.Git is built against LibGit2Sharp 0.32.0: keep that version in Directory.Packages.props.");
}
