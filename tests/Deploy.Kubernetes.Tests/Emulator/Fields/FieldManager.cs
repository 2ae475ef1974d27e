using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>
/// Field ownership as the API server keeps it (kubernetes.io/docs/reference/using-api/server-side-apply). Apply: the
/// applied object is the manager's whole intent; a field another owner manages with a different value is a conflict
/// unless forced (then it changes hands); fields the manager applied before and no longer mentions are removed when no
/// one else owns them. Update (create, non-apply patch): the writer takes every field it changed, never a conflict.
/// </summary>
internal static class FieldManager
{
    /// <summary>The object after the apply; null, with the conflicts, when it conflicts and is not forced.</summary>
    public static JsonObject? Apply(JsonObject? live, JsonObject applied, string manager, bool force, List<(ManagerKey Owner, FieldPath Field)> conflicts)
    {
        var apiVersion = (string)applied["apiVersion"]!;
        var me = new ManagerKey(manager, "Apply", apiVersion);
        var owners = ManagedFields.Read(live);
        var members = Fields.Of(applied);
        foreach (var (owner, fields) in owners.Where(o => !o.Key.SameOwner(me)))
        {
            foreach (var leaf in members.Where(m => !m.IsItem && fields.Contains(m.Path)))
            {
                var (found, current) = Fields.ValueAt(live, leaf.Path);
                if (!found || !JsonNode.DeepEquals(current, leaf.Value))
                {
                    conflicts.Add((owner, leaf.Path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            return null;
        }

        foreach (var (owner, field) in conflicts)
        {
            owners.First(o => o.Key == owner).Fields.Remove(field);
        }

        var result = (JsonObject?)live?.DeepClone() ?? new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = applied["kind"]!.DeepClone(),
            ["metadata"] = new JsonObject { ["name"] = applied["metadata"]!["name"]!.DeepClone() },
        };
        foreach (var member in members)
        {
            Fields.SetAt(result, member.Path, member.IsItem ? null : member.Value);
        }

        var mine = owners.FirstOrDefault(o => o.Key.SameOwner(me));
        var applying = members.Select(m => m.Path).ToHashSet();
        if (mine.Fields is not null)
        {
            // Longest first, so that an item goes after its fields, and only what no one else owns (or owns below).
            foreach (var dropped in mine.Fields.Except(applying).OrderByDescending(p => p.Segments.Count))
            {
                if (!owners.Any(o => !o.Key.SameOwner(me) && o.Fields.Any(f => f.StartsWith(dropped))))
                {
                    Fields.RemoveAt(result, dropped);
                }
            }

            owners.Remove(mine);
        }

        owners.Add((me, applying));
        ManagedFields.Write(result, owners);
        return result;
    }

    /// <summary>Records an update by <paramref name="manager"/> from <paramref name="before"/> (null: a create) to <paramref name="after"/>.</summary>
    public static void Update(JsonObject? before, JsonObject after, string manager)
    {
        var me = new ManagerKey(manager, "Update", (string)after["apiVersion"]!);
        var owners = ManagedFields.Read(before);
        var old = before is null ? [] : Fields.Of(before).ToDictionary(m => m.Path, m => m.Value);
        var now = Fields.Of(after);
        var changed = now.Where(m => !old.TryGetValue(m.Path, out var value) || (!m.IsItem && !JsonNode.DeepEquals(value, m.Value))).Select(m => m.Path).ToHashSet();
        var removed = old.Keys.Except(now.Select(m => m.Path)).ToHashSet();
        foreach (var (_, fields) in owners)
        {
            fields.ExceptWith(changed);
            fields.ExceptWith(removed);
        }

        var mine = owners.FirstOrDefault(o => o.Key.SameOwner(me));
        if (mine.Fields is null)
        {
            owners.Add((me, changed));
        }
        else
        {
            mine.Fields.UnionWith(changed);
        }

        ManagedFields.Write(after, owners);
    }
}
