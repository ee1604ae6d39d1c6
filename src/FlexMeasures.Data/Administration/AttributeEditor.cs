using System.Text.Json.Nodes;
using FlexMeasures.Data.Database;
using FlexMeasures.Data.Validation;
using Microsoft.EntityFrameworkCore;

namespace FlexMeasures.Data.Administration;

/// <summary>Sets one key of the JSON attributes of a sensor, asset or account (FlexMeasures' <c>edit attribute</c>).</summary>
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
                (string Current, Action<string> Store) row = target switch
                {
                    AttributeTarget.Sensor => await db.Sensors.SingleOrDefaultAsync(s => s.Id == id, ct) is { } s
                        ? (s.Attributes, v => s.Attributes = v) : throw new InvalidInputException(field, $"no sensor with id {id}"),
                    AttributeTarget.Asset => await db.GenericAssets.SingleOrDefaultAsync(a => a.Id == id, ct) is { } a
                        ? (a.Attributes, v => a.Attributes = v) : throw new InvalidInputException(field, $"no asset with id {id}"),
                    _ => await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct) is { } a
                        ? (a.Attributes, v => a.Attributes = v) : throw new InvalidInputException(field, $"no account with id {id}"),
                };
                var attributes = Json.ParseObject(row.Current, "attributes");
                attributes[key] = value?.DeepClone();
                var json = attributes.ToJsonString();
                row.Store(json);
                if (target == AttributeTarget.Asset)
                {
                    audit.AssetEvent($"Attribute '{key}' of asset {id} set to {value?.ToJsonString() ?? "null"}", id);
                }

                return json;
            },
            cancellationToken);
}
