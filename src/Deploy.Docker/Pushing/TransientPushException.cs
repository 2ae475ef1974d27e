namespace Deploy.Docker.Pushing;

/// <summary>A push failure worth retrying: a 5xx, a refused or reset connection, a timeout.</summary>
internal sealed class TransientPushException(string message, Exception? innerException = null) : Exception(message, innerException);
