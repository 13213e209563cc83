namespace Scion.Parameters;

/// <summary>Bad parameters, found before any task runs; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class ParameterException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
