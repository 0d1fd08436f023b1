using Azure.Data.Tables;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// The actions table: one row per action, PartitionKey tenant + the token's first two hex digits, RowKey the action
/// token, so GET /recommendation is one point read. Property names are part of the stored format.
/// </summary>
internal static class ActionsTable
{
    public const string ActionsTableName = "actions";

    /// <summary>Set on every row that carries a label (own mark or subject slot): what training filters on.</summary>
    public const string Labeled = "Labeled";

    /// <summary>The feature vector (little-endian 32-bit floats) and its schema.</summary>
    public const string FeatureVector = "Fv";
    public const string FeatureSchema = "Fs";

    /// <summary>The campaign maintenance put the action in after it was stored, and that campaign's kind code.</summary>
    public const string CampaignId = "CampaignId";
    public const string CampaignKind = "CampaignKind";

    private const string Document = "Doc";
    private const string FeaturePrefix = "F_";

    /// <summary>PartitionKey: tenant and the token's first two hex digits, spreading a tenant's actions over 256 partitions.</summary>
    public static string PartitionKey(string tenantId, string actionToken) => TableKeyEncoder.Join(tenantId, actionToken[..2]);

    /// <summary>RowKey: the action token itself.</summary>
    public static string RowKey(string actionToken) => actionToken;

    public static TableEntity ToEntity(StoredAction action)
    {
        var entity = new TableEntity(PartitionKey(action.TenantId, action.ActionToken), RowKey(action.ActionToken))
        {
            ["ActionType"] = action.ActionType,
            ["OccurredAt"] = action.OccurredAt,
            ["Recommendation"] = action.Recommendation,
            ["ProfileFed"] = action.ProfileFed,
            ETag = action.ETag,
        };
        Set(entity, "UserId", action.UserId);
        Set(entity, "ClaimedUserId", action.ClaimedUserId);
        Set(entity, "BoundUserId", action.BoundUserId);
        Set(entity, "DeviceId", action.DeviceId);
        Set(entity, "DeviceFingerprint", action.DeviceFingerprint);
        Set(entity, "DevicePublicKey", action.DevicePublicKey);
        Set(entity, "Ip", action.Ip);
        Set(entity, "CorrelationId", action.CorrelationId);
        Set(entity, "VerificationSessionId", action.VerificationSessionId);
        Set(entity, "SessionToken", action.SessionToken);
        Set(entity, "Result", action.Result);
        Set(entity, "ChallengeType", action.ChallengeType);
        Set(entity, "LabelId", action.LabelId);
        Set(entity, "LabelType", action.LabelType);
        Set(entity, "Model", action.Model);
        Set(entity, CampaignId, action.CampaignId);
        Set(entity, CampaignKind, action.CampaignKind?.Code());
        if (action.LabelId is not null)
        {
            entity[Labeled] = true;
        }

        if (action.Features is { } vector)
        {
            entity[FeatureVector] = FeatureVectors.ToBytes(vector);
            entity[FeatureSchema] = action.FeatureSchema;
        }
        if (action.ResultAt is { } resultAt)
        {
            entity["ResultAt"] = resultAt;
        }

        if (action.LabeledAt is { } labeledAt)
        {
            entity["LabeledAt"] = labeledAt;
        }

        for (var i = 0; i < action.FeatureKeys.Count && i < FeatureKinds.Count; i++)
        {
            Set(entity, FeaturePrefix + ((FeatureKind)i).Code(), action.FeatureKeys[i]);
        }

        BinaryChunks.Write(entity, Document, action.RecommendationDocument);
        return entity;
    }

    public static StoredAction FromEntity(string tenantId, TableEntity entity)
    {
        var features = new string?[FeatureKinds.Count];
        foreach (var kind in FeatureKinds.All)
        {
            features[(int)kind] = entity.GetString(FeaturePrefix + kind.Code());
        }

        // Written back by a replace as the action's own mark, so a later replace keeps it even though it drops the slots.
        var label = ActionLabelSlots.Newest(entity);
        return new StoredAction
        {
            TenantId = tenantId,
            ActionToken = entity.RowKey,
            ActionType = entity.GetString("ActionType") ?? string.Empty,
            OccurredAt = entity.GetDateTimeOffset("OccurredAt") ?? default,
            UserId = entity.GetString("UserId"),
            ClaimedUserId = entity.GetString("ClaimedUserId"),
            BoundUserId = entity.GetString("BoundUserId"),
            DeviceId = entity.GetString("DeviceId"),
            DeviceFingerprint = entity.GetString("DeviceFingerprint"),
            DevicePublicKey = entity.GetString("DevicePublicKey"),
            Ip = entity.GetString("Ip"),
            CorrelationId = entity.GetString("CorrelationId"),
            VerificationSessionId = entity.GetString("VerificationSessionId"),
            SessionToken = entity.GetString("SessionToken"),
            Recommendation = entity.GetString("Recommendation") ?? string.Empty,
            RecommendationDocument = BinaryChunks.Read(entity, Document) ?? [],
            FeatureKeys = features,
            Result = entity.GetString("Result"),
            ChallengeType = entity.GetString("ChallengeType"),
            ResultAt = entity.GetDateTimeOffset("ResultAt"),
            ProfileFed = entity.GetBoolean("ProfileFed") ?? false,
            Features = entity.GetBinary(FeatureVector) is { } bytes ? FeatureVectors.FromBytes(bytes) : null,
            FeatureSchema = entity.GetInt32(FeatureSchema) ?? 0,
            Model = entity.GetString("Model"),
            CampaignId = entity.GetString(CampaignId),
            CampaignKind = CampaignKinds.FromCode(entity.GetString(CampaignKind)),
            LabelId = label?.LabelId,
            LabelType = label?.LabelType,
            LabeledAt = label?.LabeledAt,
            ETag = entity.ETag,
        };
    }

    /// <summary>The properties a GET /recommendation needs: the document and the campaign found after the fact.</summary>
    public static IEnumerable<string> DocumentProperties { get; } =
        ["DocChunks", CampaignId, CampaignKind, .. Enumerable.Range(0, BinaryChunks.MaxBytes / BinaryChunks.ChunkSize).Select(i => Document + i)];

    public static byte[]? ReadDocument(TableEntity entity) => BinaryChunks.Read(entity, Document);

    public static StoredRecommendation? ReadRecommendation(TableEntity entity) =>
        ReadDocument(entity) is { } document
            ? new StoredRecommendation(document, entity.GetString(CampaignId), CampaignKinds.FromCode(entity.GetString(CampaignKind)))
            : null;

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
