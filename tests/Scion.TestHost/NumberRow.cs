namespace Scion.TestHost;

public sealed class NumberRow
{
    public int Index { get; set; }

    public double Value { get; set; }

    public string Name { get; set; } = "";

    public float[] Vector { get; set; } = [];
}
