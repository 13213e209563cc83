using Scion.Artifacts;
using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Tasks;

/// <summary>An asynchronous task: override <see cref="RunAsync"/>.</summary>
public abstract class AsyncPipelineTask<TContext> : IPipelineTask where TContext : PipelineContext
{
    public Type ContextType => typeof(TContext);

    public virtual IEnumerable<IParameter> Reads => [];

    public virtual IEnumerable<Artifact> Inputs => [];

    public virtual IEnumerable<Artifact> OptionalInputs => [];

    public virtual IEnumerable<Artifact> Outputs => [];

    public virtual bool Cacheable => true;

    public virtual RunDecision ShouldRun(TContext context) => true;

    public abstract Task RunAsync(TContext context);

    public virtual ErrorDecision OnError(Exception exception, TContext context) => ErrorDecision.Fail;

    public virtual void Finally(TContext context)
    {
    }

    RunDecision IPipelineTask.ShouldRun(PipelineContext context) => ShouldRun((TContext)context);

    Task IPipelineTask.RunAsync(PipelineContext context) => RunAsync((TContext)context);

    ErrorDecision IPipelineTask.OnError(Exception exception, PipelineContext context) => OnError(exception, (TContext)context);

    void IPipelineTask.Finally(PipelineContext context) => Finally((TContext)context);
}
