namespace RiskFunctions.Storage.Tables;

/// <summary>OData type annotations the Table service uses for values JSON cannot type on its own.</summary>
internal static class TableEdmType
{
    public const string AnnotationSuffix = "@odata.type";
    public const string Int32 = "Edm.Int32";
    public const string Int64 = "Edm.Int64";
    public const string Double = "Edm.Double";
    public const string Boolean = "Edm.Boolean";
    public const string String = "Edm.String";
    public const string DateTime = "Edm.DateTime";
    public const string Guid = "Edm.Guid";
    public const string Binary = "Edm.Binary";
}
