namespace RiskFunctions.Learning;

/// <summary>
/// Platt scaling: the probability of fraud is <c>σ(A · raw + B)</c>, fitted on held-out scores with Platt's
/// smoothed targets by Newton's method with backtracking (Lin, Lin and Weng, 2007), so that it converges
/// even when the held-out slice is perfectly separated, and a score of 30 means about 30 % of such actions
/// are fraud.
/// </summary>
internal static class PlattCalibration
{
    public static (double A, double B) Fit(ReadOnlySpan<double> raw, ReadOnlySpan<bool> isFraud)
    {
        var positives = 0;
        foreach (var label in isFraud)
        {
            positives += label ? 1 : 0;
        }

        var negatives = isFraud.Length - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0)) * -1;
        var loss = Loss(raw, isFraud, high, low, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < raw.Length; i++)
            {
                var p = Sigmoid((a * raw[i]) + b);
                var d = p - (isFraud[i] ? high : low);
                var w = p * (1 - p);
                ga += d * raw[i];
                gb += d;
                haa += w * raw[i] * raw[i];
                hab += w * raw[i];
                hbb += w;
            }

            if (Math.Abs(ga) < 1e-7 && Math.Abs(gb) < 1e-7)
            {
                break;
            }

            var det = (haa * hbb) - (hab * hab);
            var da = -((hbb * ga) - (hab * gb)) / det;
            var db = -((haa * gb) - (hab * ga)) / det;
            var step = 1.0;
            var improved = false;
            while (step >= 1e-10)
            {
                var candidate = Loss(raw, isFraud, high, low, a + (step * da), b + (step * db));
                if (candidate < loss + (1e-4 * step * ((ga * da) + (gb * db))))
                {
                    a += step * da;
                    b += step * db;
                    loss = candidate;
                    improved = true;
                    break;
                }

                step /= 2;
            }

            if (!improved)
            {
                break;
            }
        }

        return (a, b);
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>Cross-entropy of the smoothed targets, computed without overflow.</summary>
    private static double Loss(ReadOnlySpan<double> raw, ReadOnlySpan<bool> isFraud, double high, double low, double a, double b)
    {
        var loss = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            var z = (a * raw[i]) + b;
            var t = isFraud[i] ? high : low;

            // −[t·ln σ(z) + (1 − t)·ln(1 − σ(z))] = ln(1 + e^z) − t·z, with ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|).
            loss += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - (t * z);
        }

        return loss;
    }
}
