using System.Xml.Linq;
using Deploy.DotNet.Testing;
using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

public sealed class TrxReaderTests
{
    // As `dotnet test --logger trx` writes it for xunit: the skipped test is only missing from `executed`.
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="Calc.Tests.Adds" outcome="Passed" />
            <UnitTestResult testName="Calc.Tests.Subtracts" outcome="Failed">
              <Output>
                <ErrorInfo>
                  <Message>Assert.Equal() Failure: Values differ
        Expected: 1
        Actual:   2</Message>
                  <StackTrace>at Calc.Tests.Subtracts()</StackTrace>
                </ErrorInfo>
              </Output>
            </UnitTestResult>
            <UnitTestResult testName="Calc.Tests.Later" outcome="NotExecuted" />
          </Results>
          <ResultSummary outcome="Failed">
            <Counters total="3" executed="2" passed="1" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void It_counts_passed_failed_and_skipped_and_keeps_the_failures_messages()
    {
        var summary = TrxReader.Read(XDocument.Parse(Trx));

        Assert.Equal("1 passed, 1 failed, 1 skipped", summary.ToString());
        var failure = Assert.Single(summary.Failures);
        Assert.Equal("Calc.Tests.Subtracts", failure.Name);
        Assert.StartsWith("Assert.Equal() Failure: Values differ\nExpected: 1", failure.Message.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_trx_file_in_the_results_directory_is_added_up()
    {
        using var results = new TempDirectory("deploy-trx");
        results.Write("a.trx", Trx);
        results.Write("b.trx", Trx);
        results.Write("notes.txt", "not a trx");

        Assert.Equal("2 passed, 2 failed, 2 skipped", TrxReader.ReadDirectory(results.Path).ToString());
    }

    [Fact]
    public void The_failure_message_counts_and_lists_the_failed_tests()
    {
        var error = new TestsFailedException(TrxReader.Read(XDocument.Parse(Trx)));

        Assert.Equal(
            "1 passed, 1 failed, 1 skipped. Failed tests:\n  Calc.Tests.Subtracts\n      Assert.Equal() Failure: Values differ\n      Expected: 1\n      Actual:   2",
            error.Message.ReplaceLineEndings("\n"));
    }
}
