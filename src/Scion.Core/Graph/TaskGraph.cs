using Scion.Artifacts;
using Scion.Pipelines;
using Scion.Text;

namespace Scion.Graph;

/// <summary>
/// The tasks of all pipelines and their edges, checked once: names are unique, every edge names a
/// task, there is no cycle, and every input is produced by a task upstream of its consumer.
/// </summary>
public sealed class TaskGraph
{
    private readonly Dictionary<string, TaskDefinition> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> dependencies = new(StringComparer.Ordinal);
    private readonly Dictionary<Artifact, TaskDefinition> producers = [];

    public TaskGraph(IEnumerable<Pipeline> pipelines)
    {
        foreach (var pipeline in pipelines)
        {
            foreach (var task in pipeline.CreateTasks())
            {
                task.Pipeline = pipeline;
                if (!tasks.TryAdd(task.Name, task))
                {
                    throw new GraphException($"Two tasks are named '{task.Name}' (pipelines {tasks[task.Name].Pipeline.Name} and {pipeline.Name}).");
                }

                dependencies[task.Name] = new SortedSet<string>(StringComparer.Ordinal);
            }
        }

        foreach (var task in tasks.Values)
        {
            foreach (string dep in task.DependsOn)
            {
                dependencies[task.Name].Add(Require(dep, $"task {task.Name} depends on"));
            }

            foreach (string dependee in task.DependeeOf)
            {
                dependencies[Require(dependee, $"task {task.Name} is a dependee of")].Add(task.Name);
            }

            foreach (var output in task.Task.Outputs)
            {
                if (!producers.TryAdd(output, task))
                {
                    throw new GraphException($"Artifact '{output.Name}' is declared as an output of both {producers[output].Name} and {task.Name}.");
                }
            }

            var names = task.Task.Outputs.GroupBy(o => o.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (names is not null)
            {
                throw new GraphException($"Task {task.Name} declares two outputs named '{names.Key}'.");
            }
        }

        CheckAcyclic();
        CheckInputs();
    }

    public IReadOnlyCollection<TaskDefinition> Tasks => tasks.Values;

    public TaskDefinition this[string name] => tasks[name];

    public bool Contains(string name) => tasks.ContainsKey(name);

    public IReadOnlyCollection<string> DependenciesOf(string name) => dependencies[name];

    public TaskDefinition ProducerOf(Artifact artifact) => producers[artifact];

    /// <summary>Tasks needed for the targets (with all of their dependencies), in a
    /// deterministic topological order; shared dependencies appear once.</summary>
    public IReadOnlyList<TaskDefinition> Plan(IReadOnlyList<string> targets)
    {
        foreach (string target in targets)
        {
            if (!tasks.ContainsKey(target))
            {
                throw new GraphException($"Unknown target '{target}'.{NameSuggestions.DidYouMean(target, tasks.Keys)}");
            }
        }

        var needed = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name)
        {
            if (needed.Add(name))
            {
                foreach (string dep in dependencies[name])
                {
                    Visit(dep);
                }
            }
        }

        foreach (string target in targets)
        {
            Visit(target);
        }

        var order = new List<TaskDefinition>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Emit(string name)
        {
            if (!done.Add(name))
            {
                return;
            }

            foreach (string dep in dependencies[name])
            {
                Emit(dep);
            }

            order.Add(tasks[name]);
        }

        foreach (string name in needed.Order(StringComparer.Ordinal))
        {
            Emit(name);
        }

        return order;
    }

    /// <summary>All tasks upstream of <paramref name="name"/> (not including it).</summary>
    public IReadOnlySet<string> Upstream(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(dependencies[name]);
        while (stack.Count > 0)
        {
            string next = stack.Pop();
            if (seen.Add(next))
            {
                foreach (string dep in dependencies[next])
                {
                    stack.Push(dep);
                }
            }
        }

        return seen;
    }

    private string Require(string name, string context) =>
        tasks.ContainsKey(name)
            ? name
            : throw new GraphException($"{context} '{name}', which is not a known task.{NameSuggestions.DidYouMean(name, tasks.Keys)}");

    private void CheckAcyclic()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = finished
        var path = new List<string>();
        int State(string name) => state.TryGetValue(name, out int s) ? s : 0;
        bool Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (string dep in dependencies[name])
            {
                if (State(dep) == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dep)).Append(dep);
                    throw new GraphException("The task graph has a cycle: " + string.Join(" -> ", cycle) + " (each depends on the next).");
                }

                if (State(dep) == 0)
                {
                    Visit(dep);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return true;
        }

        foreach (string name in tasks.Keys.Order(StringComparer.Ordinal))
        {
            if (State(name) == 0)
            {
                Visit(name);
            }
        }
    }

    private void CheckInputs()
    {
        foreach (var task in tasks.Values)
        {
            foreach (var input in task.Task.Inputs.Concat(task.Task.OptionalInputs))
            {
                if (!producers.TryGetValue(input, out var producer))
                {
                    throw new GraphException($"Task {task.Name} reads artifact '{input.Name}', which no task declares as an output.");
                }

                if (!Upstream(task.Name).Contains(producer.Name))
                {
                    throw new GraphException($"Task {task.Name} reads '{input.Name}' from {producer.Name} but does not depend on it; add [IsDependentOn(typeof({producer.Name}))].");
                }
            }
        }
    }
}
