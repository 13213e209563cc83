using Scion.Tasks;

namespace Scion.Pipelines.GraftDiT.Tasks;

/// <summary>The main job, <c>./build.sh --target=GraftDiT</c>: everything from the teacher to the grafting report.</summary>
[TaskName("GraftDiT")]
[IsDependentOn(typeof(EvaluateGraft))]
[IsDependentOn(typeof(ScoreTeacher))]
[TaskDescription("Fetch or pretrain the DiT, graft (stage 1 and 2), evaluate against the teacher, publish the report")]
public sealed class GraftDiTTask : PipelineTask<GraftDiTContext>
{
    public override void Run(GraftDiTContext context) =>
        context.Log.Information("Grafting done: the comparison table and verdict are in the report (EvaluateGraft · comparison.html).");
}
