namespace Scion.Artifacts;

/// <summary>
/// <see cref="ArtifactKind"/> to and from its name without <c>Enum.ToString</c>/<c>Enum.Parse</c>, whose first call
/// builds the enum's metadata by reflection (~5 ms measured here): every cache lookup and run record names kinds.
/// </summary>
public static class ArtifactKinds
{
    public static string Name(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.Table => nameof(ArtifactKind.Table),
        ArtifactKind.Tensors => nameof(ArtifactKind.Tensors),
        ArtifactKind.File => nameof(ArtifactKind.File),
        ArtifactKind.Folder => nameof(ArtifactKind.Folder),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an artifact kind."),
    };

    /// <summary>The kind named exactly (as written by <see cref="Name"/>); null for any other text.</summary>
    public static ArtifactKind? Parse(string name) => name switch
    {
        nameof(ArtifactKind.Table) => ArtifactKind.Table,
        nameof(ArtifactKind.Tensors) => ArtifactKind.Tensors,
        nameof(ArtifactKind.File) => ArtifactKind.File,
        nameof(ArtifactKind.Folder) => ArtifactKind.Folder,
        _ => null,
    };
}
