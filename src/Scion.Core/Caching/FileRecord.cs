namespace Scion.Caching;

/// <summary>One file of an output (path relative to the output; empty for a single-file output) and its size.</summary>
public sealed record FileRecord(string Path, long Size);
