namespace FlexMeasures.Data.Users;

/// <summary>A user role such as <c>admin</c> or <c>account-admin</c> (table <c>role</c>).</summary>
public sealed class Role
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public ICollection<User> Users { get; } = [];
}
