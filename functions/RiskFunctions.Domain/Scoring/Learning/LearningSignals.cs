namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>
/// Counts only the learned model reads (the hand-tuned terms ignore them). Zero when the caller does not
/// compute them: a model trained where they were zero learns nothing from them, so a missing count never
/// misleads a model trained on the same source.
/// </summary>
/// <param name="SameSecondIpActions">Other actions from the IP in the same second as this one (clients that send coarse timestamps hide bursts from the strictly-before rates).</param>
/// <param name="SameSecondUserActions">Other actions of the user in the same second.</param>
/// <param name="SameSecondDeviceActions">Other actions of the device id in the same second.</param>
/// <param name="NewAccountsOnIpLastHour">Distinct users first seen within the hour before this action who acted from the IP.</param>
/// <param name="NewAccountsOnDeviceLastHour">Distinct users first seen within the hour before this action who used the device id.</param>
/// <param name="LinkedFraudOnIp">Users labeled fraud who used the IP, each weighted by the label's decay (one hop through the address).</param>
/// <param name="LinkedFraudOnDevice">Users labeled fraud who used the device id, decayed likewise.</param>
public readonly record struct LearningSignals(
    int SameSecondIpActions,
    int SameSecondUserActions,
    int SameSecondDeviceActions,
    int NewAccountsOnIpLastHour,
    int NewAccountsOnDeviceLastHour,
    double LinkedFraudOnIp,
    double LinkedFraudOnDevice);
