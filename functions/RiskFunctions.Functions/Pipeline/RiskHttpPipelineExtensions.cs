using Microsoft.Azure.Functions.Worker.Builder;

namespace RiskFunctions.Functions.Pipeline;

/// <summary>The HTTP pipeline, in order; each middleware acts on what the function declares (and ignores other triggers).</summary>
public static class RiskHttpPipelineExtensions
{
    public static FunctionsApplicationBuilder UseRiskHttpPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMiddleware<DeclarationsMiddleware>();
        builder.UseMiddleware<SecurityHeadersMiddleware>();
        builder.UseMiddleware<ErrorsMiddleware>();
        builder.UseMiddleware<RequestLimitsMiddleware>();
        builder.UseMiddleware<BodyLimitMiddleware>();
        builder.UseMiddleware<AuthenticationMiddleware>();
        builder.UseMiddleware<RateLimitMiddleware>();
        builder.UseMiddleware<ActionTokenCoolDownMiddleware>();
        builder.UseMiddleware<IdempotencyMiddleware>();
        return builder;
    }
}
