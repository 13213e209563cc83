namespace Scion.Hosting;

/// <summary>A command line that names something that does not exist or cannot be served.</summary>
public sealed class UsageException(string message) : Exception(message);
