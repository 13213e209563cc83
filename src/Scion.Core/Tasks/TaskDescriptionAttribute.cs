namespace Scion.Tasks;

/// <summary>One line shown by <c>--description</c> and in reports.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
