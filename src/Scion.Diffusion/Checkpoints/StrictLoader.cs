using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Checkpoints;

/// <summary>
/// Loads a state dict into a module only when every key matches in name and shape: a missing, unexpected or
/// mis-shaped tensor is an error that names the key and both shapes (never a silent partial load).
/// </summary>
public static class StrictLoader
{
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> state, string source)
    {
        var expected = module.state_dict();
        var problems = new List<string>();
        foreach (var (key, tensor) in expected)
        {
            if (!state.TryGetValue(key, out var given))
            {
                problems.Add($"missing '{key}' (model expects {Shape(tensor)})");
            }
            else if (!given.shape.SequenceEqual(tensor.shape))
            {
                problems.Add($"'{key}' has shape {Shape(given)} in the file, the model expects {Shape(tensor)}");
            }
        }

        problems.AddRange(state.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => $"unexpected '{k}' {Shape(state[k])}"));
        if (problems.Count > 0)
        {
            throw new CheckpointMismatchException(
                $"{source} does not fit the model ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): " +
                string.Join("; ", problems.Take(12)) + (problems.Count > 12 ? $"; and {problems.Count - 12} more" : ""));
        }

        using var noGrad = no_grad();
        foreach (var (key, tensor) in expected)
        {
            tensor.copy_(state[key].to(tensor.dtype, tensor.device));
        }
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
