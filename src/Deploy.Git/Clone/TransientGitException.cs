namespace Deploy.Git.Clone;

/// <summary>A failure worth another try (connection refused or reset, timeout, HTTP 5xx). Only the retry policy sees it.</summary>
internal sealed class TransientGitException(string message, Exception innerException) : Exception(message, innerException);
