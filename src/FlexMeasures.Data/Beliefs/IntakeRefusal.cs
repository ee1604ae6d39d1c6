namespace FlexMeasures.Data.Beliefs;

/// <summary>Why incoming values were refused, with a message that names what is wrong.</summary>
/// <param name="Resolution">The resolution inferred from the values (duration / count), where it matters.</param>
public sealed record IntakeRefusal(IntakeProblem Problem, string Message, TimeSpan Resolution = default);
