using Scion.Artifacts;
using Scion.Diffusion.Data;
using Scion.Parameters;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("PrepareData")]
[TaskDescription("Generates the embedded shapes dataset (or reads data.source) into train and held-out image tables")]
public sealed class PrepareData : PipelineTask<GraftDiTContext>
{
    public static readonly TableArtifact<ImageRow> Train = Artifact.Table<ImageRow>("train");
    public static readonly TableArtifact<ImageRow> Heldout = Artifact.Table<ImageRow>("heldout");

    public override IEnumerable<IParameter> Reads => [P.DataSource, P.DataImages, P.DataHeldout, P.DataSeed, P.ImageSize];

    public override IEnumerable<Artifact> Outputs => [Train, Heldout];

    public override void Run(GraftDiTContext context)
    {
        string source = context.Get(P.DataSource);
        int size = context.Get(P.ImageSize), heldout = context.Get(P.DataHeldout);
        if (source.Length == 0)
        {
            int images = context.Get(P.DataImages), seed = context.Get(P.DataSeed);
            using var progress = context.Progress("drawing shapes", images + heldout);
            context.WriteTable(Train, Counted(ShapesDataset.Generate(seed, 0, images, size), progress));
            context.WriteTable(Heldout, Counted(ShapesDataset.Generate(seed, images, heldout, size), progress));
            context.Metric("images", images);
            context.Metric("classes", ShapesDataset.Classes);
            return;
        }

        var loaded = ImageSource.Load(source, size);
        foreach (string skipped in loaded.Skipped.Take(20))
        {
            context.Log.Warning($"skipped unreadable image {skipped}");
        }

        if (loaded.Rows.Count <= heldout)
        {
            throw new InvalidDataException($"data.source {source} has {loaded.Rows.Count} readable images; data.heldout asks for {heldout} held out.");
        }

        // A fixed shuffle, so that the held-out share is spread over the classes.
        var order = loaded.Rows.OrderBy(r => System.IO.Hashing.XxHash3.HashToUInt64(r.Png)).ToList();
        context.WriteTable(Train, order.Skip(heldout));
        context.WriteTable(Heldout, order.Take(heldout));
        context.Metric("images", loaded.Rows.Count - heldout);
        context.Metric("skipped", loaded.Skipped.Count);
        context.Metric("classes", loaded.ClassNames.Count);
    }

    private static IEnumerable<ImageRow> Counted(IEnumerable<ImageRow> rows, Scion.Execution.ProgressHandle progress)
    {
        foreach (var row in rows)
        {
            progress.Advance();
            yield return row;
        }
    }
}
