namespace Deploy.DotNet;

/// <summary>
/// The toolchain half of the stock pipeline in one: <c>Restore</c>, <c>Compile</c> and <c>Test</c> for the
/// service in <see cref="IToolchain.Project"/>, .NET or Go.
/// </summary>
public interface IDotNet : ITest
{
}
