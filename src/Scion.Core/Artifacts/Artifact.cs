namespace Scion.Artifacts;

/// <summary>
/// A named output of a task. Declare it once (usually as a static field of the producing task),
/// list it in the producer's <c>Outputs</c> and in each consumer's <c>Inputs</c>. The object itself is
/// the identity: the graph finds the producer by which task lists this instance as an output.
/// </summary>
public class Artifact
{
    public Artifact(string name, ArtifactKind kind)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new ArgumentException($"Artifact name '{name}' must be a plain file name (no slashes).", nameof(name));
        }

        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public ArtifactKind Kind { get; }

    /// <summary>Path of the artifact relative to the task's output folder.</summary>
    public string RelativePath => Kind switch
    {
        ArtifactKind.Table => Name + ".parquet",
        ArtifactKind.Tensors => Name + ".safetensors",
        _ => Name,
    };

    public static Artifact File(string name) => new(name, ArtifactKind.File);

    public static Artifact Folder(string name) => new(name, ArtifactKind.Folder);

    public static Artifact Tensors(string name) => new(name, ArtifactKind.Tensors);

    public static TableArtifact<TRow> Table<TRow>(string name) where TRow : class, new() => new(name);

    public override string ToString() => $"{Name} ({Kind})";
}
