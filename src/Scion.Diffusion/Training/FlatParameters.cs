using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// The trainable parameters of a module moved into one contiguous buffer (<see cref="Values"/>: each parameter keeps
/// its shape and views its slice), with their gradients accumulating into a second one (<see cref="Grads"/>). Whole-model
/// updates (<see cref="FlatAdamW"/>, the EMA, summing the gradients of data-parallel replicas) are then a few
/// operations instead of a few per parameter tensor.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    private readonly List<(string Name, long Offset, long[] Shape)> layout = [];

    /// <summary>Takes over the storage of <paramref name="module"/>'s trainable parameters (float32, one device).</summary>
    public FlatParameters(nn.Module module)
    {
        var parameters = module.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (parameters.Count == 0)
        {
            throw new ArgumentException("FlatParameters: the module has no trainable parameters.", nameof(module));
        }

        var first = parameters[0].parameter;
        var odd = parameters.FirstOrDefault(p => p.parameter.dtype != ScalarType.Float32 || p.parameter.device.ToString() != first.device.ToString());
        if (odd.parameter is not null)
        {
            throw new ArgumentException($"FlatParameters: parameter '{odd.name}' is {odd.parameter.dtype} on {odd.parameter.device}; all must be Float32 on {first.device}.", nameof(module));
        }

        long total = 0;
        foreach (var (name, p) in parameters)
        {
            layout.Add((name, total, p.shape));
            total += p.numel();
        }

        Values = empty(total, dtype: ScalarType.Float32, device: first.device);
        Grads = zeros_like(Values);
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i].parameter;
            using var slice = Slice(Values, i);
            slice.copy_(p);
            p.set_(slice);
            // a gradient that exists is accumulated into in place by backward, so it lands in the flat buffer
            using var grad = Slice(Grads, i);
            p.grad = grad;
        }
    }

    /// <summary>The parameters' values, one after the other in <c>named_parameters</c> order.</summary>
    public Tensor Values { get; }

    /// <summary>Their gradients, laid out as <see cref="Values"/>.</summary>
    public Tensor Grads { get; }

    /// <summary>The parameters' names and shapes, in buffer order.</summary>
    public IEnumerable<(string Name, long[] Shape)> Layout => layout.Select(l => (l.Name, l.Shape));

    /// <summary>Parameter <paramref name="index"/>'s slice of <paramref name="flat"/> (laid out as <see cref="Values"/>), in its shape.</summary>
    public Tensor View(Tensor flat, int index) => Slice(flat, index);

    /// <summary>Clears the gradients (in place: they must stay views of the flat buffer).</summary>
    public void ZeroGrad() => Grads.zero_();

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
                throw new ArgumentException($"FlatParameters: the target has no parameter '{layout[i].Name}' of shape [{string.Join(", ", layout[i].Shape)}].", nameof(target));
            }

            using var slice = Slice(flat, i);
            p.copy_(slice);
        }
    }

    public void Dispose()
    {
        Values.Dispose();
        Grads.Dispose();
    }

    private Tensor Slice(Tensor flat, int i)
    {
        var (_, offset, shape) = layout[i];
        using var narrow = flat.narrow(0, offset, shape.Aggregate(1L, (a, b) => a * b));
        return narrow.view(shape);
    }
}
