using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlexMeasures.Data.Database;

/// <summary>
/// Naming and type rules that make one EF model produce FlexMeasures' schema on PostgreSQL and a faithful
/// equivalent on SQLite.
/// </summary>
/// <remarks>
/// Names: columns are the snake_case of the property; constraints follow FlexMeasures' SQLAlchemy naming
/// convention (<c>{table}_pkey</c>, <c>{table}_{column}_{referred table}_fkey</c>, <c>{table}_{column}_key</c>),
/// unless a configuration names them itself.
/// Types: instants are <c>timestamptz</c> on PostgreSQL and UTC text on SQLite; durations are <c>interval</c>
/// on PostgreSQL and signed 100-ns ticks (an integer, so sortable and comparable) on SQLite; JSON is
/// <c>jsonb</c> on PostgreSQL and text on SQLite.
/// </remarks>
internal static class ProviderConventions
{
    private const string JsonAnnotation = "FlexMeasures:Json";

    public static void Configure(ModelConfigurationBuilder builder, DatabaseProvider provider)
    {
        // FlexMeasures indexes foreign keys only where searches need it; an index on every foreign key
        // (EF's default) would, among others, slow every write to timed_belief by a third index.
        builder.Conventions.Remove<ForeignKeyIndexConvention>();

        if (provider == DatabaseProvider.Sqlite)
        {
            builder.Properties<TimeSpan>().HaveConversion<TimeSpanToTicksConverter>();
            builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    /// <summary>Marks a string property as holding JSON: <c>jsonb</c> (or the given type) on PostgreSQL.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property, string postgresType = "jsonb") =>
        property.HasAnnotation(JsonAnnotation, postgresType);

    public static void Apply(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // FlexMeasures' tables use serial ids with <table>_id_seq sequences; a data-only dump sets those.
            modelBuilder.UseSerialColumns();
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.Name} has no table.");
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }

                if (provider == DatabaseProvider.Postgres && property.FindAnnotation(JsonAnnotation)?.Value is string type)
                {
                    property.SetColumnType(type);
                }
            }

            if (entity.FindPrimaryKey() is { } key && key.GetDefaultName() == key.GetName())
            {
                key.SetName($"{table}_pkey");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                if (foreignKey.GetConstraintName() == foreignKey.GetDefaultName())
                {
                    var column = foreignKey.Properties[0].GetColumnName();
                    var referred = foreignKey.PrincipalEntityType.GetTableName();
                    foreignKey.SetConstraintName($"{table}_{column}_{referred}_fkey");
                }
            }

            foreach (var index in entity.GetIndexes())
            {
                if (index.GetDatabaseName() == index.GetDefaultDatabaseName())
                {
                    var column = index.Properties[0].GetColumnName();
                    index.SetDatabaseName(index.IsUnique ? $"{table}_{column}_key" : $"{table}_{column}_idx");
                }
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
