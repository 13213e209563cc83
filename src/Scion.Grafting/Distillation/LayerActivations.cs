using static TorchSharp.torch;

namespace Scion.Grafting.Distillation;

/// <summary>What the teacher showed one layer: inputs [N, T, D], target outputs [N, T, D], and for block pairs
/// the conditioning vectors [N, D]. Stored as one safetensors file per layer.</summary>
public sealed record LayerActivations(int Layer, Tensor Inputs, Tensor Outputs, Tensor? Conditioning) : IDisposable
{
    public const string InputKey = "input";
    public const string OutputKey = "output";
    public const string ConditioningKey = "conditioning";

    public static string FileName(int layer) => $"layer-{layer}.safetensors";

    public long Count => Inputs.shape[0];

    public Dictionary<string, Tensor> ToState()
    {
        var state = new Dictionary<string, Tensor> { [InputKey] = Inputs, [OutputKey] = Outputs };
        if (Conditioning is not null)
        {
            state[ConditioningKey] = Conditioning;
        }

        return state;
    }

    public static LayerActivations FromState(int layer, IReadOnlyDictionary<string, Tensor> state, string source) =>
        new(layer,
            state.TryGetValue(InputKey, out var i) ? i : throw new InvalidDataException($"{source}: no '{InputKey}' tensor"),
            state.TryGetValue(OutputKey, out var o) ? o : throw new InvalidDataException($"{source}: no '{OutputKey}' tensor"),
            state.GetValueOrDefault(ConditioningKey));

    public void Dispose()
    {
        Inputs.Dispose();
        Outputs.Dispose();
        Conditioning?.Dispose();
    }
}
