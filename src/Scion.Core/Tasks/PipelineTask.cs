using Scion.Artifacts;
using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Tasks;

/// <summary>A synchronous task, in Cake.Frosting's shape: override <see cref="Run"/>.</summary>
public abstract class PipelineTask<TContext> : IPipelineTask where TContext : PipelineContext
{
    public Type ContextType => typeof(TContext);

    public virtual IEnumerable<IParameter> Reads => [];

    public virtual IEnumerable<Artifact> Inputs => [];

    public virtual IEnumerable<Artifact> OptionalInputs => [];

    public virtual IEnumerable<Artifact> Outputs => [];

    public virtual bool Cacheable => true;

    public virtual RunDecision ShouldRun(TContext context) => true;

    public abstract void Run(TContext context);

    public virtual ErrorDecision OnError(Exception exception, TContext context) => ErrorDecision.Fail;

    public virtual void Finally(TContext context)
    {
    }

    RunDecision IPipelineTask.ShouldRun(PipelineContext context) => ShouldRun((TContext)context);

    Task IPipelineTask.RunAsync(PipelineContext context)
    {
        Run((TContext)context);
        return Task.CompletedTask;
    }

    ErrorDecision IPipelineTask.OnError(Exception exception, PipelineContext context) => OnError(exception, (TContext)context);

    void IPipelineTask.Finally(PipelineContext context) => Finally((TContext)context);
}
