using Scion.Diffusion.Checkpoints;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>
/// Stage 1's output: one safetensors file per grafted layer. Reading it back checks that every layer of the plan has
/// its file and that each file holds only that layer's keys, so a layer can never take another layer's weights.
/// </summary>
public static class Stage1Weights
{
    public static string FileName(int layer) => $"layer-{layer}.safetensors";

    public static Dictionary<string, Tensor> Read(string folder, GraftPlan plan)
    {
        var merged = new Dictionary<string, Tensor>();
        foreach (int layer in plan.Layers)
        {
            string path = Path.Combine(folder, FileName(layer));
            if (!File.Exists(path))
            {
                throw new CheckpointMismatchException($"Stage-1 weights of layer {layer} are missing: {path} does not exist (plan: {plan.Describe()}).");
            }

            var prefixes = plan.Prefixes(layer).ToArray();
            foreach (var (key, value) in StateDictFile.Read(path))
            {
                if (!prefixes.Any(key.StartsWith))
                {
                    throw new CheckpointMismatchException($"{path} is layer {layer}'s stage-1 checkpoint but holds '{key}', which belongs elsewhere (expected keys under {string.Join(" or ", prefixes)}).");
                }

                merged[key] = value;
            }
        }

        return merged;
    }
}
