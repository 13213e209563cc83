using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// The diffusion transformer of Peebles &amp; Xie, with the module tree and parameter names of the official
/// code, so that its state dicts load strictly here and ours load there. Forward: (x [B,C,H,W], t [B], y [B])
/// → [B, C_out, H, W] (C_out = 2C with learned sigma: noise prediction, then variance interpolation).
/// </summary>
public sealed class DiT : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly PatchEmbed x_embedder;
    private readonly TimestepEmbedder t_embedder;
    private readonly LabelEmbedder y_embedder;
    private readonly ModuleList<nn.Module<Tensor, Tensor, Tensor>> blocks;
    private readonly FinalLayer final_layer;
    private readonly Tensor pos_embed;

    /// <param name="device">Where to allocate; <c>meta</c> builds the shapes without memory (for checks of big configurations).</param>
    public DiT(DiTConfig config, Device? device = null) : base(nameof(DiT))
    {
        config.Validate();
        using var drawing = Scion.Torch.GlobalGenerator.Hold();
        Config = config;
        x_embedder = new PatchEmbed(config.Patch, config.InChannels, config.Hidden, device);
        t_embedder = new TimestepEmbedder(config.Hidden, device);
        y_embedder = new LabelEmbedder(config.NumClasses, config.Hidden, config.ClassDropout, device);
        blocks = nn.ModuleList<nn.Module<Tensor, Tensor, Tensor>>(
            Enumerable.Range(0, config.Depth).Select(_ => (nn.Module<Tensor, Tensor, Tensor>)new DiTBlock(config.Hidden, config.Heads, config.MlpHidden, device)).ToArray());
        final_layer = new FinalLayer(config.Hidden, config.Patch, config.OutChannels, device);
        pos_embed = PositionEmbedding.SinCos2D(config.Hidden, config.GridSize).to(device ?? CPU);
        RegisterComponents();
        InitializeWeights();
    }

    public DiTConfig Config { get; }

    public int Depth => blocks.Count;

    /// <summary>Block <paramref name="index"/>; grafting replaces blocks or their operators in place.</summary>
    public nn.Module<Tensor, Tensor, Tensor> this[int index]
    {
        get => blocks[index];
        set => blocks[index] = value;
    }

    /// <summary>Block <paramref name="index"/> as a standard DiT block (fails if it was replaced by another kind).</summary>
    public DiTBlock Block(int index) => blocks[index] as DiTBlock
        ?? throw new InvalidOperationException($"Block {index} is a {blocks[index].GetType().Name}, not a DiTBlock.");

    public int NullClass => y_embedder.NullClass;

    /// <summary>Where training draws the label dropout for guidance; null = the global generator. Data-parallel
    /// replicas each own one, so that training stays deterministic whichever thread runs first.</summary>
    public Generator? LabelDropoutGenerator
    {
        get => y_embedder.DropoutGenerator;
        set => y_embedder.DropoutGenerator = value;
    }

    /// <summary>
    /// Depth to width: for each index i here, blocks i and i+1 run side by side on the same input instead of one
    /// after the other (see <see cref="ParallelPair"/>). Empty (sequential, as published) by default.
    /// </summary>
    public IReadOnlySet<int> ParallelPairs { get; set; } = new HashSet<int>();

    /// <summary>Two blocks as parallel branches of one residual: x + f1(x) + f2(x), where block k computes x + f_k(x).</summary>
    public static Tensor ParallelPair(nn.Module<Tensor, Tensor, Tensor> first, nn.Module<Tensor, Tensor, Tensor> second, Tensor x, Tensor c)
    {
        using var scope = NewDisposeScope();
        return (first.forward(x, c) + second.forward(x, c) - x).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor x, Tensor t, Tensor y)
    {
        using var scope = NewDisposeScope();
        var h = x_embedder.forward(x) + pos_embed;
        var c = t_embedder.forward(t) + y_embedder.forward(y);
        for (int i = 0; i < blocks.Count; i++)
        {
            if (ParallelPairs.Contains(i) && i + 1 < blocks.Count)
            {
                h = ParallelPair(blocks[i], blocks[i + 1], h, c);
                i++;
            }
            else
            {
                h = blocks[i].forward(h, c);
            }
        }

        return Unpatchify(final_layer.forward(h, c)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Classifier-free guidance as in the official <c>forward_with_cfg</c>: the batch is [conditional; unconditional]
    /// halves of the same images; the first <paramref name="guidedChannels"/> output channels (the noise; the
    /// official code uses 3 of the latent's 4) become <c>uncond + scale·(cond − uncond)</c> in both halves.
    /// </summary>
    public Tensor ForwardWithGuidance(Tensor x, Tensor t, Tensor y, double scale, int guidedChannels = 3)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[0] / 2;
        var first = x[..(int)half];
        var output = forward(cat([first, first], 0), t, y);
        int g = Math.Min(guidedChannels, Config.InChannels);
        var eps = output[.., ..g];
        var rest = output[.., g..];
        var cond = eps[..(int)half];
        var uncond = eps[(int)half..];
        var guided = uncond + scale * (cond - uncond);
        return cat([cat([guided, guided], 0), rest], 1).MoveToOuterDisposeScope();
    }

    /// <summary>[B, T, p²·C] → [B, C, H, W], the official einsum <c>nhwpqc → nchpwq</c>.</summary>
    private Tensor Unpatchify(Tensor x)
    {
        int p = Config.Patch, g = Config.GridSize, c = Config.OutChannels;
        return x.reshape(x.shape[0], g, g, p, p, c).permute(0, 5, 1, 3, 2, 4).reshape(x.shape[0], c, g * p, g * p);
    }

    /// <summary>The official initialisation: Xavier-uniform linears with zero bias, N(0, 0.02) label and timestep
    /// embeddings, and zeros for every adaLN modulation and the final linear (adaLN-Zero).</summary>
    private void InitializeWeights()
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                nn.init.xavier_uniform_(linear.weight);
                if (linear.bias is not null)
                {
                    nn.init.zeros_(linear.bias);
                }
            }
        }

        var w = x_embedder.Proj.weight!;
        nn.init.xavier_uniform_(w.view(w.shape[0], -1));
        nn.init.zeros_(x_embedder.Proj.bias!);
        nn.init.normal_(y_embedder.Table.weight!, std: 0.02);
        nn.init.normal_(t_embedder.First.weight!, std: 0.02);
        nn.init.normal_(t_embedder.Second.weight!, std: 0.02);
        foreach (var block in blocks.OfType<DiTBlock>())
        {
            nn.init.zeros_(block.Modulation.weight!);
            nn.init.zeros_(block.Modulation.bias!);
        }

        nn.init.zeros_(final_layer.Modulation.weight!);
        nn.init.zeros_(final_layer.Modulation.bias!);
        nn.init.zeros_(final_layer.Linear.weight!);
        nn.init.zeros_(final_layer.Linear.bias!);
    }
}
