using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Hosting;
using Scion.Pipelines.GraftDiT;
using Scion.Reports;
using Scion.Running;
using Spectre.Console;

namespace Scion.Pipelines.Tests;

/// <summary>GraftDiT's teacher stages end to end with <c>--profile=smoke</c>, in a temporary workspace.</summary>
public sealed class GraftDiTSmokeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("scion-graftdit-").FullName;

    public GraftDiTSmokeTests()
    {
        string folder = Path.Combine(root, "pipelines", "GraftDiT");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "pipelines", "GraftDiT", "params.toml"), Path.Combine(folder, "params.toml"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<(int Exit, RunRecord? Run, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer),
        });
        var host = new ScionHost(root) { Console = console }.AddPipeline(new GraftDiTPipeline())
            .UseReports(new HtmlReportWriter(Path.Combine(RepositoryRoot(), "reports", "templates")));
        int exit = await host.RunAsync(args);
        return (exit, host.LastRun, writer.ToString());
    }

    [Fact]
    public async Task The_smoke_profile_runs_every_teacher_stage_and_a_rerun_is_all_cached()
    {
        string[] targets = ["--target=ScoreTeacher", "--target=EvaluateTeacher", "--profile=smoke"];
        var (exit, run, output) = await RunAsync(targets);
        Assert.True(exit == 0, output);
        Assert.All(run!.Tasks, t => Assert.Equal("Executed", t.Status));
        var score = run.Tasks.Single(t => t.Name == "ScoreTeacher").Metrics.Single(m => m.Name == "sample_accuracy");
        Assert.InRange(score.Value, 0, 1);
        // teacher.precision = auto: the probe's ratio decides, and both are in the report
        var teacher = run.Tasks.Single(t => t.Name == "PretrainTeacher").Metrics.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(PrecisionProbe.Choose(teacher["bf16_speedup"]) ? 1 : 0, teacher["bf16_products"]);
        var metrics = run.Tasks.Single(t => t.Name == "EvaluateTeacher").Metrics.ToDictionary(m => m.Name, m => m.Value);
        Assert.True(metrics["fd"] > 0 && double.IsFinite(metrics["fd"]));
        Assert.InRange(metrics["coverage"], 0, 1);

        (exit, run, output) = await RunAsync(targets);
        Assert.True(exit == 0, output);
        Assert.All(run!.Tasks, t => Assert.Equal("Cached", t.Status));

        // a sampling parameter reruns sampling and what reads the samples, nothing else
        (exit, run, _) = await RunAsync([.. targets, "--param=sample.seed=3"]);
        Assert.Equal(0, exit);
        var executed = run!.Tasks.Where(t => t.Status == "Executed").Select(t => t.Name).Order().ToList();
        Assert.Equal(["EvaluateTeacher", "SampleTeacher", "ScoreTeacher"], executed);

        // teacher.depth, width, heads and MLP ratio retrain the teacher in that shape, and what follows sees it (in
        // float32 products, the other precision and decay from the defaults)
        (exit, run, output) = await RunAsync([.. targets, "--param=teacher.depth=2", "--param=teacher.width=64", "--param=teacher.heads=2",
            "--param=teacher.mlp_ratio=2", "--param=teacher.decay=constant", "--param=teacher.precision=fp32"]);
        Assert.True(exit == 0, output);
        Assert.Equal("Executed", run!.Tasks.Single(t => t.Name == "PretrainTeacher").Status);
        Assert.Contains("DiT depth 2, width 64, MLP 128,", output);
        Assert.Contains("training with float32 products (teacher.precision = fp32)", output);
    }

    [Fact]
    public async Task A_teacher_shape_that_makes_no_DiT_fails_before_any_task_runs()
    {
        await FailsBeforeAnyTaskRuns("The teacher's width 128 (teacher.width; 0 = 128, from DiT-N/4) must be a multiple of 4 and of its 3 attention heads",
            "--param=teacher.heads=3");
        await FailsBeforeAnyTaskRuns("teacher.config = 'DiT-Q/4' is not a DiT configuration", "--param=teacher.config=DiT-Q/4", "--param=data.image_size=30");
        await FailsBeforeAnyTaskRuns("data.image_size = 30 is not a multiple of the patch size 4", "--param=data.image_size=30");
    }

    [Fact]
    public async Task More_teacher_replicas_than_images_in_a_batch_fail_before_any_task_runs() =>
        await FailsBeforeAnyTaskRuns("teacher.replicas = 17 is more than teacher.batch = 16", "--param=teacher.replicas=17");

    private async Task FailsBeforeAnyTaskRuns(string message, params string[] parameters)
    {
        var (exit, run, output) = await RunAsync(["--target=PretrainTeacher", "--profile=smoke", .. parameters]);
        Assert.Equal(2, exit);
        Assert.Null(run);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task The_smoke_profile_runs_the_whole_graft_graph_and_reports_every_metric()
    {
        var (exit, run, output) = await RunAsync("--target=GraftDiT", "--profile=smoke");
        Assert.True(exit == 0, output);
        Assert.All(run!.Tasks, t => Assert.Equal("Executed", t.Status));
        var metrics = run.Tasks.Single(t => t.Name == "EvaluateGraft").Metrics.ToDictionary(m => m.Name, m => m.Value);
        string[] perModel = ["fd", "precision", "recall", "density", "coverage", "accuracy", "parameters", "attention_gflops", "total_gflops", "latency_ms", "latency_1024_ms"];
        foreach (var name in new[] { "teacher", "stage1", "finetuned" }.SelectMany(m => perModel.Select(p => $"{m}_{p}")))
        {
            Assert.True(metrics.ContainsKey(name), $"EvaluateGraft did not record {name}");
        }

        foreach (var name in new[] { "fd_ratio", "accuracy_drop_points", "flops_reduction_pct", "attention_flops_reduction_pct", "graft_compute_fraction", "hyena_x_block_speedup_256", "hyena_x_block_speedup_1024" })
        {
            Assert.True(metrics.ContainsKey(name) && double.IsFinite(metrics[name]), $"EvaluateGraft did not record {name}");
        }

        Assert.True(metrics["finetuned_attention_gflops"] < metrics["teacher_attention_gflops"]);
        Assert.Contains(run.Tasks.Single(t => t.Name == "GraftDistill").Metrics, m => m.Name == "distill_val_layer_1");
        string report = Path.Combine(root, "reports", "out", "GraftDiT", "latest");
        Assert.True(File.Exists(Path.Combine(report, "run.json")));
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("Verdict.", html);
        Assert.Contains("finetuned_samples.png", html);

        // a stage-2 parameter reruns stage 2 and what follows, nothing else
        (exit, run, output) = await RunAsync("--target=GraftDiT", "--profile=smoke", "--param=finetune.lr=0.0002");
        Assert.True(exit == 0, output);
        var executed = run!.Tasks.Where(t => t.Status == "Executed").Select(t => t.Name).Order().ToList();
        Assert.Equal(["EvaluateGraft", "GraftFinetune"], executed);

        // depth to width: the same stages on parallel block pairs
        (exit, run, output) = await RunAsync("--target=GraftDiT", "--profile=smoke", "--param=graft.mode=depth-to-width");
        Assert.True(exit == 0, output);
        Assert.Equal("Executed", run!.Tasks.Single(t => t.Name == "GraftDistill").Status);
        Assert.Contains("depth to width", output);
    }

    [Fact]
    public async Task The_sweep_grafts_each_operator_once_and_shares_captures()
    {
        var (exit, run, output) = await RunAsync("--target=GraftSweep", "--profile=smoke", "--param=sweep.operators=hyena-x,hyena-y,mlp-r3");
        Assert.True(exit == 0, output);
        var metrics = run!.Tasks.Single(t => t.Name == "GraftSweep").Metrics.Select(m => m.Name).ToList();
        Assert.Equal(["depth-to-width_fd_ratio", "hyena-x@1,3,5_fd_ratio", "hyena-y@1,3,5_fd_ratio", "mlp-r3@1,3,5_fd_ratio"], metrics.Order());
        // hyena-x and hyena-y replace the same operators of the same blocks: one capture serves both
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("Captured 64 samples")));
        Assert.Contains("sweep.html", File.ReadAllText(Path.Combine(root, "reports", "out", "GraftDiT", "latest", "index.html")));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "reports", "templates")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("reports/templates not found above the test folder");
    }

    [Fact]
    public async Task A_given_checkpoint_replaces_the_teacher_and_a_bad_one_fails_naming_the_key()
    {
        var config = new DiTConfig(Depth: 2, Hidden: 384, Heads: 6, Patch: 8, InputSize: 32, InChannels: 3, NumClasses: 10);
        using var model = new DiT(config);
        string good = Path.Combine(root, "dit.pt");
        StateDictFile.WritePyTorch(good, model.state_dict());

        var (exit, run, output) = await RunAsync("--target=FetchDiT", "--profile=smoke", $"--param=dit.checkpoint={good}");
        Assert.True(exit == 0, output);
        Assert.Equal("Skipped", run!.Tasks.Single(t => t.Name == "PretrainTeacher").Status);
        Assert.Equal("Executed", run.Tasks.Single(t => t.Name == "FetchDiT").Status);

        var state = model.state_dict();
        state.Remove("blocks.1.mlp.fc2.bias");
        string bad = Path.Combine(root, "bad.safetensors");
        StateDictFile.WriteSafetensors(bad, state);
        (exit, run, output) = await RunAsync("--target=FetchDiT", "--profile=smoke", $"--param=dit.checkpoint={bad}");
        Assert.NotEqual(0, exit);
        Assert.Contains("missing 'blocks.1.mlp.fc2.bias'", output);
    }
}
