using System.Text.Json;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Errors;
using RiskFunctions.Functions.Features.Labels.Dialects;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.Pipeline;

/// <summary>
/// Every HTTP function in the worker's generated <c>functions.metadata</c> declares who may call it; the pipeline
/// refuses to run one that does not, and these tests catch it at build time instead.
/// </summary>
public sealed class FunctionMetadataDeclarationTests
{
    private static readonly IReadOnlyList<(string Name, string EntryPoint, bool IsHttp)> Functions = ReadMetadata();

    [Fact]
    public void Metadata_EveryHttpFunction_DeclaresItsCallers()
    {
        var http = Functions.Where(f => f.IsHttp).ToList();
        Assert.NotEmpty(http);
        var problems = new List<string>();
        foreach (var function in http)
        {
            try
            {
                HttpFunctionDeclaration.From(function.Name, FunctionDeclarations.EntryPoint(function.EntryPoint));
            }
            catch (InvalidOperationException exception)
            {
                problems.Add(exception.Message);
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Metadata_TriggersOtherThanHttp_AreTheLabelPropagationTheRelayRingMaintenanceAndModelTraining()
    {
        Assert.Equal(["LabelOutboxRelay", "LabelPropagation", "ModelTraining", "RingCampaignMaintenance"], Functions.Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void From_MethodWithoutDeclaration_Throws()
    {
        var method = typeof(Undeclared).GetMethod(nameof(Undeclared.Run))!;

        var exception = Assert.Throws<InvalidOperationException>(() => HttpFunctionDeclaration.From("Run", method));

        Assert.Contains("RequireScope", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_BothScopeAndAnonymous_Throws()
    {
        var method = typeof(Undeclared).GetMethod(nameof(Undeclared.Both))!;

        Assert.Throws<InvalidOperationException>(() => HttpFunctionDeclaration.From("Both", method));
    }

    [Fact]
    public void From_ActionTokenEndpoints_DeclareTheCoolDown()
    {
        var coolDown = Functions.Where(f => f.IsHttp)
            .Where(f => HttpFunctionDeclaration.From(f.Name, FunctionDeclarations.EntryPoint(f.EntryPoint)).ActionTokenCoolDown)
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["ActionResult", "GetFraudReport", "GetRecommendation", "ReportFraud"], coolDown);
    }

    [Fact]
    public void From_DialectFunctions_UseTheirVendorsErrorFormat()
    {
        Assert.IsType<LithicErrorFormat>(Declaration("ReportFraud").ErrorFormat);
        Assert.IsType<RavelinErrorFormat>(Declaration("RavelinLabel").ErrorFormat);
        Assert.IsType<DataDomeErrorFormat>(Declaration("DataDomeFeedback").ErrorFormat);
        Assert.Same(ErrorResponses.Default, Declaration(nameof(ActionFunctions.TriggerAction)).ErrorFormat);
        Assert.Equal("trigger-action", Declaration(nameof(ActionFunctions.TriggerAction)).IdempotencyOperation);
    }

    private static HttpFunctionDeclaration Declaration(string name)
    {
        var function = Functions.Single(f => f.Name == name);
        return HttpFunctionDeclaration.From(function.Name, FunctionDeclarations.EntryPoint(function.EntryPoint));
    }

    private static List<(string, string, bool)> ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FunctionAppDirectory.MetadataFile));
        return
        [
            .. document.RootElement.EnumerateArray().Select(function => (
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                function.GetProperty("bindings").EnumerateArray().Any(binding =>
                    binding.GetProperty("type").GetString() == FunctionDeclarations.HttpTriggerType))),
        ];
    }

    private static class Undeclared
    {
        public static void Run()
        {
        }

        [RequireScope(RiskFunctions.Functions.Security.RiskScopes.ActionsWrite)]
        [AllowAnonymous]
        public static void Both()
        {
        }
    }
}
