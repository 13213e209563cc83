namespace Scion.Running;

public sealed record ParameterRecord(string Key, string Value, string Source, string Description);
