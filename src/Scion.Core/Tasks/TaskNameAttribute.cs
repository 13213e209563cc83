namespace Scion.Tasks;

/// <summary>The name a task is known by on the command line (<c>--target=Name</c>) and in reports.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
