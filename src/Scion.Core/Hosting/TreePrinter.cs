using Scion.Graph;
using Spectre.Console;

namespace Scion.Hosting;

/// <summary>The dependency tree for --tree (a shared dependency appears under each dependant).</summary>
internal static class TreePrinter
{
    public static Tree Build(TaskGraph graph, IReadOnlyList<string> roots)
    {
        var tree = new Tree("Tasks");
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (string root in roots)
        {
            Add(graph, tree.AddNode(Label(graph, root)), root, shown);
        }

        return tree;
    }

    // A task already expanded elsewhere is shown once more without its subtree, so shared
    // dependencies do not blow the tree up exponentially.
    private static void Add(TaskGraph graph, TreeNode node, string name, HashSet<string> shown)
    {
        if (!shown.Add(name))
        {
            return;
        }

        foreach (string dep in graph.DependenciesOf(name))
        {
            var child = node.AddNode(shown.Contains(dep) ? $"{Markup.Escape(dep)} [grey](see above)[/]" : Label(graph, dep));
            Add(graph, child, dep, shown);
        }
    }

    private static string Label(TaskGraph graph, string name)
    {
        var task = graph[name];
        string description = task.Description.Length > 0 ? $" [grey]{Markup.Escape(task.Description)}[/]" : "";
        return $"{Markup.Escape(name)}{description}";
    }
}
