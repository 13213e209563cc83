using static TorchSharp.torch;

namespace Scion.Eval.Encoders;

/// <summary>Turns images into feature vectors for FD and PRDC. One interface for the ONNX and the embedded encoders,
/// so <c>eval.encoder=embedded</c> or <c>eval.encoder=path/to/model.onnx</c> is the only change a user makes.</summary>
public interface IFeatureEncoder : IDisposable
{
    /// <summary>Identifies the feature space: statistics are only compared between equal names.</summary>
    string Name { get; }

    /// <summary>uint8 images [N, 3, H, W] → float64 features [N, D].</summary>
    Tensor Encode(Tensor images, Action<long>? progress = null);
}
