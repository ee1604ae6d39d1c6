using Hangfire;
using Microsoft.AspNetCore.Builder;

namespace FlexMeasures.Api.Jobs;

/// <summary>
/// The job dashboard (Hangfire's) at <see cref="Path"/>, for admins (full) and admin-readers (read-only); its
/// state-changing requests must come from its own pages (<see cref="SameOriginGuard"/>).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/tasks";

    public static IApplicationBuilder UseFlexMeasuresJobsDashboard(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), dashboard => dashboard.Use(SameOriginGuard.InvokeAsync).Use(DashboardAuthorization.ThrottledAsync))
            .UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "FlexMeasures jobs",
            AppPath = null,
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            IsReadOnlyFunc = DashboardAuthorization.IsReadOnly,
            DisplayStorageConnectionString = false,
        });
}
