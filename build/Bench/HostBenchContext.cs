using Scion.Pipelines;

namespace Scion.Host.Bench;

public sealed class HostBenchContext : PipelineContext
{
}
