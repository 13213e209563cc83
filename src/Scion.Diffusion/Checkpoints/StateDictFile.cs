using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Scion.Diffusion.Checkpoints;

/// <summary>
/// State dicts on disk: PyTorch <c>torch.save</c> files (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>; a plain state dict or one
/// wrapped under "ema", "model" or "state_dict") and safetensors, read and written through TorchSharp.PyBridge.
/// </summary>
public static class StateDictFile
{
    private static readonly string[] Wrappers = ["ema", "model", "state_dict"];

    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        }

        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return Safetensors.LoadStateDict(path);
        }

        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotImplementedException or InvalidCastException)
        {
            throw new InvalidDataException($"Checkpoint {path} is not a PyTorch state dict saved with torch.save ({ex.Message}).", ex);
        }

        foreach (string wrapper in Wrappers)
        {
            if (table[wrapper] is Hashtable inner)
            {
                table = inner;
                break;
            }
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is Tensor tensor)
            {
                result[(string)entry.Key] = tensor;
            }
        }

        if (result.Count == 0)
        {
            throw new InvalidDataException($"Checkpoint {path} holds no tensors (top-level keys: {string.Join(", ", table.Keys.Cast<object>())}).");
        }

        return result;
    }

    public static void WriteSafetensors(string path, IReadOnlyDictionary<string, Tensor> state)
    {
        using var stream = File.Create(path);
        Safetensors.SaveStateDict(stream, state.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.contiguous()));
    }

    /// <summary>A file that PyTorch's <c>torch.load</c> reads as a state dict.</summary>
    public static void WritePyTorch(string path, IReadOnlyDictionary<string, Tensor> state)
    {
        using var stream = File.Create(path);
        PyTorchPickler.PickleStateDict(stream, new Hashtable(state.ToDictionary(kv => kv.Key, kv => (object)kv.Value.contiguous())));
    }
}
