using System.Reflection;
using Scion.Pipelines;
using Scion.Tasks;

namespace Scion.Graph;

/// <summary>A task of the graph: its name, the task object, its edges and its cache version.</summary>
public sealed record TaskDefinition(
    string Name,
    IPipelineTask Task,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> DependeeOf,
    string Description = "",
    int Version = 1)
{
    public Pipeline Pipeline { get; internal set; } = null!;

    /// <summary>A task built in code (e.g. one per sweep point), with dependencies by name.</summary>
    public static TaskDefinition Create(string name, IPipelineTask task, IEnumerable<string>? dependsOn = null, string description = "", int version = 1) =>
        new(name, task, dependsOn?.ToList() ?? [], [], description, version);

    /// <summary>Every concrete task class with the given context type, read from its attributes.</summary>
    public static IEnumerable<TaskDefinition> DiscoverIn(Assembly assembly, Type contextType)
    {
        var types = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IPipelineTask).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => DeclaredContext(t) is not { } declared || declared == contextType)
            .ToList();
        foreach (var type in types)
        {
            var task = (IPipelineTask)Activator.CreateInstance(type)!;
            if (task.ContextType != contextType)
            {
                continue;
            }

            yield return new TaskDefinition(
                NameOf(type),
                task,
                type.GetCustomAttributes<IsDependentOnAttribute>().Select(a => NameOf(a.Task)).ToList(),
                type.GetCustomAttributes<IsDependeeOfAttribute>().Select(a => NameOf(a.Task)).ToList(),
                type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? "",
                type.GetCustomAttribute<TaskVersionAttribute>()?.Version ?? 1);
        }
    }

    /// <summary>The context type of a task deriving from <see cref="PipelineTask{TContext}"/> or <see cref="AsyncPipelineTask{TContext}"/>,
    /// read without creating it (an assembly with several pipelines need not build the others' tasks); null for other shapes.</summary>
    private static Type? DeclaredContext(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(PipelineTask<>) || t.GetGenericTypeDefinition() == typeof(AsyncPipelineTask<>)))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>The task name of a task class: its [TaskName], else the class name.</summary>
    public static string NameOf(Type taskType) => taskType.GetCustomAttribute<TaskNameAttribute>()?.Name ?? taskType.Name;
}
