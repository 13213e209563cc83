namespace Scion.Diffusion.Data;

/// <summary>One image of a dataset table: PNG bytes, class label, and the seed it was drawn from (0 for loaded images).</summary>
public sealed class ImageRow
{
    public byte[] Png { get; set; } = [];

    public int Label { get; set; }

    public long Seed { get; set; }
}
