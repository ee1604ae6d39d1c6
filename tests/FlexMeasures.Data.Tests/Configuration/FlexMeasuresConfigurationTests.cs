using FlexMeasures.Data.Configuration;

namespace FlexMeasures.Data.Tests.Configuration;

public sealed class FlexMeasuresConfigurationTests
{
    [Fact]
    public void Build_ReadsFlexMeasuresVariableNames()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["SQLALCHEMY_DATABASE_URI"] = "postgresql://a@h/one",
            ["SECURITY_PASSWORD_SALT"] = "pepper",
            ["FLEXMEASURES_REDIS_URL"] = "localhost",
        });

        Assert.Equal("postgresql://a@h/one", configuration["Database:Url"]);
        Assert.Equal("pepper", configuration["Security:PasswordSalt"]);
        Assert.Equal("localhost", configuration["Redis:Url"]);
    }

    [Fact]
    public void Build_PrefersFlexMeasuresDatabaseUrl_OverSqlAlchemyUri()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["SQLALCHEMY_DATABASE_URI"] = "postgresql://a@h/old",
            ["FLEXMEASURES_DATABASE_URL"] = "postgresql://a@h/new",
            ["Database__Url"] = "postgresql://a@h/generic",
        });

        Assert.Equal("postgresql://a@h/new", configuration["Database:Url"]);
    }

    [Fact]
    public void Build_ReadsGenericSectionKeys_WhenNoFlexMeasuresNameIsSet()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?> { ["Database__Url"] = "sqlite:///x.db" });

        Assert.Equal("sqlite:///x.db", configuration["Database:Url"]);
    }

    [Fact]
    public void Build_ReadsTheReplicaUrl_FromFlexMeasuresDatabaseReadUrl()
    {
        var configuration = FlexMeasuresConfiguration.Build(new Dictionary<string, string?>
        {
            ["FLEXMEASURES_DATABASE_URL"] = "postgresql://a@primary/fm",
            ["FLEXMEASURES_DATABASE_READ_URL"] = "postgresql://a@standby/fm",
        });

        Assert.Equal("postgresql://a@primary/fm", configuration["Database:Url"]);
        Assert.Equal("postgresql://a@standby/fm", configuration["Database:ReadUrl"]);
    }
}
