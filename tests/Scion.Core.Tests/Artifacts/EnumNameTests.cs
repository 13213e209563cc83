using Scion.Artifacts;
using Scion.Execution;
using TaskStatus = Scion.Execution.TaskStatus;

namespace Scion.Core.Tests.Artifacts;

/// <summary>The hand-written names must stay those of the enums (manifests and run records written before them use those).</summary>
public sealed class EnumNameTests
{
    [Fact]
    public void Every_artifact_kind_is_named_as_the_enum_names_it_and_parses_back() =>
        Assert.All(Enum.GetValues<ArtifactKind>(), kind =>
        {
            Assert.Equal(kind.ToString(), kind.Name());
            Assert.Equal(kind, ArtifactKinds.Parse(kind.ToString()));
        });

    [Theory]
    [InlineData("folder")]
    [InlineData("Dataset")]
    [InlineData("")]
    public void Any_other_text_is_not_a_kind(string text) => Assert.Null(ArtifactKinds.Parse(text));

    [Fact]
    public void Every_task_status_is_named_as_the_enum_names_it() =>
        Assert.All(Enum.GetValues<TaskStatus>(), status => Assert.Equal(status.ToString(), status.Name()));
}
