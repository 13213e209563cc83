using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// A DiT block with adaLN-Zero conditioning. Its two operators (<see cref="Attn"/> and <see cref="MlpOperator"/>)
/// take and return [B, N, D] and can be swapped in place (grafting); their names stay <c>attn</c> and <c>mlp</c>.
/// </summary>
public sealed class DiTBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly Sequential adaLN_modulation;
    private nn.Module<Tensor, Tensor> attn;
    private nn.Module<Tensor, Tensor> mlp;

    public DiTBlock(int hidden, int heads, int mlpHidden, Device? device = null) : base(nameof(DiTBlock))
    {
        using var drawing = Scion.Torch.GlobalGenerator.Hold(); // its layers draw their initial weights
        norm1 = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false, device: device);
        norm2 = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false, device: device);
        attn = new Attention(hidden, heads, device);
        mlp = new Mlp(hidden, mlpHidden, device);
        adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(hidden, 6 * hidden, hasBias: true, device: device));
        RegisterComponents();
    }

    /// <summary>The token mixer (attention, or what was grafted in its place).</summary>
    public nn.Module<Tensor, Tensor> Attn
    {
        get => attn;
        set => attn = Replace("attn", value);
    }

    /// <summary>The channel mixer (MLP, or what was grafted in its place).</summary>
    public nn.Module<Tensor, Tensor> MlpOperator
    {
        get => mlp;
        set => mlp = Replace("mlp", value);
    }

    /// <summary>The last Linear of adaLN_modulation (zero at initialisation: the block starts as the identity).</summary>
    public Linear Modulation => (Linear)adaLN_modulation[1];

    /// <summary>When set, forward passes record an operator's or the block's inputs and outputs (see <see cref="OperatorCapture"/>).</summary>
    public OperatorCapture? Capture { get; set; }

    public override Tensor forward(Tensor x, Tensor c)
    {
        using var scope = NewDisposeScope();
        var input = x;
        var m = adaLN_modulation.forward(c).chunk(6, 1);
        var attnIn = Models.Modulation.Modulate(norm1.forward(x), m[0], m[1]);
        var attnOut = attn.forward(attnIn);
        x = x + m[2].unsqueeze(1) * attnOut;
        var mlpIn = Models.Modulation.Modulate(norm2.forward(x), m[3], m[4]);
        var mlpOut = mlp.forward(mlpIn);
        var output = x + m[5].unsqueeze(1) * mlpOut;
        switch (Capture?.Part)
        {
            case CapturePart.Attention:
                Capture.Record(attnIn, attnOut);
                break;
            case CapturePart.Mlp:
                Capture.Record(mlpIn, mlpOut);
                break;
            case CapturePart.Block:
                Capture.Record(input, output, c);
                break;
        }

        return output.MoveToOuterDisposeScope();
    }

    private nn.Module<Tensor, Tensor> Replace(string name, nn.Module<Tensor, Tensor> module)
    {
        register_module(name, null!);
        register_module(name, module);
        return module;
    }
}
