namespace FlexMeasures.Api.Access;

/// <summary>The account an object belongs to (none: a public asset) and that account's consultancy.</summary>
internal readonly record struct Owner(int? AccountId, int? ConsultancyAccountId)
{
    public static Owner Public { get; } = new(null, null);
}
