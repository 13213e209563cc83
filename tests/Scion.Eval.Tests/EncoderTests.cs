using System.Text.Json;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Data;
using Scion.Diffusion.Vision;
using Scion.Eval.Encoders;
using static TorchSharp.torch;

namespace Scion.Eval.Tests;

public sealed class EncoderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public void The_ONNX_encoder_gives_the_features_the_fixture_script_computed()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Fixture("tiny_encoder.json"))).RootElement;
        var images = json.GetProperty("images").EnumerateArray().Select(e => Convert.FromBase64String(e.GetString()!)).ToList();
        using var hwc = tensor(images.SelectMany(b => b).ToArray(), [images.Count, 224, 224, 3], dtype: uint8);
        using var chw = hwc.permute(0, 3, 1, 2).contiguous();
        using var encoder = FeatureEncoders.Create(Fixture("tiny_encoder.onnx"), null, batchSize: 1);
        using var features = encoder.Encode(chw);
        var expected = json.GetProperty("features").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        Assert.Equal([2, 8], features.shape);
        var actual = features.data<double>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 4);
        }

        Assert.Equal("onnx:tiny_encoder.onnx", encoder.Name);
    }

    [Fact]
    public void Small_images_are_squashed_to_the_model_s_input_size()
    {
        using var encoder = new OnnxFeatureEncoder(Fixture("tiny_encoder.onnx"));
        using var images = randint(0, 256, [3, 3, 32, 48], dtype: uint8);
        using var x = encoder.Preprocess(images);
        Assert.Equal([3, 3, 224, 224], x.shape);
        using var features = encoder.Encode(images);
        Assert.Equal([3, 8], features.shape);
    }

    [Fact]
    public void Missing_files_and_unknown_specs_are_clear_errors()
    {
        Assert.Throws<FileNotFoundException>(() => FeatureEncoders.Create("/nonexistent/dinov2.onnx", null));
        var error = Assert.Throws<ArgumentException>(() => FeatureEncoders.Create("dinov2", null));
        Assert.Contains("'dinov2'", error.Message);
    }

    [Fact]
    public void The_embedded_encoder_gives_the_classifier_s_pooled_features()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-clf-{Guid.NewGuid():N}.safetensors");
        try
        {
            manual_seed(2);
            using var classifier = new ShapeClassifier(10);
            StateDictFile.WriteSafetensors(path, classifier.state_dict());
            var (images, _, _) = ImageTensors.Decode(ShapesDataset.Generate(1, 0, 5).ToList(), 32);
            using var encoder = FeatureEncoders.Create("embedded", path);
            using var features = encoder.Encode(images);
            classifier.eval();
            using var expected = classifier.Features(ImageTensors.ToModel(images)).to_type(float64);
            Assert.Equal([5, ShapeClassifier.FeatureSize], features.shape);
            Assert.True(features.allclose(expected, 1e-6, 1e-7));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
