using Scion.Diffusion.Models;
using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Pipelines.GraftDiT;

/// <summary>Fetch (or pretrain) a DiT, graft new operators into it in two stages, and compare the hybrid with it.</summary>
public sealed class GraftDiTPipeline : Pipeline<GraftDiTContext>
{
    public override string Name => "GraftDiT";

    public override IEnumerable<IParameter> Parameters =>
        Parameter.DeclaredIn(typeof(GraftDiTParameters)).Concat(Parameter.DeclaredIn(typeof(GraftParameters)));

    /// <summary>The embedded teacher's shape: teacher.config with teacher.width and teacher.heads (0 = the config's) must
    /// make a DiT of data.image_size. Not checked when dit.checkpoint replaces the teacher.</summary>
    public override IEnumerable<string> Check(ParameterValues values)
    {
        if (values.Get(GraftDiTParameters.Checkpoint).Length > 0)
        {
            yield break;
        }

        string name = values.Get(GraftDiTParameters.TeacherConfig);
        if (!DiTConfig.AllNames.Contains(name, StringComparer.Ordinal))
        {
            yield return $"teacher.config = '{name}' is not a DiT configuration; known: {string.Join(", ", DiTConfig.AllNames)}.";
            yield break;
        }

        var named = DiTConfig.Named(name);
        var shape = GraftDiTParameters.TeacherShape(named, values.Get, values.Get);
        int size = values.Get(GraftDiTParameters.ImageSize), width = shape.Hidden, heads = shape.Heads;
        if (size % named.Patch != 0)
        {
            yield return $"data.image_size = {size} is not a multiple of the patch size {named.Patch} of teacher.config = '{name}'.";
        }

        if (width % heads != 0 || width % 4 != 0)
        {
            yield return $"The teacher's width {width} (teacher.width; 0 = {named.Hidden}, from {name}) must be a multiple of 4 and of its " +
                $"{heads} attention heads (teacher.heads; 0 = {named.Heads}).";
        }

        int replicas = values.Get(GraftDiTParameters.TeacherReplicas), batch = values.Get(GraftDiTParameters.TeacherBatch);
        if (replicas > batch)
        {
            yield return $"teacher.replicas = {replicas} is more than teacher.batch = {batch}: each replica needs at least one image of the batch.";
        }
    }
}
