using Scion.Graph;
using Scion.TestHost;

namespace Scion.Core.Tests.Caching;

public sealed class IncrementalRerunTests
{
    public sealed class Reruns
    {
        [Fact]
        public async Task A_second_run_with_nothing_changed_is_fully_cached()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(0, await ws.RunAsync("--target=All"));
            Assert.All(ws.LastRun!.Tasks, t => Assert.Equal("Executed", t.Status));
            Assert.Equal(0, await ws.RunAsync("--target=All"));
            Assert.All(ws.LastRun!.Tasks.Where(t => t.Name != "All"), t => Assert.Equal("Cached", t.Status));
            Assert.Equal(ws.Task("Summarize").Metrics.Single().Value, 2.0 * Enumerable.Range(0, 100).Sum(i => i * 0.5));
        }

        [Fact]
        public async Task Changing_an_unrelated_parameter_does_not_invalidate_a_task()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=All");
            Assert.Equal(0, await ws.RunAsync("--target=All", "--param", "demo.label=other"));
            Assert.Equal("Executed", ws.Status("Unrelated"));
            Assert.Equal("Cached", ws.Status("Generate"));
            Assert.Equal("Cached", ws.Status("Scale"));
            Assert.Equal("Cached", ws.Status("Summarize"));
        }

        [Fact]
        public async Task Changing_a_parameter_reruns_its_task_and_everything_downstream_only()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=All");
            await ws.RunAsync("--target=All", "--param=demo.scale=3");
            Assert.Equal("Cached", ws.Status("Generate"));
            Assert.Equal("Executed", ws.Status("Scale"));
            Assert.Equal("Executed", ws.Status("Summarize"));
            Assert.Equal("Cached", ws.Status("Unrelated"));
        }

        [Fact]
        public async Task An_upstream_output_change_invalidates_downstream_but_an_identical_recomputation_does_not()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Summarize");
            await ws.RunAsync("--target=Summarize", "--param=demo.rows=50");
            Assert.Equal("Executed", ws.Status("Generate"));
            Assert.Equal("Executed", ws.Status("Scale"));
            Assert.Equal("Executed", ws.Status("Summarize"));

            // Forcing Generate recomputes the same bytes: its consumers stay cached (content addressing).
            await ws.RunAsync("--target=Summarize", "--param=demo.rows=50", "--force=Generate");
            Assert.Equal("Executed", ws.Status("Generate"));
            Assert.Equal("Cached", ws.Status("Scale"));
        }

        [Fact]
        public async Task Going_back_to_an_earlier_value_reuses_its_entry()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Scale");
            await ws.RunAsync("--target=Scale", "--param=demo.scale=5");
            await ws.RunAsync("--target=Scale");
            Assert.Equal("Cached", ws.Status("Scale"));
        }

        [Fact]
        public async Task Force_and_force_all_recompute()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Summarize");
            await ws.RunAsync("--target=Summarize", "--force=Scale");
            Assert.Equal("Cached", ws.Status("Generate"));
            Assert.Equal("Executed", ws.Status("Scale"));
            await ws.RunAsync("--target=Summarize", "--force-all");
            Assert.All(ws.LastRun!.Tasks, t => Assert.Equal("Executed", t.Status));
        }

        [Fact]
        public async Task Bumping_a_task_version_invalidates_it_and_explains_why()
        {
            using var ws = new TestWorkspace();
            var v1 = TaskDefinition.Create("Versioned", new LambdaTask(_ => { }), version: 1);
            var v2 = TaskDefinition.Create("Versioned", new LambdaTask(_ => { }), version: 2);
            await ws.RunAsync(new CodePipeline(v1), "--target=Versioned");
            await ws.RunAsync(new CodePipeline(v1), "--target=Versioned");
            Assert.Equal("Cached", ws.Status("Versioned"));
            await ws.RunAsync(new CodePipeline(v2), "--target=Versioned", "--explain");
            Assert.Equal("Executed", ws.Status("Versioned"));
            Assert.Contains("version bumped from 1 to 2", ws.Output);
        }

        [Fact]
        public async Task Several_jobs_give_the_same_results()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(0, await ws.RunAsync("--target=All", "--jobs=2"));
            Assert.All(ws.LastRun!.Tasks, t => Assert.Equal("Executed", t.Status));
            await ws.RunAsync("--target=All", "--jobs", "2");
            Assert.Equal("Cached", ws.Status("Summarize"));
        }
    }

    public sealed class Explain
    {
        [Fact]
        public async Task Explain_names_the_parameter_with_its_old_and_new_value_and_the_changed_input()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Summarize");
            await ws.RunAsync("--target=Summarize", "--param=demo.scale=3", "--explain");
            Assert.Contains("Scale runs because: parameter demo.scale changed from 2 to 3", ws.Output);
            Assert.Contains("Summarize runs because: input Scale/scaled changed", ws.Output);
            Assert.DoesNotContain("Generate runs because", ws.Output);
        }

        [Fact]
        public async Task Explain_says_new_and_forced()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Generate", "--explain");
            Assert.Contains("Generate runs because: new", ws.Output);
            await ws.RunAsync("--target=Generate", "--explain", "--force=Generate");
            Assert.Contains("Generate runs because: forced", ws.Output);
        }

        [Fact]
        public async Task A_dry_run_shows_what_would_run_and_runs_nothing()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Scale");
            Assert.Equal(0, await ws.RunAsync("--target=Summarize", "--param=demo.rows=7", "--dryrun"));
            Assert.Null(ws.LastRun);
            Assert.Contains("Generate runs because: parameter demo.rows changed from 100 to 7", ws.Output);
            Assert.Matches(@"Scale\s+WouldRun", ws.Output);
            await ws.RunAsync("--target=Scale");
            Assert.Equal("Cached", ws.Status("Scale"));
        }
    }

    public sealed class Exclusive
    {
        [Fact]
        public async Task Exclusive_runs_only_the_target_using_cached_dependencies()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Summarize");
            Assert.Equal(0, await ws.RunAsync("--target=Summarize", "--exclusive", "--force=Summarize"));
            Assert.Equal("Cached", ws.Status("Scale"));
            Assert.Equal("Executed", ws.Status("Summarize"));
        }

        [Fact]
        public async Task Exclusive_fails_when_a_dependency_is_not_cached()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(1, await ws.RunAsync("--target=Summarize", "--exclusive"));
            Assert.Contains("--exclusive runs only the targets", ws.Task("Generate").Note);
            Assert.Equal("Skipped", ws.Status("Summarize"));
        }
    }
}
