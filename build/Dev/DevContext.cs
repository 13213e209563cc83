using Scion.Pipelines;

namespace Scion.Host.Dev;

public sealed class DevContext : PipelineContext
{
}
