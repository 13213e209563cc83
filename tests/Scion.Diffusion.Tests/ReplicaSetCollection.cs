namespace Scion.Diffusion.Tests;

/// <summary>
/// Replicas set libtorch's thread count, which is process-wide (MKL's too): a test training beside them would see its
/// reductions change order, and they would see its changes. So the replica tests run alone.
/// </summary>
[CollectionDefinition(nameof(ReplicaSetTests), DisableParallelization = true)]
public sealed class ReplicaSetCollection;
