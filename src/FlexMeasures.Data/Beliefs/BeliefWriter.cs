using System.Data.Common;
using FlexMeasures.Data.Database;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace FlexMeasures.Data.Beliefs;

/// <summary>
/// Writes rows to <c>timed_belief</c> as fast as each provider allows: binary COPY on PostgreSQL, one reused
/// prepared statement on SQLite. Runs on the caller's connection and transaction.
/// </summary>
internal static class BeliefWriter
{
    public static async Task InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        DatabaseProvider provider,
        int sensorId,
        int sourceId,
        IReadOnlyList<NewBelief> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                "COPY timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            // The importer buffers; its synchronous writes only block when a buffer goes out, and save a state
            // machine per value.
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                importer.StartRow();
                importer.Write(row.EventStart, NpgsqlDbType.TimestampTz);
                importer.Write(row.BeliefHorizon, NpgsqlDbType.Interval);
                importer.Write(row.CumulativeProbability, NpgsqlDbType.Double);
                importer.Write(row.Value, NpgsqlDbType.Double);
                importer.Write(sensorId, NpgsqlDbType.Integer);
                importer.Write(sourceId, NpgsqlDbType.Integer);
            }

            await importer.CompleteAsync(cancellationToken);
            return;
        }

        await using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText =
            "INSERT INTO timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id) VALUES ($start, $horizon, $cp, $value, $sensor, $source)";
        var start = command.Parameters.Add("$start", SqliteType.Text);
        var horizon = command.Parameters.Add("$horizon", SqliteType.Integer);
        var cp = command.Parameters.Add("$cp", SqliteType.Real);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        command.Parameters.AddWithValue("$sensor", sensorId);
        command.Parameters.AddWithValue("$source", sourceId);
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            start.Value = SqliteInstant(row.EventStart);
            horizon.Value = row.BeliefHorizon.Ticks;
            cp.Value = row.CumulativeProbability;
            value.Value = row.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task UpdateValuesAsync(
        DbConnection connection,
        DbTransaction transaction,
        DatabaseProvider provider,
        int sensorId,
        int sourceId,
        IReadOnlyList<NewBelief> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "UPDATE timed_belief SET event_value = @value WHERE event_start = @start AND belief_horizon = @horizon AND cumulative_probability = @cp AND sensor_id = @sensor AND source_id = @source";
        var value = Add(command, "@value");
        var start = Add(command, "@start");
        var horizon = Add(command, "@horizon");
        var cp = Add(command, "@cp");
        Add(command, "@sensor").Value = sensorId;
        Add(command, "@source").Value = sourceId;
        foreach (var row in rows)
        {
            value.Value = row.Value;
            start.Value = provider == DatabaseProvider.Postgres ? row.EventStart : SqliteInstant(row.EventStart);
            horizon.Value = provider == DatabaseProvider.Postgres ? row.BeliefHorizon : row.BeliefHorizon.Ticks;
            cp.Value = row.CumulativeProbability;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The text EF Core's SQLite provider stores for an instant, so raw and EF-written rows compare alike.</summary>
    internal static string SqliteInstant(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
