namespace Scion.Tasks;

/// <summary>The task runs after <see cref="Task"/>; several may be given.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}
