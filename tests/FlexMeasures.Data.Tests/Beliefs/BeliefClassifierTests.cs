using System.Globalization;
using FlexMeasures.Data.Beliefs;

namespace FlexMeasures.Data.Tests.Beliefs;

/// <summary>
/// The saving rules on their own. Beliefs are written as "horizon=value" (horizon in hours, probability 0.5) or
/// "horizon@probability=value", all about the event at <see cref="Noon"/> unless prefixed "+hours:".
/// </summary>
public sealed class BeliefClassifierTests
{
    private static readonly DateTime Noon = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("", "1=5", "1=5")]
    [InlineData("", "2=5 +1:2=5 +2:2=7", "2=5 +1:2=5 +2:2=7")]
    [InlineData("1=5", "1=5", "")]
    [InlineData("1=5", "0=5", "")]
    [InlineData("0=5", "1=5", "1=5")]
    [InlineData("1=5", "0=6", "0=6")]
    [InlineData("+1:1=5", "1=5", "1=5")]
    public void Classify_InsertsOnlyWhatIsNew_WhenComparedWithTheStoredBeliefs(string stored, string incoming, string expectedInserts)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: false);

        Assert.Null(outcome.Refusal);
        Assert.Equal(Beliefs(expectedInserts), outcome.Inserts);
        Assert.Empty(outcome.Replacements);
    }

    [Theory]
    [InlineData("1=5", "1=5", 1, 0)]
    [InlineData("1@0.1=4 1@0.5=5", "1@0.1=4 1@0.5=5", 2, 0)]
    [InlineData("2=5", "1=5", 0, 1)]
    [InlineData("", "2=5 1=5", 0, 1)]
    [InlineData("", "2=5 1=5 0=5 -1=5", 0, 3)]
    [InlineData("", "2=5 2=5", 1, 0)]
    [InlineData("2=5", "2=5 2=5 1=5", 2, 1)]
    [InlineData("2=5", "1=6", 0, 0)]
    [InlineData("2=5", "1=6 0=5", 0, 0)]
    public void Classify_CountsDuplicatesAndUnchanged_ByTheLatestEarlierBelief(string stored, string incoming, long expectedDuplicates, long expectedUnchanged)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: false);

        Assert.Null(outcome.Refusal);
        Assert.Equal(expectedDuplicates, outcome.Duplicates);
        Assert.Equal(expectedUnchanged, outcome.Unchanged);
        Assert.Equal(Beliefs(incoming).Count, outcome.Inserts.Count + expectedDuplicates + expectedUnchanged);
    }

    [Theory]
    [InlineData("3=6", "2=5 1=6", "2=5 1=6")]
    [InlineData("2=6", "3=5 1=5", "3=5 1=5")]
    [InlineData("2=6", "3=5 1=6", "3=5")]
    [InlineData("3=5 1=6", "2=5", "")]
    [InlineData("3=5 1=6", "2=6", "2=6")]
    public void Classify_ComparesWithTheNearestEarlierBelief_WhetherStoredOrJustAccepted(string stored, string incoming, string expectedInserts)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: false);

        Assert.Null(outcome.Refusal);
        Assert.Equal(Beliefs(expectedInserts), outcome.Inserts);
    }

    [Theory]
    [InlineData("1=5", "1=6", 5, 6)]
    [InlineData("1@0.1=4 1@0.9=6", "1@0.1=4 1@0.9=7", 6, 7)]
    [InlineData("", "1=5 1=6", 5, 6)]
    [InlineData("+1:1=5", "1=3 +1:1=6", 5, 6)]
    public void Classify_RefusesAnotherValueForTheSameBelief_WhenOverwritingIsNotAllowed(string stored, string incoming, double expectedStored, double expectedNew)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: false);

        var refusal = Assert.IsType<BeliefRefusal>(outcome.Refusal);
        Assert.Equal(TimeSpan.FromHours(1), refusal.BeliefHorizon);
        Assert.Equal((expectedStored, expectedNew), (refusal.StoredValue, refusal.NewValue));
        Assert.Contains(refusal.EventStart.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), refusal.ToException().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1=5", "1=6", "", "1=6", 0)]
    [InlineData("1@0.1=4 1@0.9=6", "1@0.1=4 1@0.9=7", "", "1@0.9=7", 1)]
    [InlineData("", "1=5 1=6", "1=6", "", 1)]
    [InlineData("1=5", "1=6 +1:1=6", "+1:1=6", "1=6", 0)]
    public void Classify_ReplacesTheStoredValue_WhenOverwritingIsAllowed(string stored, string incoming, string expectedInserts, string expectedReplacements, long expectedDuplicates)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: true);

        Assert.Null(outcome.Refusal);
        Assert.Equal(Beliefs(expectedInserts), outcome.Inserts);
        Assert.Equal(Beliefs(expectedReplacements), outcome.Replacements);
        Assert.Equal(expectedDuplicates, outcome.Duplicates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(40)]
    public void Classify_TakesTheLaterOfTwoValuesForOneBelief_WhateverTheChunksSize(int others)
    {
        // The same belief twice (5, then 6) amid other events: a sort that is not stable (as Array.Sort above 16 items)
        // could offer the 6 before the 5.
        var incoming = Enumerable.Range(1, others).Select(h => new NewBelief(Noon.AddHours(h), TimeSpan.FromHours(1), h))
            .Prepend(new NewBelief(Noon, TimeSpan.FromHours(1), 5))
            .Append(new NewBelief(Noon, TimeSpan.FromHours(1), 6))
            .ToList();

        var outcome = BeliefClassifier.Classify(incoming, [], allowOverwrite: true);

        Assert.Equal(6, Assert.Single(outcome.Inserts, b => b.EventStart == Noon).Value);
        Assert.Equal(others + 1, outcome.Inserts.Count);
    }

    [Theory]
    [InlineData("2@0.1=4 2@0.5=5 2@0.9=6", "1@0.1=4 1@0.5=5 1@0.9=6", "", 3)]
    [InlineData("2@0.1=4 2@0.5=5 2@0.9=6", "1@0.1=4 1@0.5=5 1@0.9=7", "1@0.1=4 1@0.5=5 1@0.9=7", 0)]
    [InlineData("2@0.1=4 2@0.5=5 2@0.9=6", "1@0.5=5", "1@0.5=5", 0)]
    [InlineData("2=5", "1@0.1=4 1@0.5=5", "1@0.1=4 1@0.5=5", 0)]
    [InlineData("", "2@0.9=6 2@0.1=4 1@0.1=4 1@0.9=6", "2@0.1=4 2@0.9=6", 2)]
    [InlineData("1@0.1=4 1@0.9=6", "1@0.5=5", "1@0.5=5", 0)]
    public void Classify_ComparesAProbabilisticBeliefWhole_AcrossItsProbabilities(string stored, string incoming, string expectedInserts, long expectedUnchanged)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: false);

        Assert.Null(outcome.Refusal);
        Assert.Equal(Beliefs(expectedInserts), outcome.Inserts);
        Assert.Equal(expectedUnchanged, outcome.Unchanged);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Classify_DropsBeliefsWithoutAValue_BeforeAnyRule(double value)
    {
        NewBelief[] incoming = [new(Noon, TimeSpan.FromHours(1), value), new(Noon, TimeSpan.FromHours(2), 5)];

        var outcome = BeliefClassifier.Classify(incoming, Beliefs("1=6"), allowOverwrite: false);

        Assert.Null(outcome.Refusal);
        Assert.Equal(1, outcome.Empty);
        Assert.Equal(Beliefs("2=5"), outcome.Inserts);
        Assert.Equal((Noon, Noon), BeliefClassifier.EventRange(incoming));
        Assert.Null(BeliefClassifier.EventRange([incoming[0]]));
    }

    [Theory]
    [InlineData("", "1=5 0=6 +2:-1=7 +3:2=8", 0, 2)]
    [InlineData("", "1=5 +3:2=8", null, null)]
    [InlineData("+1:0=5 +3:0=6", "+1:0=6 +3:0=8 +4:1=2", 1, 3)]
    public void ToResult_GivesTheRangeOfMeasurementsWritten_WhenAnyIs(string stored, string incoming, int? firstHour, int? lastHour)
    {
        var outcome = BeliefClassifier.Classify(Beliefs(incoming), Beliefs(stored), allowOverwrite: true);

        var result = outcome.ToResult(Beliefs(incoming).Count);

        Assert.Equal(firstHour is null ? null : (Noon.AddHours(firstHour.Value), Noon.AddHours(lastHour!.Value)), result.Measurements);
        Assert.Equal(Beliefs(incoming).Count, result.Stored + result.Replaced + result.Unchanged + result.Duplicates + result.Empty);
    }

    /// <summary>Parses the notation of this class, e.g. "2=5 +1:0@0.9=6".</summary>
    private static List<NewBelief> Beliefs(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token =>
        {
            var eventStart = Noon;
            if (token.StartsWith('+'))
            {
                var colon = token.IndexOf(':', StringComparison.Ordinal);
                eventStart = Noon.AddHours(int.Parse(token[1..colon], CultureInfo.InvariantCulture));
                token = token[(colon + 1)..];
            }

            var (key, value) = (token[..token.IndexOf('=', StringComparison.Ordinal)], token[(token.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var at = key.IndexOf('@', StringComparison.Ordinal);
            var horizon = TimeSpan.FromHours(int.Parse(at < 0 ? key : key[..at], CultureInfo.InvariantCulture));
            var probability = at < 0 ? 0.5 : double.Parse(key[(at + 1)..], CultureInfo.InvariantCulture);
            return new NewBelief(eventStart, horizon, double.Parse(value, CultureInfo.InvariantCulture), probability);
        }).ToList();
}
