using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Deploy.Build.Analyzers;

/// <summary>
/// A build parameter is described once, by its <c>[Parameter("…")]</c> text: that is what <c>--help</c>, the parameter
/// schema and the README show. An XML doc beside it would be a second description in other words, so the compiler's
/// CS1591 (missing XML comment) is suppressed on members that carry the attribute, and only on those.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterDescriptionSuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor Rule = new(
        id: "DEPLOY1591",
        suppressedDiagnosticId: "CS1591",
        justification: "A [Parameter] member's description is the attribute's text, shown by --help, the schema and the README.");

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var attribute = context.Compilation.GetTypeByMetadataName("Deploy.Build.ParameterAttribute");
        if (attribute is null)
        {
            return;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
            var symbol = context.GetSemanticModel(tree).GetDeclaredSymbol(node, context.CancellationToken);
            if (symbol is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                context.ReportSuppression(Suppression.Create(Rule, diagnostic));
            }
        }
    }
}
