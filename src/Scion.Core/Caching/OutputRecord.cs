using Scion.Artifacts;

namespace Scion.Caching;

/// <summary>An output as published: where it is in the entry, its content hash and the files it covers.</summary>
public sealed record OutputRecord(string Name, ArtifactKind Kind, string RelativePath, string Hash, long Size, IReadOnlyList<FileRecord> Files);
