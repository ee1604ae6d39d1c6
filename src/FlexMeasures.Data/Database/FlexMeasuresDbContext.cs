using FlexMeasures.Data.Accounts;
using FlexMeasures.Data.Annotations;
using FlexMeasures.Data.Assets;
using FlexMeasures.Data.Audit;
using FlexMeasures.Data.Beliefs;
using FlexMeasures.Data.Sensors;
using FlexMeasures.Data.Sources;
using FlexMeasures.Data.TaskRuns;
using FlexMeasures.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Database;

/// <summary>
/// The one EF Core model of the platform, mapped to FlexMeasures' table and column names. The same model
/// runs on PostgreSQL and SQLite; <see cref="ProviderConventions"/> adapts column types per provider.
/// </summary>
public sealed class FlexMeasuresDbContext(DbContextOptions<FlexMeasuresDbContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountRole> AccountRoles => Set<AccountRole>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<GenericAssetType> GenericAssetTypes => Set<GenericAssetType>();

    public DbSet<GenericAsset> GenericAssets => Set<GenericAsset>();

    public DbSet<Sensor> Sensors => Set<Sensor>();

    public DbSet<DataSource> DataSources => Set<DataSource>();

    public DbSet<TimedBelief> TimedBeliefs => Set<TimedBelief>();

    public DbSet<LatestTaskRun> LatestTaskRuns => Set<LatestTaskRun>();

    public DbSet<Annotation> Annotations => Set<Annotation>();

    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();

    public DbSet<AssetAuditLog> AssetAuditLogs => Set<AssetAuditLog>();

    /// <summary>Which database engine this context talks to.</summary>
    public DatabaseProvider Provider => DatabaseProviders.FromEfProviderName(Database.ProviderName);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ProviderConventions.Configure(configurationBuilder, Provider);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FlexMeasuresDbContext).Assembly);
        ProviderConventions.Apply(modelBuilder, Provider);
    }
}
