using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Grafting.Distillation;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;

namespace Scion.Grafting.Tests;

public sealed class DistillationTests
{
    private static (Tensor Images, Tensor Labels) Data()
    {
        manual_seed(20);
        return (randint(0, 256, [48, 3, 16, 16]).to_type(ScalarType.Byte), randint(0, 3, [48]));
    }

    public sealed class Capture
    {
        [Fact]
        public void Operator_capture_holds_what_the_teacher_operator_computes()
        {
            using var teacher = SurgeryTests.Teacher(21);
            var (images, labels) = Data();
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "1,3", SurgeryTests.Small.Depth);
            var captured = ActivationCapture.Run(teacher, GaussianDiffusion.Create(), images, labels, plan, samples: 20, seed: 1, batch: 8);
            Assert.Equal([1, 3], captured.Keys.Order());
            var layer = captured[3];
            Assert.Equal([20, SurgeryTests.Small.Tokens, SurgeryTests.Small.Hidden], layer.Inputs.shape);
            using var again = teacher.Block(3).Attn.forward(layer.Inputs);
            Assert.True(again.allclose(layer.Outputs, 1e-4, 1e-5));
            Assert.Null(teacher.Block(3).Capture);
        }

        [Fact]
        public void Pair_capture_holds_the_two_blocks_in_sequence()
        {
            using var teacher = SurgeryTests.Teacher(22);
            var (images, labels) = Data();
            var plan = GraftPlan.Create(GraftMode.DepthToWidth, "", "", SurgeryTests.Small.Depth);
            var captured = ActivationCapture.Run(teacher, GaussianDiffusion.Create(), images, labels, plan, samples: 10, seed: 1, batch: 4);
            var layer = captured[2];
            using var again = teacher.Block(3).forward(teacher.Block(2).forward(layer.Inputs, layer.Conditioning!), layer.Conditioning!);
            Assert.True(again.allclose(layer.Outputs, 1e-4, 1e-5));
        }
    }

    public sealed class Training
    {
        [Fact]
        public void Distilling_lowers_the_validation_loss_and_keeps_the_best_checkpoint()
        {
            using var teacher = SurgeryTests.Teacher(23);
            var (images, labels) = Data();
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "1", SurgeryTests.Small.Depth);
            var captured = ActivationCapture.Run(teacher, GaussianDiffusion.Create(), images, labels, plan, samples: 48, seed: 1);
            using var unit = plan.CreateUnit(1, SurgeryTests.Small, teacher.state_dict());
            var result = OperatorDistiller.Train(unit, captured[1], new DistillOptions(Steps: 150, BatchSize: 8, LearningRate: 3e-3, EvalEvery: 25));
            Assert.True(result.BestValidation < 0.8 * result.Curve[0].Validation, $"validation {result.Curve[0].Validation} → {result.BestValidation}");
            Assert.Equal(result.Curve.Min(p => p.Validation), result.BestValidation);
            Assert.All(result.Best.Keys, k => Assert.StartsWith("blocks.1.attn.", k));
        }

        [Fact]
        public void An_unknown_loss_is_refused()
        {
            using var teacher = SurgeryTests.Teacher(24);
            var plan = GraftPlan.Create(GraftMode.Operator, "mha", "1", SurgeryTests.Small.Depth);
            using var unit = plan.CreateUnit(1, SurgeryTests.Small, teacher.state_dict());
            using var data = new LayerActivations(1, zeros(4, 16, 16), zeros(4, 16, 16), null);
            var error = Assert.Throws<ArgumentException>(() => OperatorDistiller.Train(unit, data, new DistillOptions(Loss: "l3")));
            Assert.Contains("'l3'", error.Message);
        }
    }
}
