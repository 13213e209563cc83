namespace Scion.Console;

/// <summary>Cake's verbosity levels.</summary>
public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
    Diagnostic,
}
