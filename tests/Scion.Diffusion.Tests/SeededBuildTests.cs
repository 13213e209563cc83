using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Diffusion.Vision;
using Scion.Tests.Shared;

namespace Scion.Diffusion.Tests;

/// <summary>
/// With <c>--jobs 2</c> PretrainTeacher and TrainClassifier start together, each building models from libtorch's one
/// global generator. A seeded build must give the same weights whatever another thread builds meanwhile.
/// </summary>
public sealed class SeededBuildTests
{
    private static readonly DiTConfig Config = new(2, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);

    /// <summary>Another thread's work: building DiTs and classifiers.</summary>
    private static void OtherBuilds()
    {
        new DiT(Config).Dispose();
        new ShapeClassifier(10).Dispose();
    }

    [Fact]
    public void The_trainer_starts_from_the_same_weights()
    {
        var (images, labels, _) = ImageTensors.Decode(ShapesDataset.Generate(3, 0, 16, size: 16).ToList(), 16);
        float[] Train()
        {
            var result = new DiffusionTrainer(Config, GaussianDiffusion.Create())
                .Train(images, labels, new TrainOptions(1, 8, 1e-3, EmaDecay: 0, Seed: 5));
            var weights = TinyNet.Weights(result.Ema);
            result.Ema.Dispose();
            return weights;
        }

        var alone = Train();
        for (int round = 0; round < 5; round++)
        {
            BesideOtherWork.Run(OtherBuilds, () => Assert.Equal(alone, Train()));
        }
    }

    [Fact]
    public void A_seeded_DiT_is_the_same_beside_other_builds()
    {
        float[] Build()
        {
            using var model = Torch.GlobalGenerator.Seeded(7, () => new DiT(Config));
            return TinyNet.Weights(model);
        }

        var alone = Build();
        for (int round = 0; round < 20; round++)
        {
            BesideOtherWork.Run(OtherBuilds, () => Assert.Equal(alone, Build()));
        }
    }
}
