namespace Scion.Pipelines.GraftDiT.Tasks;

/// <summary>One evaluation of one layer's stage-1 distillation.</summary>
public sealed class DistillRow
{
    public int Layer { get; set; }

    public int Step { get; set; }

    public double Train { get; set; }

    public double Validation { get; set; }
}
