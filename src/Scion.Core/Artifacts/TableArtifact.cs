namespace Scion.Artifacts;

/// <summary>A Parquet table whose rows are <typeparamref name="TRow"/> (public properties become columns).</summary>
public sealed class TableArtifact<TRow>(string name) : Artifact(name, ArtifactKind.Table) where TRow : class, new()
{
}
