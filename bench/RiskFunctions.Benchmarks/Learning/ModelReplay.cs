using System.Diagnostics;
using System.Globalization;
using System.Text;
using RiskFunctions.Benchmarks.Quality;
using RiskFunctions.Benchmarks.Scoring;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.UserAgents;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Learning;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// <c>model-replay [--data /work/shared/data/aws-afd] [--users 4000] [--scale-users 25000] [--seed quality-v1]</c>:
/// hand-tuned score against a tenant model trained on labels, time-ordered, on the AWS sample data and on a
/// synthetic population with known fraud patterns; then the training time for 100,000 labeled actions and
/// the model's size. Prints markdown.
/// </summary>
internal static class ModelReplay
{
    public static Task<int> RunAsync(string[] args)
    {
        var data = Option(args, "--data") ?? "/work/shared/data/aws-afd";
        var users = int.Parse(Option(args, "--users") ?? "4000", CultureInfo.InvariantCulture);
        var scaleUsers = int.Parse(Option(args, "--scale-users") ?? "25000", CultureInfo.InvariantCulture);
        var seed = Option(args, "--seed") ?? "quality-v1";
        var options = new TrainingOptions();
        var output = new StringBuilder();

        var clock = Stopwatch.StartNew();
        var aws = OfflineReplay.Run(AwsEvents(data), e => ReplayPlan.IsTraining(e.Facts.UserId!, seed));
        Console.Error.WriteLine($"AWS replay: {aws.Count} actions in {clock.Elapsed.TotalSeconds:0.0} s");
        output.Append(ModelEvaluation.Report("AWS Fraud Detector sample data (all three files)", aws, 0.7, options));

        clock.Restart();
        var synthetic = OfflineReplay.Run(SyntheticPopulation.Generate(users, seed: 7), e => ReplayPlan.IsTraining(e.Facts.UserId!, seed));
        Console.Error.WriteLine($"Synthetic replay: {synthetic.Count} actions in {clock.Elapsed.TotalSeconds:0.0} s");
        output.Append(ModelEvaluation.Report(
            string.Create(CultureInfo.InvariantCulture, $"Synthetic population ({users} legitimate users, seed 7)"), synthetic, 0.7, options));

        clock.Restart();
        var large = OfflineReplay.Run(SyntheticPopulation.Generate(scaleUsers, seed: 11), _ => true);
        var examples = large.Where(r => r.Event.IsFraud is not null).Take(100_000)
            .Select(r => new LabeledExample(r.Features, r.Event.IsFraud!.Value, r.Event.Facts.OccurredAt)).ToList();
        Console.Error.WriteLine($"Scale replay: {large.Count} actions in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var model = new RiskModelTrainer(options).Train("scale", examples, examples[^1].OccurredAt);
        var seconds = clock.Elapsed.TotalSeconds;
        var json = model.Document.ToJson();
        output.AppendLine("### Training at scale");
        output.AppendLine();
        output.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{examples.Count} labeled actions ({examples.Count(e => e.IsFraud)} fraud), {options.NumberOfTrees} trees of {options.NumberOfLeaves} leaves: trained, calibrated and measured in **{seconds:0.0} s** (process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0} s so far); model document **{json.Length / 1024.0:0} KB** of JSON; validation ROC AUC {model.Document.Metrics.ValidationRocAuc:0.000}."));
        output.AppendLine();
        Console.WriteLine(output.ToString());
        return Task.FromResult(0);
    }

    /// <summary>The sample data as the quality replay sends it: the first registration of a user as <c>register</c>, later ones as <c>login</c>.</summary>
    private static List<EngineEvent> AwsEvents(string directory)
    {
        var enricher = new ActionEnricher(new UserAgentParser(), SampleIpIntelligence.Load());
        var registered = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<EngineEvent>();
        foreach (var e in AfdDataset.Load(directory))
        {
            var type = e.Transaction is not null ? "transaction" : registered.Add(e.UserId) ? "register" : "login";
            var enrichment = enricher.Enrich(e.Ip, e.UserAgent);
            var facts = new ActionFacts
            {
                ActionType = type,
                UserId = e.UserId,
                UserIsAuthenticated = true,
                Network = new NetworkFacts(e.Ip, enrichment.IpCountry, enrichment.IpAsnId),
                Client = new ClientFacts(e.UserAgent, enrichment.DevicePlatform, enrichment.OsName, enrichment.OsVersion, enrichment.BrowserName, enrichment.BrowserVersion, enrichment.IsBot),
                NetworkFlags = (enrichment.IsRiskyIp ? NetworkRiskFlags.RiskyReputation : NetworkRiskFlags.None) | (enrichment.IsHostingIp ? NetworkRiskFlags.Hosting : NetworkRiskFlags.None),
                OccurredAt = e.OccurredAt,
            };
            events.Add(new EngineEvent(e.Ref, facts, e.IsFraud, e.LabeledAt ?? e.OccurredAt.AddHours(24), e.Dataset));
        }

        return events;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
