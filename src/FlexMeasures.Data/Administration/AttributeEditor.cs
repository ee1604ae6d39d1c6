using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Administration;

/// <summary>Sets one key of the JSON attributes of a sensor, asset or account (FlexMeasures' <c>edit attribute</c>), with one audit log entry.</summary>
public sealed class AttributeEditor(FlexMeasuresDbContext db, AuditTrail audit)
{
    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (a JSON node, or null for JSON null) and returns the new attributes.</summary>
    /// <exception cref="InvalidInputException">Unknown object, empty key, or a key or value that cannot be stored (control characters, numbers beyond a double).</exception>
    public Task<string> SetAsync(AttributeTarget target, int id, string key, JsonNode? value, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async ct =>
            {
                if (string.IsNullOrWhiteSpace(key))
                {
                    throw new InvalidInputException("attribute", "the attribute name must not be empty");
                }

                TextRules.RequirePrintable(key, "attribute");
                Json.RequireStorable(value, "attribute");

                var field = target.ToString().ToLowerInvariant();
                var shown = value?.ToJsonString() ?? "null";
                (string Current, Action<string> Store) row;
                switch (target)
                {
                    case AttributeTarget.Sensor:
                        var sensor = await db.Sensors.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new InvalidInputException(field, $"no sensor with id {id}");
                        row = (sensor.Attributes, v => sensor.Attributes = v);
                        audit.AssetEvent($"Attribute '{key}' of sensor {sensor.Name} (id {id}) set to {shown}", sensor.GenericAssetId);
                        break;
                    case AttributeTarget.Asset:
                        var asset = await db.GenericAssets.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new InvalidInputException(field, $"no asset with id {id}");
                        row = (asset.Attributes, v => asset.Attributes = v);
                        audit.AssetEvent($"Attribute '{key}' of asset {asset.Name} (id {id}) set to {shown}", id);
                        break;
                    default:
                        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new InvalidInputException(field, $"no account with id {id}");
                        row = (account.Attributes, v => account.Attributes = v);
                        audit.UserEvent($"Attribute '{key}' of account {account.Name} (id {id}) set to {shown}", null, id);
                        break;
                }

                var attributes = Json.ParseObject(row.Current, "attributes");
                attributes[key] = value?.DeepClone();
                var json = attributes.ToJsonString();
                row.Store(json);

                return json;
            },
            cancellationToken);
}
