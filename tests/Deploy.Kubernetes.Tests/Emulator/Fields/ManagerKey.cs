namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>
/// Who owns a field set: a manager and how it wrote (<c>Apply</c>, or <c>Update</c> for create, update and non-apply
/// patches, with the apiVersion it used). The same manager name with another operation is another owner.
/// </summary>
internal sealed record ManagerKey(string Manager, string Operation, string ApiVersion)
{
    public bool IsApply => Operation == "Apply";

    /// <summary>The owner as a conflict message names it (apimachinery: managedfields/internal/conflict.go, printManager).</summary>
    public string Printed => IsApply ? $"\"{Manager}\"" : $"\"{Manager}\" using {ApiVersion}";

    public bool SameOwner(ManagerKey other) => Manager == other.Manager && Operation == other.Operation && (IsApply || ApiVersion == other.ApiVersion);
}
