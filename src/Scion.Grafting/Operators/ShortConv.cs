using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// Depthwise causal convolution over the token axis of [B, T, C]: each channel has its own kernel (4 taps by
/// default) and bias, and token t sees tokens t−3..t only (left padding). Initialised either as PyTorch's
/// Conv1d or as the identity (last tap 1, bias 0), as Hyena-Y's inner filter is.
/// </summary>
public sealed class ShortConv : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv;

    public ShortConv(int channels, int kernel = 4, bool identity = false, Device? device = null) : base(nameof(ShortConv))
    {
        Kernel = kernel;
        conv = nn.Conv1d(channels, channels, kernel, groups: channels, bias: true, device: device);
        RegisterComponents();
        if (identity)
        {
            using var noGrad = no_grad();
            conv.weight!.zero_();
            conv.weight[.., .., kernel - 1].fill_(1);
            conv.bias!.zero_();
        }
    }

    public int Kernel { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var channelsFirst = nn.functional.pad(x.transpose(1, 2), [Kernel - 1, 0]);
        return conv.forward(channelsFirst).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
