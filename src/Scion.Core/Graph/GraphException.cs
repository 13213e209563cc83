namespace Scion.Graph;

/// <summary>A graph that cannot run: a cycle, an unknown task, an input with no producer upstream.</summary>
public sealed class GraphException(string message) : Exception(message);
