using Scion.Graph;
using Scion.Parameters;

namespace Scion.Pipelines;

/// <summary>
/// A named set of tasks sharing a context type and a parameter file. The host finds pipelines by
/// reflection in the assemblies it is given; tasks are found by their context type.
/// </summary>
public abstract class Pipeline
{
    public abstract string Name { get; }

    public abstract Type ContextType { get; }

    /// <summary>The parameters this pipeline declares (see <see cref="Parameter.DeclaredIn"/>).</summary>
    public virtual IEnumerable<IParameter> Parameters => [];

    /// <summary>Problems that involve several parameters (each parameter's own type and range are checked when it is
    /// read). They are reported with any other parameter problem, before any task runs.</summary>
    public virtual IEnumerable<string> Check(ParameterValues values) => [];

    /// <summary>Where the defaults live, relative to the workspace root.</summary>
    public virtual string ParametersFile => Path.Combine("pipelines", Name, "params.toml");

    /// <summary>The pipeline's tasks: by default every task class of its context type in its assembly.
    /// Override to add task instances built in code (sweeps, generated graphs).</summary>
    public virtual IEnumerable<TaskDefinition> CreateTasks() => TaskDefinition.DiscoverIn(GetType().Assembly, ContextType);

    public abstract PipelineContext CreateContext();
}

/// <summary>A pipeline whose tasks take a <typeparamref name="TContext"/>.</summary>
public abstract class Pipeline<TContext> : Pipeline where TContext : PipelineContext, new()
{
    public override Type ContextType => typeof(TContext);

    public override PipelineContext CreateContext() => new TContext();
}
