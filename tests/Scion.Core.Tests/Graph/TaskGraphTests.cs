using Scion.Artifacts;
using Scion.Graph;

namespace Scion.Core.Tests.Graph;

public sealed class TaskGraphTests
{
    private static TaskDefinition Task(string name, params string[] deps) => TaskDefinition.Create(name, new LambdaTask(_ => { }), deps);

    public sealed class Ordering
    {
        [Fact]
        public void Dependencies_come_before_dependants_and_shared_ones_appear_once()
        {
            var graph = new TaskGraph([new CodePipeline(Task("a"), Task("b", "a"), Task("c", "a"), Task("d", "b", "c"))]);
            var order = graph.Plan(["d"]).Select(t => t.Name).ToList();
            Assert.Equal(4, order.Count);
            Assert.True(order.IndexOf("a") < order.IndexOf("b"));
            Assert.True(order.IndexOf("a") < order.IndexOf("c"));
            Assert.True(order.IndexOf("c") < order.IndexOf("d"));
        }

        [Fact]
        public void Several_targets_form_one_plan()
        {
            var graph = new TaskGraph([new CodePipeline(Task("a"), Task("b", "a"), Task("c", "a"))]);
            Assert.Equal(["a", "b", "c"], graph.Plan(["b", "c"]).Select(t => t.Name));
        }

        [Fact]
        public void Only_what_the_target_needs_is_planned()
        {
            var graph = new TaskGraph([new CodePipeline(Task("a"), Task("b", "a"), Task("x"))]);
            Assert.Equal(["a", "b"], graph.Plan(["b"]).Select(t => t.Name));
        }

        [Fact]
        public void IsDependeeOf_adds_the_reverse_edge()
        {
            var graph = new TaskGraph([new Scion.TestHost.TestPipeline()]);
            Assert.Contains("Summarize", graph.DependenciesOf("All"));
            Assert.Contains("Generate", graph.Upstream("Summarize"));
        }
    }

    public sealed class Errors
    {
        [Fact]
        public void A_cycle_is_reported_with_its_tasks()
        {
            var ex = Assert.Throws<GraphException>(() => new TaskGraph([new CodePipeline(Task("a", "c"), Task("b", "a"), Task("c", "b"), Task("d"))]));
            Assert.Contains("cycle", ex.Message);
            Assert.Contains("a -> c -> b -> a", ex.Message);
        }

        [Fact]
        public void An_unknown_dependency_is_named_with_a_suggestion()
        {
            var ex = Assert.Throws<GraphException>(() => new TaskGraph([new CodePipeline(Task("train"), Task("eval", "trian"))]));
            Assert.Contains("'trian'", ex.Message);
            Assert.Contains("Did you mean 'train'", ex.Message);
        }

        [Fact]
        public void An_unknown_target_suggests_the_closest_names()
        {
            var graph = new TaskGraph([new CodePipeline(Task("Summarize"), Task("Scale"))]);
            var ex = Assert.Throws<GraphException>(() => graph.Plan(["Sumarize"]));
            Assert.Contains("Did you mean 'Summarize'", ex.Message);
        }

        [Fact]
        public void Reading_an_artifact_without_depending_on_its_producer_fails()
        {
            var file = Artifact.File("x.txt");
            var producer = TaskDefinition.Create("producer", new LambdaTask(_ => { }) { Out = [file] });
            var consumer = TaskDefinition.Create("consumer", new LambdaTask(_ => { }) { In = [file] });
            var ex = Assert.Throws<GraphException>(() => new TaskGraph([new CodePipeline(producer, consumer)]));
            Assert.Contains("does not depend on it", ex.Message);
        }
    }
}
