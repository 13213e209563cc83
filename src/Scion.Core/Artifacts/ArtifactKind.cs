namespace Scion.Artifacts;

public enum ArtifactKind
{
    /// <summary>A Parquet table of typed rows (<c>name.parquet</c>).</summary>
    Table,

    /// <summary>A safetensors file of named tensors (<c>name.safetensors</c>).</summary>
    Tensors,

    /// <summary>One file; the name may carry its extension (<c>samples.png</c>).</summary>
    File,

    /// <summary>A folder of files (shards, images).</summary>
    Folder,
}
