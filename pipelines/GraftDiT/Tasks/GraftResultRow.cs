namespace Scion.Pipelines.GraftDiT.Tasks;

/// <summary>One model in a grafting comparison (the teacher, a stage-1 hybrid, a finetuned hybrid).</summary>
public sealed class GraftResultRow
{
    public string Model { get; set; } = "";

    public string Operator { get; set; } = "";

    public string Layers { get; set; } = "";

    public double Fd { get; set; }

    public double Precision { get; set; }

    public double Recall { get; set; }

    public double Density { get; set; }

    public double Coverage { get; set; }

    /// <summary>Share of samples the embedded classifier labels with their conditioning class (NaN for a checkpoint).</summary>
    public double Accuracy { get; set; }

    public long Parameters { get; set; }

    public double AttentionGflops { get; set; }

    public double TotalGflops { get; set; }

    /// <summary>Forward latency at batch 2 at the model's own size.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Forward latency at batch 2 with 1024 tokens.</summary>
    public double LatencyLongMs { get; set; }

    /// <summary>Grafting compute as a share of the teacher's pretraining compute (0 for the teacher; NaN if unknown).</summary>
    public double ComputeFraction { get; set; }
}
