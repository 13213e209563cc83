namespace Scion.Diffusion.Training;

/// <summary>An optimizer over <see cref="FlatParameters"/>: one update from the gradients backward left.</summary>
public interface IFlatOptimizer : IDisposable
{
    void Step(double lr);
}
