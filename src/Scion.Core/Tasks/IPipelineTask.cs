using Scion.Artifacts;
using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Tasks;

/// <summary>The host's view of a task, whatever its context type. Implement it through
/// <see cref="PipelineTask{TContext}"/> or <see cref="AsyncPipelineTask{TContext}"/>.</summary>
public interface IPipelineTask
{
    Type ContextType { get; }

    /// <summary>Parameters the task reads; their values are part of its cache key.</summary>
    IEnumerable<IParameter> Reads { get; }

    /// <summary>Upstream artifacts the task reads; their content hashes are part of its cache key.</summary>
    IEnumerable<Artifact> Inputs { get; }

    /// <summary>Upstream artifacts the task reads when their producer ran, and does without when the producer
    /// skipped itself (<c>ShouldRun</c>); <c>context.HasInput</c> tells which.</summary>
    IEnumerable<Artifact> OptionalInputs { get; }

    /// <summary>Artifacts the task writes; a cache entry holds all of them or does not exist.</summary>
    IEnumerable<Artifact> Outputs { get; }

    /// <summary>False for tasks that must run every time (tests, benchmarks).</summary>
    bool Cacheable { get; }

    RunDecision ShouldRun(PipelineContext context);

    Task RunAsync(PipelineContext context);

    ErrorDecision OnError(Exception exception, PipelineContext context);

    void Finally(PipelineContext context);
}
