using FlexMeasures.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Data.Database;

/// <summary>Wires the data layer into a host.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgresMigrationsAssembly = "FlexMeasures.Data.Migrations.Postgres";

    /// <summary>The assembly holding the SQLite migrations.</summary>
    public const string SqliteMigrationsAssembly = "FlexMeasures.Data.Migrations.Sqlite";

    /// <summary>
    /// Registers the database connection (from section <c>Database</c>), the DbContext and its factory,
    /// the data services, and the <see cref="LaggingReads"/> (on the read replica where one is configured).
    /// </summary>
    /// <exception cref="ConfigurationException">A setting of the data layer (database URL, security, beliefs, display time zone) is unusable.</exception>
    public static IServiceCollection AddFlexMeasuresData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OptionsBinding.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        var connection = DatabaseConnection.Parse(options.Url);
        var replica = DatabaseConnection.ParseReplica(options.ReadUrl, connection);
        services.AddSingleton(connection);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<FlexMeasuresDbContext>((provider, builder) => UseDatabase(builder, connection, provider));
        services.AddSingleton<Schema.SchemaMigrator>();
        services.AddSingleton<TaskRuns.TaskRunRecorder>();
        services.AddSingleton<Backups.DatabaseBackup>();
        services.AddSingleton<Schema.DataModelDiagram>();
        services.AddValidatedOptions<Security.SecurityOptions>(configuration, Security.SecurityOptions.SectionName);
        services.AddValidatedOptions<Beliefs.BeliefOptions>(configuration, Beliefs.BeliefOptions.SectionName);
        services.AddValidatedOptions<Time.DisplayOptions>(configuration, Time.DisplayOptions.SectionName);
        services.AddSingleton<Security.PasswordHasher>();
        services.AddScoped<Administration.AuditTrail>();
        services.AddScoped<Administration.InitialStructure>();
        services.AddScoped<Administration.DataDeletion>();
        services.AddScoped<Administration.AttributeEditor>();
        services.AddScoped<Accounts.AccountService>();
        services.AddScoped<Users.UserService>();
        services.AddScoped<Assets.AssetService>();
        services.AddScoped<Sensors.SensorService>();
        services.AddScoped<Sensors.SensorStatusReader>();
        services.AddScoped<Sources.DataSourceService>();
        services.AddScoped<Annotations.AnnotationService>();
        services.AddScoped<Annotations.HolidayImport>();
        services.AddScoped<Beliefs.BeliefStore>();
        services.AddScoped<Beliefs.BeliefSearch>();
        services.AddScoped<Beliefs.SeriesReader>();
        services.AddScoped<Charts.ChartData>();
        services.AddScoped<Reporting.ReportInputs>();
        services.AddScoped<Reporting.ReportService>();
        LaggingReads.Register(services, replica);
        services.AddScoped<Beliefs.Import.BeliefImporter>();
        services.AddScoped<Scheduling.FlexSensorCheck>();
        services.AddScoped<Scheduling.FlexSeriesResolver>();
        services.AddScoped<Scheduling.StoredFlexConfig>();
        services.AddScoped<Demo.ToyAccount>();
        return services;
    }

    /// <summary>
    /// <see cref="UseDatabase(DbContextOptionsBuilder, DatabaseConnection)"/> for a context of the host: the
    /// interceptors it registers (a test counting a request's statements) see every command, raw SQL included; the
    /// primary's contexts and the read replica's alike.
    /// </summary>
    internal static DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder builder, DatabaseConnection connection, IServiceProvider services) =>
        UseDatabase(builder, connection).AddInterceptors(services.GetServices<IInterceptor>());

    /// <summary>
    /// Points an options builder at the given database, with the right migrations assembly. Queries loading several
    /// collections stay single queries (EF's default), said explicitly so EF does not warn about it on every run.
    /// </summary>
    public static DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder builder, DatabaseConnection connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(
                connection.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            _ => builder.UseSqlite(
                connection.ConnectionString,
                sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
        };
    }
}
