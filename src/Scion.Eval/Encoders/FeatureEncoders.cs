namespace Scion.Eval.Encoders;

/// <summary>Makes the encoder a parameter names: <c>embedded</c> or a path to an <c>.onnx</c> file.</summary>
public static class FeatureEncoders
{
    public static IFeatureEncoder Create(string spec, string? embeddedWeights, int batchSize = 32, int threads = 0)
    {
        if (spec == "embedded")
        {
            return new EmbeddedEncoder(embeddedWeights ?? throw new InvalidOperationException("The embedded encoder needs the trained classifier's weights."));
        }

        if (spec.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            return new OnnxFeatureEncoder(spec, batchSize, threads);
        }

        throw new ArgumentException($"Encoder '{spec}' is neither 'embedded' nor a path to an .onnx file.", nameof(spec));
    }
}
