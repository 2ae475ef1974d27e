using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet.Tests.Support;

/// <summary>A test that needs the go command: skipped, saying how to install it, where Go is missing.</summary>
public sealed class GoFactAttribute : FactAttribute
{
    public GoFactAttribute()
    {
        if (Directories.FindOnPath("go") is null)
        {
            Skip = "go is not on PATH (install it: apt-get install golang-go)";
        }
    }
}
