using Scion.Pipelines;

namespace Scion.TestHost;

public sealed class TestContext : PipelineContext
{
}
