namespace Scion.Parameters;

/// <summary>The resolved parameters of a run, by parameter.</summary>
public sealed class ParameterValues
{
    private readonly Dictionary<IParameter, ParameterValue> values = [];

    public IEnumerable<ParameterValue> All => values.Values;

    internal void Set(ParameterValue value) => values[value.Parameter] = value;

    public bool Contains(IParameter parameter) => values.ContainsKey(parameter);

    public ParameterValue this[IParameter parameter] =>
        values.TryGetValue(parameter, out var v)
            ? v
            : throw new KeyNotFoundException($"Parameter '{parameter.Key}' has no value in this run (is it declared by the task's pipeline?).");

    public T Get<T>(Parameter<T> parameter) where T : notnull => (T)this[parameter].Value;
}
