namespace Scion.Parameters;

/// <summary>A resolved value and where it came from (the file's default, a profile, or the command line).</summary>
public sealed record ParameterValue(IParameter Parameter, object Value, string Text, string Source);
