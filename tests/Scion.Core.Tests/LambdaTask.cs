using Scion.Artifacts;
using Scion.Graph;
using Scion.Parameters;
using Scion.Pipelines;
using Scion.Tasks;
using Scion.TestHost;

namespace Scion.Core.Tests;

/// <summary>A task built from delegates, for graphs that tests assemble in code.</summary>
public sealed class LambdaTask(Action<TestContext> run) : PipelineTask<TestContext>
{
    public List<Artifact> Out { get; init; } = [];

    public List<Artifact> In { get; init; } = [];

    public Func<Exception, ErrorDecision> ErrorHandler { get; init; } = _ => ErrorDecision.Fail;

    public int FinallyCalls { get; private set; }

    public override IEnumerable<Artifact> Outputs => Out;

    public override IEnumerable<Artifact> Inputs => In;

    public override void Run(TestContext context) => run(context);

    public override ErrorDecision OnError(Exception exception, TestContext context) => ErrorHandler(exception);

    public override void Finally(TestContext context) => FinallyCalls++;
}

/// <summary>A pipeline whose tasks are given in code.</summary>
public sealed class CodePipeline(params TaskDefinition[] tasks) : Pipeline<TestContext>
{
    public override string Name => "Code";

    public override IEnumerable<IParameter> Parameters => [];

    public override IEnumerable<TaskDefinition> CreateTasks() => tasks.Select(t => t with { });
}
