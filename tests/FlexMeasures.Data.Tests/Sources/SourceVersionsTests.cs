using FlexMeasures.Data.Sources;

namespace FlexMeasures.Data.Tests.Sources;

public sealed class SourceVersionsTests
{
    private static readonly DataSource S1 = new() { Id = 1, Name = "s", Model = "1", Type = "forecaster", Version = "0.1.0" };
    private static readonly DataSource S2 = new() { Id = 2, Name = "s", Model = "1", Type = "forecaster" };
    private static readonly DataSource S3 = new() { Id = 3, Name = "s", Model = "2", Type = "forecaster" };
    private static readonly DataSource S4 = new() { Id = 4, Name = "s", Model = "2", Type = "scheduler" };
    private static readonly DataSource S5 = new() { Id = 5, Name = "s", Model = "2", Type = "scheduler" };

    public static TheoryData<DataSource[], int[]> Cases => new()
    {
        { [S1, S2], [1] },
        { [S1, S2, S3], [1, 3] },
        { [S3, S4], [3, 4] },
        { [S4, S5], [5] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Latest_KeepsTheHighestVersionPerNameTypeAndModel(DataSource[] sources, int[] expected)
    {
        Assert.Equal(expected, SourceVersions.Latest(sources).Order());
    }

    public static TheoryData<int[], int[]> EventCases => new()
    {
        { [2], [2] },
        { [1, 2], [1] },
        { [2, 3], [2, 3] },
        { [1, 2, 3, 4, 5], [1, 3, 5] },
        { [4, 4, 5], [5] },
        { [9, 2], [9, 2] },
    };

    [Theory]
    [MemberData(nameof(EventCases))]
    public void KeepLatestPerEvent_KeepsAnOlderVersion_WhenNoLaterVersionHasABeliefAboutTheEvent(int[] eventSources, int[] expected)
    {
        // All five sources are versions somewhere in the window; source 9 is unknown to the ranking.
        var ranks = SourceVersions.Ranks([S1, S2, S3, S4, S5]);

        Assert.Equal(expected, SourceVersions.KeepLatestPerEvent(eventSources, s => s, ranks));
    }

    [Theory]
    [InlineData("1.10.0", "1.9.3")]
    [InlineData("0.1.0", null)]
    [InlineData("2", "1.99")]
    public void Parse_ComparesVersionsNumerically(string higher, string? lower)
    {
        Assert.True(SourceVersions.Parse(higher) > SourceVersions.Parse(lower));
    }
}
