namespace Scion.Execution;

/// <summary>Where an upstream output is this run and its content hash (a class, not a tuple: a dictionary of
/// value tuples is compiled at run time on every cached rerun, a dictionary of references is precompiled).</summary>
internal sealed record ProducedArtifact(string Path, string Hash);
