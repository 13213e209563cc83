using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Class labels → vectors; the extra last row is the null class used for classifier-free guidance,
/// and in training a label is replaced by it with probability <c>dropout</c>.</summary>
public sealed class LabelEmbedder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding_table;
    private readonly int numClasses;
    private readonly double dropout;

    public LabelEmbedder(int numClasses, int hidden, double dropout, Device? device = null) : base(nameof(LabelEmbedder))
    {
        this.numClasses = numClasses;
        this.dropout = dropout;
        embedding_table = nn.Embedding(numClasses + (dropout > 0 ? 1 : 0), hidden, device: device);
        RegisterComponents();
    }

    public Embedding Table => embedding_table;

    /// <summary>The label meaning "no class" (unconditional).</summary>
    public int NullClass => numClasses;

    /// <summary>Where training draws which labels to drop; null = the global generator.</summary>
    public Generator? DropoutGenerator { get; set; }

    public override Tensor forward(Tensor labels)
    {
        if (training && dropout > 0)
        {
            using var drop = rand(labels.shape[0], generator: DropoutGenerator, device: labels.device) < dropout;
            using var dropped = where(drop, full_like(labels, numClasses), labels);
            return embedding_table.forward(dropped);
        }

        return embedding_table.forward(labels);
    }
}
