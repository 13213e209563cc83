namespace Scion.Diffusion.Data;

/// <summary>Images read from a user's source, normalised to square PNGs of one size, and what was skipped.</summary>
public sealed record LoadedImages(IReadOnlyList<ImageRow> Rows, IReadOnlyList<string> ClassNames, IReadOnlyList<string> Skipped);
