using Deploy.Docker.Building;

namespace Deploy.Docker.Tests.Building;

/// <summary>The planning-time Dockerfile check refuses what the engine's parser refuses, and nothing it accepts.</summary>
public sealed class DockerfileSyntaxTests
{
    [Theory]
    [InlineData("FROM scratch\nCOPY .deploy/publish/ /app/\nENTRYPOINT [\"/app/hello\"]\n")]
    [InlineData("# syntax=docker/dockerfile:1\nARG BASE=alpine\nFROM --platform=$BUILDPLATFORM ${BASE} AS build\nRUN echo a \\\n  && echo b\nFROM scratch\nCOPY --from=build /x /x\n")]
    [InlineData("# escape=`\nFROM scratch\nLABEL a=b `\n  c=d\n")]
    [InlineData("from scratch\n# a comment\n\ncopy a /a\n")]
    [InlineData("FROM alpine\nRUN <<EOF\nanything goes here\nNOT AN INSTRUCTION\nEOF\nCMD [\"sh\"]\n")]
    [InlineData("FROM alpine\nRUN apk add \\\n# a comment inside a continuation\n  curl\n")]
    public void A_valid_Dockerfile_passes(string text) => Assert.Null(DockerfileSyntax.Check(text).Problem);

    [Theory]
    [InlineData("", "it has no instructions")]
    [InlineData("# only a comment\n", "it has no instructions")]
    [InlineData("ARG X=1\n", "it has no FROM instruction")]
    [InlineData("FROM scratch\nNOSUCHINSTRUCTION x\n", "line 2: unknown instruction 'NOSUCHINSTRUCTION'")]
    [InlineData("COPY a /a\nFROM scratch\n", "line 1: COPY comes before the first FROM")]
    [InlineData("FROM\n", "line 1: FROM needs an argument")]
    [InlineData("FROM scratch\nRUN\n", "line 2: RUN needs an argument")]
    [InlineData("FROM a b\n", "line 1: FROM takes an image and optionally AS <name>")]
    public void An_invalid_Dockerfile_is_refused_with_the_line(string text, string expected) =>
        Assert.Contains(expected, DockerfileSyntax.Check(text).Problem, StringComparison.Ordinal);

    [Fact]
    public void Stage_names_are_read_from_FROM_lines()
    {
        var (problem, stages) = DockerfileSyntax.Check("FROM alpine AS build\nFROM scratch as final\n");

        Assert.Null(problem);
        Assert.Equal(["build", "final"], stages);
    }

    [Fact]
    public void The_sample_service_s_Dockerfile_passes()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Deploy.sln")))
        {
            directory = directory.Parent;
        }

        Assert.Null(DockerfileSyntax.Check(File.ReadAllText(Path.Combine(directory.FullName, "samples", "hello-service", "Dockerfile"))).Problem);
    }
}
