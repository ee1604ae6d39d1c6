using Hangfire;
using Microsoft.AspNetCore.Builder;

namespace FlexMeasures.Api.Jobs;

/// <summary>The job dashboard (Hangfire's) at <see cref="Path"/>, for admins (full) and admin-readers (read-only).</summary>
public static class JobsDashboard
{
    public const string Path = "/tasks";

    public static IApplicationBuilder UseFlexMeasuresJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "FlexMeasures jobs",
            AppPath = null,
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            IsReadOnlyFunc = DashboardAuthorization.IsReadOnly,
            DisplayStorageConnectionString = false,
        });
}
