using Scion.Graph;
using Scion.Tasks;

namespace Scion.Core.Tests.Hosting;

public sealed class FailureTests
{
    public sealed class Dependencies
    {
        [Fact]
        public async Task A_failed_dependency_stops_its_dependants_and_the_run_fails()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(1, await ws.RunAsync("--target=AfterExplode", "--target=Unrelated", "--param=demo.explode=true"));
            Assert.Equal("Failed", ws.Status("Explode"));
            Assert.Contains("boom", ws.Task("Explode").Note);
            Assert.Equal("Skipped", ws.Status("AfterExplode"));
            Assert.Contains("dependency Explode failed", ws.Task("AfterExplode").Note);
            Assert.Equal("Executed", ws.Status("Unrelated")); // an independent branch still runs and is cached
            Assert.Matches(@"Explode\s+Failed", ws.Output);
        }

        [Fact]
        public async Task A_failed_task_leaves_no_cache_entry()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Explode", "--param=demo.explode=true");
            Assert.Equal(0, await ws.RunAsync("--target=Explode"));
            Assert.Equal("Executed", ws.Status("Explode"));
        }

        [Fact]
        public async Task ShouldRun_skips_with_its_reason_and_dependants_that_need_no_output_still_run()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(0, await ws.RunAsync("--target=Optional", "--param=demo.skip=true"));
            Assert.Equal("Skipped", ws.Status("Optional"));
            Assert.Equal("demo.skip is true", ws.Task("Optional").Note);
        }

        [Fact]
        public async Task An_optional_input_is_absent_when_its_producer_skips_and_the_key_says_so()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(0, await ws.RunAsync("--target=AfterOptional", "--param=demo.skip=true"));
            Assert.Equal("Executed", ws.Status("AfterOptional"));
            Assert.Equal("without", File.ReadAllText(Path.Combine(ws.Task("AfterOptional").EntryFolder!, "outputs", "after.txt")));

            Assert.Equal(0, await ws.RunAsync("--target=AfterOptional"));
            Assert.Equal("Executed", ws.Status("AfterOptional")); // now with the input: a different key
            Assert.Equal("from Optional", File.ReadAllText(Path.Combine(ws.Task("AfterOptional").EntryFolder!, "outputs", "after.txt")));

            Assert.Equal(0, await ws.RunAsync("--target=AfterOptional", "--param=demo.skip=true"));
            Assert.Equal("Cached", ws.Status("AfterOptional"));
        }
    }

    public sealed class Handlers
    {
        [Fact]
        public async Task OnError_does_not_swallow_by_default_and_Finally_always_runs()
        {
            using var ws = new TestWorkspace();
            var task = new LambdaTask(_ => throw new InvalidOperationException("bad"));
            Assert.Equal(1, await ws.RunAsync(new CodePipeline(TaskDefinition.Create("T", task)), "--target=T"));
            Assert.Equal("Failed", ws.Status("T"));
            Assert.Equal(1, task.FinallyCalls);
        }

        [Fact]
        public async Task OnError_may_explicitly_let_the_run_continue()
        {
            using var ws = new TestWorkspace();
            var task = new LambdaTask(_ => throw new InvalidOperationException("tolerated")) { ErrorHandler = _ => ErrorDecision.Continue };
            Assert.Equal(0, await ws.RunAsync(new CodePipeline(TaskDefinition.Create("T", task)), "--target=T"));
            Assert.Equal("Failed", ws.Status("T"));
            Assert.Contains("error ignored by OnError", ws.Task("T").Note);
        }

        [Fact]
        public async Task Reading_an_undeclared_parameter_fails_the_task()
        {
            using var ws = new TestWorkspace();
            var task = new LambdaTask(c => c.Get(Scion.TestHost.TestParameters.Rows));
            var pipeline = new CodePipelineWithParameters(TaskDefinition.Create("T", task));
            Assert.Equal(1, await ws.RunAsync(pipeline, "--target=T"));
            Assert.Contains("without declaring it in Reads", ws.Task("T").Note);
        }
    }
}

/// <summary>A code pipeline that also declares the test parameters (read from the Test params file).</summary>
public sealed class CodePipelineWithParameters(params TaskDefinition[] tasks) : Scion.Pipelines.Pipeline<Scion.TestHost.TestContext>
{
    public override string Name => "Test";

    public override IEnumerable<Scion.Parameters.IParameter> Parameters => Scion.Parameters.Parameter.DeclaredIn(typeof(Scion.TestHost.TestParameters));

    public override IEnumerable<TaskDefinition> CreateTasks() => tasks.Select(t => t with { });
}
