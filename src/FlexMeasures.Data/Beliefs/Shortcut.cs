namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// The answer of a fast read path: its <see cref="Value"/>, or none when the caller must take the general path;
/// <see cref="Versioned"/> says the reason was several versions of one source, which every shortcut would mix up.
/// </summary>
internal sealed record Shortcut<T>(T? Value, bool Versioned)
    where T : class
{
    public static Shortcut<T> NotApplicable { get; } = new(null, Versioned: false);

    public static Shortcut<T> SourcesVersioned { get; } = new(null, Versioned: true);
}
