namespace Deploy.Build.Tests.UpToDate;

/// <summary>
/// A service's repository inside a scratch root: <c>.git</c> at the top (so its <c>.gitignore</c> counts), which
/// ignores <c>bin/</c>, <c>obj/</c> and <c>.nuke/temp/</c>; the service in <c>service/</c> with its sources, a test,
/// a README and a Dockerfile.
/// </summary>
internal sealed class ServiceRepository
{
    public ServiceRepository(string root)
    {
        Root = root;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Write(".gitignore", "bin/\nobj/\n.nuke/temp/\n");
        Write("service/service.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        Write("service/Program.cs", "app.MapGet(\"/\", () => \"hello\");\n");
        Write("service/Orders/Order.cs", "record Order(int Id);\n");
        Write("service/tests/OrderTests.cs", "class OrderTests { }\n");
        Write("service/README.md", "# The service\n");
        Write("service/Dockerfile", "FROM scratch\nCOPY . /app\n");
        Write("service/bin/Debug/service.dll", "compiled");
        Write("service/obj/project.assets.json", "{}");
    }

    public string Root { get; }

    public string Service => Path.Combine(Root, "service");

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));
}
