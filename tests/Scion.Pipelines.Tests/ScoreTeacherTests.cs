using Scion.Pipelines.GraftDiT.Tasks;

namespace Scion.Pipelines.Tests;

/// <summary>
/// ScoreTeacher's per-class line (right and total for each conditioning class, in label order) and its
/// confusions line (what the failing samples were taken for, most frequent first).
/// </summary>
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

    [Fact]
    public void Confusions_are_listed_most_frequent_first()
    {
        long[] truth = [0, 0, 0, 1, 1, 2, 2], predicted = [1, 1, 0, 2, 1, 0, 1];
        Assert.Equal("disc→square 2, square→triangle 1, triangle→disc 1, triangle→square 1",
            ScoreTeacher.Confusions(predicted, truth, ["disc", "square", "triangle"], top: 5));
    }

    [Fact]
    public void Confusions_keep_only_the_most_frequent()
    {
        Assert.Equal("class 0→class 1 2", ScoreTeacher.Confusions([1, 1, 2], [0, 0, 3], null, top: 1));
    }

    [Fact]
    public void No_confusions_says_none()
    {
        Assert.Equal("none", ScoreTeacher.Confusions([0, 1], [0, 1], null, top: 5));
    }
}
