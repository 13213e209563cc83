namespace Scion.Pipelines.GraftDiT.Tasks;

/// <summary>One training step's loss.</summary>
public sealed class LossRow
{
    public int Step { get; set; }

    public double Loss { get; set; }
}
