using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>Checks that an entity read through the SDK holds each stored property with its Edm type and exact value.</summary>
internal static class StoredPropertyAssert
{
    public static void Equal(JsonObject stored, TableEntity read)
    {
        foreach (var (name, node) in stored)
        {
            if (name.Contains('@', StringComparison.Ordinal) || node is null)
            {
                continue;
            }

            var edmType = (string?)stored[name + "@odata.type"];
            var value = read[name];
            var where = $"{read.PartitionKey}/{read.RowKey}/{name}";
            switch (edmType)
            {
                case "Edm.Int64":
                    Assert.Equal(long.Parse((string)node!, CultureInfo.InvariantCulture), Assert.IsType<long>(value));
                    break;
                case "Edm.DateTime":
                    var expected = DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                    Assert.True(read.GetDateTimeOffset(name) == expected, $"{where}: {read.GetDateTimeOffset(name):O} != {expected:O}");
                    break;
                case "Edm.Binary":
                    Assert.Equal(Convert.FromBase64String((string)node!), read.GetBinary(name));
                    break;
                case "Edm.Double":
                    Assert.Equal(node!.GetValue<double>(), Assert.IsType<double>(value));
                    break;
                case "Edm.Guid":
                    Assert.Equal(Guid.Parse((string)node!, CultureInfo.InvariantCulture), read.GetGuid(name));
                    break;
                case null when node!.GetValueKind() == JsonValueKind.Number:
                    Assert.True(value is int, $"{where}: an unannotated number is read as Int32, not {value?.GetType().Name}");
                    Assert.Equal(node.GetValue<int>(), (int)value!);
                    break;
                case null when node!.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    Assert.Equal(node.GetValue<bool>(), Assert.IsType<bool>(value));
                    break;
                case null:
                    Assert.Equal((string)node!, Assert.IsType<string>(value));
                    break;
                default:
                    Assert.Fail($"{where}: unexpected type {edmType}");
                    break;
            }
        }

        var custom = stored.Count(p => !p.Key.Contains('@', StringComparison.Ordinal) && p.Value is not null);
        var readCustom = read.Keys.Count(k => k is not ("Timestamp" or "odata.etag") && !k.Contains('@', StringComparison.Ordinal));
        Assert.True(custom == readCustom, $"{read.PartitionKey}/{read.RowKey}: stored {custom} properties, read {readCustom} ({string.Join(',', read.Keys)})");
    }
}
