using System.Text.Json.Nodes;

namespace FlexMeasures.Data.Scheduling;

/// <summary>
/// Problems found in a flex-model or flex-context, nested by field path as marshmallow reports nested schemas
/// (<c>{"flex-model": {"0": {"soc-min": ["…"]}}}</c>), so the API can answer FlexMeasures' 422 and the CLI can name
/// the field.
/// </summary>
public sealed class FlexErrors
{
    private readonly JsonObject _root = [];
    private readonly List<string> _lines = [];

    public bool Any => _lines.Count > 0;

    /// <summary>Each problem as <c>path.to.field: message</c>.</summary>
    public IReadOnlyList<string> Lines => _lines;

    public void Add(IReadOnlyList<string> path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = _root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
            {
                child = [];
                node[path[i]] = child;
            }

            node = child;
        }

        var last = path.Count == 0 ? "_schema" : path[^1];
        if (node[last] is not JsonArray messages)
        {
            messages = [];
            node[last] = messages;
        }

        messages.Add(message);
        _lines.Add($"{string.Join(".", path)}: {message}");
    }

    /// <summary>The nested problems (a copy).</summary>
    public JsonObject ToJson() => (JsonObject)_root.DeepClone();

    /// <exception cref="FlexConfigException">There are problems.</exception>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new FlexConfigException(this);
        }
    }
}
