namespace Scion.Tasks;

/// <summary>
/// Part of the cache key. Bump it when the task's code changes what it produces: Scion does not
/// hash code, so an unchanged version means cached outputs are still considered valid.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
