namespace FlexMeasures.Data.Reporting.Formula;

/// <summary>A node of a parsed formula; <see cref="Position"/> is the 1-based character where it starts, for messages.</summary>
public abstract record FormulaNode(int Position);

/// <summary>A number literal.</summary>
public sealed record NumberNode(double Value, int Position) : FormulaNode(Position);

/// <summary>A text literal in double quotes (only as a function's option, e.g. a duration for <c>resample</c>).</summary>
public sealed record TextNode(string Value, int Position) : FormulaNode(Position);

/// <summary>An input series, by the name the report's parameters give it.</summary>
public sealed record InputNode(string Name, int Position) : FormulaNode(Position);

/// <summary><c>-x</c>.</summary>
public sealed record NegationNode(FormulaNode Operand, int Position) : FormulaNode(Position);

/// <summary><c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / b</c>.</summary>
public sealed record BinaryNode(char Operator, FormulaNode Left, FormulaNode Right, int Position) : FormulaNode(Position);

/// <summary>A function call such as <c>max(a, 0)</c>.</summary>
public sealed record CallNode(string Function, IReadOnlyList<FormulaNode> Arguments, int Position) : FormulaNode(Position);
