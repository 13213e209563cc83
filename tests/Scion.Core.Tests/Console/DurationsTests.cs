using Humanizer;
using Scion.Console;

namespace Scion.Core.Tests.Console;

public sealed class DurationsTests
{
    public sealed class Sizes
    {
        [Theory]
        [InlineData(0, "0 B")]
        [InlineData(1, "1 B")]
        [InlineData(1023, "1023 B")]
        [InlineData(1024, "1 KB")]
        [InlineData(1536, "1.5 KB")]
        [InlineData(10_000, "9.8 KB")]
        [InlineData(1_048_576, "1 MB")]
        [InlineData(5_000_000_000, "4.7 GB")]
        [InlineData(1_649_267_441_664, "1.5 TB")]
        [InlineData(1L << 50, "1024 TB")]
        public void Read_in_binary_units_with_one_decimal(long bytes, string expected) =>
            Assert.Equal(expected, Durations.Size(bytes));

        [Theory]
        [InlineData(1)]
        [InlineData(999)]
        [InlineData(1025)]
        [InlineData(1100)]
        [InlineData(1_048_575)]
        [InlineData(123_456_789)]
        [InlineData(98_765_432_101)]
        public void Read_as_Humanizer_writes_them(long bytes) =>
            Assert.Equal(bytes.Bytes().Humanize("0.#"), Durations.Size(bytes));
    }

    public sealed class Spans
    {
        [Fact]
        public void Under_a_minute_are_milliseconds_or_seconds()
        {
            Assert.Equal("250 ms", Durations.Natural(TimeSpan.FromMilliseconds(250)));
            Assert.Equal("2.5 s", Durations.Natural(TimeSpan.FromSeconds(2.5)));
        }

        [Fact]
        public void Longer_spans_name_their_two_largest_units() =>
            Assert.Equal("1 hour, 15 minutes", Durations.Natural(TimeSpan.FromMinutes(75)));
    }
}
