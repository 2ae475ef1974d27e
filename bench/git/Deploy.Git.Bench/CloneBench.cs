using Deploy.Build;
using Deploy.Git;

/// <summary>A build with the Clone component only: <c>dotnet Deploy.Git.Bench.dll --root DIR --repository URL ...</c>.</summary>
sealed class CloneBench : DeployBuild, IClone
{
    public static int Main() => Execute<CloneBench>(x => ((IClone)x).Clone);
}
