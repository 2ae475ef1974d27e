namespace Deploy.Build;

/// <summary>
/// Marks a parameter as secret: its value is replaced by <c>***</c> in every log line, error message,
/// and the run record, and never shown by <c>--help</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
