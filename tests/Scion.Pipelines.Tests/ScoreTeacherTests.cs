using Scion.Pipelines.GraftDiT.Tasks;

namespace Scion.Pipelines.Tests;

/// <summary>ScoreTeacher's per-class line: right and total for each conditioning class, in label order.</summary>
public sealed class ScoreTeacherTests
{
    [Fact]
    public void Counts_each_class_by_its_conditioning_label()
    {
        long[] truth = [1, 0, 1, 0, 1], predicted = [1, 0, 0, 2, 1];
        Assert.Equal("disc 1/2, square 2/3", ScoreTeacher.PerClass(predicted, truth, ["disc", "square", "triangle"]));
    }

    [Fact]
    public void Classes_without_names_are_numbered()
    {
        Assert.Equal("class 0 0/1, class 3 1/1", ScoreTeacher.PerClass([2, 3], [0, 3], null));
    }
}
