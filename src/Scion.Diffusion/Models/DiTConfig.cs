using System.Text.RegularExpressions;
using Scion.Diffusion.Diffusion;

namespace Scion.Diffusion.Models;

/// <summary>
/// The shape of a DiT. The paper's configurations are named <c>DiT-{S,B,L,XL}/{2,4,8}</c>; the CPU-sized
/// ones used by the embedded default are <c>DiT-T/{2,4,8}</c> (tiny) and <c>DiT-N/{2,4,8}</c> (narrow).
/// <see cref="Target"/> is what the trained weights predict (ε for official checkpoints), so it travels with them.
/// </summary>
public sealed partial record DiTConfig(
    int Depth,
    int Hidden,
    int Heads,
    int Patch,
    int InputSize = 32,
    int InChannels = 4,
    int NumClasses = 1000,
    bool LearnSigma = true,
    double MlpRatio = 4.0,
    double ClassDropout = 0.1,
    PredictionTarget Target = PredictionTarget.Epsilon)
{
    public int GridSize => InputSize / Patch;

    public int Tokens => GridSize * GridSize;

    public int OutChannels => LearnSigma ? InChannels * 2 : InChannels;

    public int MlpHidden => (int)(Hidden * MlpRatio);

    /// <summary>Depth / hidden / heads of the named sizes (paper: XL 28/1152/16, L 24/1024/16, B 12/768/12, S 12/384/6).</summary>
    public static IReadOnlyDictionary<string, (int Depth, int Hidden, int Heads)> Sizes { get; } =
        new Dictionary<string, (int, int, int)>(StringComparer.Ordinal)
        {
            ["XL"] = (28, 1152, 16),
            ["L"] = (24, 1024, 16),
            ["B"] = (12, 768, 12),
            ["S"] = (12, 384, 6),
            ["T"] = (6, 192, 3),
            ["N"] = (6, 128, 4),
        };

    /// <summary>Parses a name such as <c>DiT-XL/2</c>; the other fields keep the values given.</summary>
    public static DiTConfig Named(string name, int inputSize = 32, int inChannels = 4, int numClasses = 1000, bool learnSigma = true)
    {
        var match = NamePattern().Match(name);
        if (!match.Success || !Sizes.TryGetValue(match.Groups[1].Value, out var size))
        {
            throw new ArgumentException($"Unknown DiT configuration '{name}'. Known: {string.Join(", ", AllNames)}.", nameof(name));
        }

        var config = new DiTConfig(size.Depth, size.Hidden, size.Heads, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            inputSize, inChannels, numClasses, learnSigma);
        config.Validate();
        return config;
    }

    public static IEnumerable<string> AllNames => Sizes.Keys.SelectMany(s => new[] { 2, 4, 8 }.Select(p => $"DiT-{s}/{p}"));

    public void Validate()
    {
        if (InputSize % Patch != 0)
        {
            throw new ArgumentException($"DiT input size {InputSize} is not a multiple of the patch size {Patch}.");
        }

        if (Hidden % Heads != 0)
        {
            throw new ArgumentException($"DiT hidden size {Hidden} is not divisible by {Heads} heads.");
        }

        if (Hidden % 4 != 0)
        {
            throw new ArgumentException($"DiT hidden size {Hidden} must be a multiple of 4 for the 2-D sin-cos position embedding.");
        }
    }

    [GeneratedRegex(@"^DiT-(XL|L|B|S|T|N)/(2|4|8)$")]
    private static partial Regex NamePattern();
}
