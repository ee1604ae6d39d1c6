using FlexMeasures.Data.Administration;
using FlexMeasures.Data.Users;

namespace FlexMeasures.Data.Tests.Administration;

public sealed class RoleGrantsTests
{
    private const int Client = 1;
    private const int Consultancy = 2;
    private const int Elsewhere = 3;

    /// <summary>The target user is in account <see cref="Client"/>, whose consultancy is <see cref="Consultancy"/>.</summary>
    [Theory]
    [InlineData("admin", Elsewhere, UserRoles.Admin, false)]
    [InlineData("admin", Elsewhere, UserRoles.AdminReader, true)]
    [InlineData("admin", Elsewhere, UserRoles.AccountAdmin, true)]
    [InlineData("admin", Elsewhere, UserRoles.Consultant, true)]
    [InlineData("admin", Elsewhere, "custom-role", false)]
    [InlineData("account-admin", Client, UserRoles.Consultant, true)]
    [InlineData("account-admin", Client, UserRoles.AccountAdmin, false)]
    [InlineData("account-admin", Client, UserRoles.AdminReader, false)]
    [InlineData("account-admin", Client, UserRoles.Admin, false)]
    [InlineData("account-admin", Elsewhere, UserRoles.Consultant, false)]
    [InlineData("consultant", Consultancy, UserRoles.AccountAdmin, true)]
    [InlineData("consultant", Consultancy, UserRoles.Consultant, false)]
    [InlineData("consultant", Elsewhere, UserRoles.AccountAdmin, false)]
    [InlineData("admin-reader", Elsewhere, UserRoles.AdminReader, false)]
    public void MayModify_FollowsFlexMeasuresRules(string actorRole, int actorAccount, string role, bool expected)
    {
        var actor = new Actor(7, "someone", actorAccount, new HashSet<string> { actorRole }, new HashSet<string>());

        Assert.Equal(expected, RoleGrants.MayModify(actor, role, Client, Consultancy));
    }

    [Fact]
    public void MayModify_RefusesConsultants_WhenTheAccountHasNoConsultancy()
    {
        var actor = new Actor(7, "someone", Consultancy, new HashSet<string> { UserRoles.Consultant }, new HashSet<string>());

        Assert.False(RoleGrants.MayModify(actor, UserRoles.AccountAdmin, Client, targetConsultancyAccountId: null));
    }
}
