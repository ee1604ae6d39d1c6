using FlexMeasures.Data.Database;
using FlexMeasures.Jobs.Queue;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMeasures.Api.Jobs;

/// <summary>
/// The job dashboard (Hangfire's) at <see cref="Path"/>, for admins (full) and admin-readers (read-only); its
/// state-changing requests must come from its own pages (<see cref="SameOriginGuard"/>).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/tasks";

    private static readonly object SensorNamesKey = new();

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
            DisplayNameFunc = Title,

            // Cross-site posts are refused by SameOriginGuard for every kind of credential (Basic, token, the UI's
            // session cookie); Hangfire's own antiforgery check, which it turns on once the UI registers antiforgery,
            // would also refuse same-origin scripts that never loaded a dashboard page.
            IgnoreAntiforgeryToken = true,
        });

    /// <summary>
    /// Job titles with the sensor's name and ISO 8601 times and durations, instead of Hangfire's rendering of the
    /// arguments (<c>DateTime.Parse("01/03/1972 …")</c>, <c>2.00:00:00</c>).
    /// </summary>
    internal static string Title(DashboardContext context, Job job)
    {
        var http = context.GetHttpContext();

        // A list page titles up to 50 jobs, mostly of a few sensors: one query per sensor per page, not per row.
        if (http.Items[SensorNamesKey] is not Dictionary<int, string?> names)
        {
            http.Items[SensorNamesKey] = names = [];
        }

        return JobText.Title(job, sensorId =>
        {
            if (!names.TryGetValue(sensorId, out var name))
            {
                using var db = http.RequestServices.GetRequiredService<IDbContextFactory<FlexMeasuresDbContext>>().CreateDbContext();

                // Synchronous: Hangfire's dashboard renders its pages synchronously.
                names[sensorId] = name = db.Sensors.AsNoTracking().Where(s => s.Id == sensorId).Select(s => s.Name).FirstOrDefault();
            }

            return name;
        });
    }
}
