using static TorchSharp.torch;

namespace Scion.Eval.Statistics;

/// <summary>Reference statistics as <c>.npz</c> with <c>mu</c> and <c>sigma</c> (the format of dgm-eval, pytorch-fid and
/// ADM reference batches), plus <c>count</c> and <c>encoder</c> (UTF-8 bytes) when Scion wrote it.</summary>
public static class StatisticsFile
{
    public static void Write(string path, FeatureStatistics stats)
    {
        Npz.Write(path, new Dictionary<string, NpyArray>
        {
            ["mu"] = NpyArray.Of(stats.Mu),
            ["sigma"] = NpyArray.Of(stats.Sigma),
            ["count"] = new([stats.Count], [1]),
            ["encoder"] = NpyArray.Text(stats.Encoder),
        });
    }

    /// <param name="encoder">The encoder the statistics were computed with, for files that do not say (those of
    /// other tools); a file that names its encoder keeps that name, so FD refuses to compare across encoders.</param>
    public static FeatureStatistics Read(string path, string encoder)
    {
        var arrays = Npz.Read(path);
        if (!arrays.TryGetValue("mu", out var mu) || !arrays.TryGetValue("sigma", out var sigma))
        {
            throw new InvalidDataException($"{path} has no 'mu' and 'sigma' arrays (it has: {string.Join(", ", arrays.Keys)}).");
        }

        long d = mu.Values.Length;
        if (sigma.Shape.Length != 2 || sigma.Shape[0] != d || sigma.Shape[1] != d)
        {
            throw new InvalidDataException($"{path}: sigma is [{string.Join(", ", sigma.Shape)}], expected [{d}, {d}] for mu of size {d}.");
        }

        long count = arrays.TryGetValue("count", out var c) && c.Values.Length == 1 ? (long)c.Values[0] : 0;
        string named = arrays.TryGetValue("encoder", out var e) ? e.AsText() : encoder;
        return new FeatureStatistics(tensor(mu.Values, [d]), sigma.ToTensor(), count, named);
    }
}
