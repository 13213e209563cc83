using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter; PyTorch's <c>torch.optim.AdamW</c> update, decoupled weight decay) over all trainable
/// parameters of a model at once. The parameters are moved into one contiguous buffer (each keeps its shape and now
/// views its slice) and their gradients accumulate into a second one, so a step is seven operations on the whole
/// model instead of about ten per parameter tensor. For a small DiT, whose ~70 tensors hold 1.8 M numbers, the
/// per-tensor version cost about a tenth of a training step.
/// </summary>
public sealed class FlatAdamW : IDisposable
{
    private readonly List<(string Name, long Offset, long[] Shape)> layout = [];
    private readonly Tensor grads;
    private readonly Tensor expAvg;
    private readonly Tensor expAvgSq;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double eps;
    private readonly double weightDecay;
    private long step;

    /// <summary>Takes over the storage of <paramref name="module"/>'s trainable parameters (float32, one device).</summary>
    public FlatAdamW(nn.Module module, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        var parameters = module.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (parameters.Count == 0)
        {
            throw new ArgumentException("FlatAdamW: the module has no trainable parameters.", nameof(module));
        }

        var first = parameters[0].parameter;
        var odd = parameters.FirstOrDefault(p => p.parameter.dtype != ScalarType.Float32 || p.parameter.device.ToString() != first.device.ToString());
        if (odd.parameter is not null)
        {
            throw new ArgumentException($"FlatAdamW: parameter '{odd.name}' is {odd.parameter.dtype} on {odd.parameter.device}; all must be Float32 on {first.device}.", nameof(module));
        }

        long total = 0;
        foreach (var (name, p) in parameters)
        {
            layout.Add((name, total, p.shape));
            total += p.numel();
        }

        Values = empty(total, dtype: ScalarType.Float32, device: first.device);
        grads = zeros_like(Values);
        expAvg = zeros_like(Values);
        expAvgSq = zeros_like(Values);
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i].parameter;
            using var slice = Slice(Values, i);
            slice.copy_(p);
            p.set_(slice);
            // a gradient that exists is accumulated into in place by backward, so it lands in the flat buffer
            using var grad = Slice(grads, i);
            p.grad = grad;
        }
    }

    /// <summary>The parameters' values, one after the other in <c>named_parameters</c> order.</summary>
    public Tensor Values { get; }

    /// <summary>Clears the gradients (in place: they must stay views of the flat buffer).</summary>
    public void ZeroGrad() => grads.zero_();

    /// <summary>One AdamW update at learning rate <paramref name="lr"/>, with the gradients backward left.</summary>
    public void Step(double lr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        step++;
        if (weightDecay != 0)
        {
            Values.mul_(1 - (lr * weightDecay));
        }

        expAvg.mul_(beta1).add_(grads, alpha: 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grads, grads, value: 1 - beta2);
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var denominator = expAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(eps);
        Values.addcdiv_(expAvg, denominator, value: -lr / biasCorrection1);
    }

    /// <summary>Copies <paramref name="flat"/> (laid out as <see cref="Values"/>) into the parameters of the same names in
    /// <paramref name="target"/>, a module of the same architecture.</summary>
    public void CopyTo(Tensor flat, nn.Module target)
    {
        using var noGrad = no_grad();
        var parameters = target.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (int i = 0; i < layout.Count; i++)
        {
            if (!parameters.TryGetValue(layout[i].Name, out var p) || !p.shape.SequenceEqual(layout[i].Shape))
            {
                throw new ArgumentException($"FlatAdamW: the target has no parameter '{layout[i].Name}' of shape [{string.Join(", ", layout[i].Shape)}].", nameof(target));
            }

            using var slice = Slice(flat, i);
            p.copy_(slice);
        }
    }

    public void Dispose()
    {
        Values.Dispose();
        grads.Dispose();
        expAvg.Dispose();
        expAvgSq.Dispose();
    }

    private Tensor Slice(Tensor flat, int i)
    {
        var (_, offset, shape) = layout[i];
        using var narrow = flat.narrow(0, offset, shape.Aggregate(1L, (a, b) => a * b));
        return narrow.view(shape);
    }
}
