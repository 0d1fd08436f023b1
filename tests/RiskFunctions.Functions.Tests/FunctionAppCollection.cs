using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests;

/// <summary>One worker with the default test settings, shared by every test class of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionAppCollection : ICollectionFixture<FunctionAppFixture>
{
    public const string Name = "function app";
}
