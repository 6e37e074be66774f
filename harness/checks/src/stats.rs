//! Statistics of the differential latency checks: a one-sided Mann–Whitney U test and a one-sided
//! Wilcoxon signed-rank test of paired samples (both by the normal approximation with tie and
//! continuity corrections), medians, and Holm's step-down correction for many tests at once.

use hutong_model::{msg, Message};
use statrs::distribution::{ContinuousCDF, Normal};

/// The result of a one-sided Mann–Whitney U test of "x is stochastically greater than y".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U statistic of `x` (pairs where x > y, ties counted one half).
    pub u: f64,
    /// Standardised statistic (continuity-corrected).
    pub z: f64,
    /// One-sided p-value: the probability of a U this large if both samples come from one
    /// distribution.
    pub p: f64,
}

/// Ranks of `values` (1-based), ties getting the mean of their ranks, and the tie-correction sum
/// `Σ (t³ − t)` over groups of `t` tied values.
fn ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for k in &order[i..=j] {
            ranks[*k] = rank;
        }
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        i = j + 1;
    }
    (ranks, ties)
}

/// One-sided Mann–Whitney U test: is `x` stochastically greater than `y`? `None` when a sample is
/// empty or has NaN values.
pub fn mann_whitney_greater(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    if x.is_empty() || y.is_empty() || x.iter().chain(y).any(|v| v.is_nan()) {
        return None;
    }
    let (n1, n2) = (x.len() as f64, y.len() as f64);
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (r, ties) = ranks(&all);
    let r1: f64 = r[..x.len()].iter().sum();
    let u = r1 - n1 * (n1 + 1.0) / 2.0;
    let n = n1 + n2;
    let mean = n1 * n2 / 2.0;
    let variance = n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    if variance <= 0.0 {
        return Some(MannWhitney { u, z: 0.0, p: 1.0 });
    }
    let z = (u - mean - 0.5) / variance.sqrt();
    let normal = Normal::new(0.0, 1.0).expect("the standard normal distribution");
    Some(MannWhitney { u, z, p: 1.0 - normal.cdf(z) })
}

/// The median of `values` (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) { (v[mid - 1] + v[mid]) / 2.0 } else { v[mid] })
}

/// The decision rule of the uniform-latency requirement (OE-06).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatencyRule {
    /// Family-wise significance level, split over the ordered pairs (Bonferroni).
    pub alpha: f64,
    /// Smallest difference of medians, in milliseconds, that counts.
    pub min_median_difference_ms: f64,
}

/// Fewest latency samples per client the test is made on (OPIS §8.4): the normal approximation of
/// U is accurate from about 20 samples per group; 30 leaves a margin. Fewer is an `error`.
pub const MIN_LATENCY_SAMPLES: usize = 30;

/// OPIS's rule: α = 0.01 family-wise, 20 ms on medians.
pub const OPIS_LATENCY_RULE: LatencyRule = LatencyRule { alpha: 0.01, min_median_difference_ms: 20.0 };

/// One client served measurably slower than another.
#[derive(Debug, Clone, PartialEq)]
pub struct SlowerClient {
    /// The slower client.
    pub slower: String,
    /// The client it is compared with.
    pub than: String,
    /// Median latencies in milliseconds (slower, faster).
    pub medians_ms: (f64, f64),
    /// The test result.
    pub test: MannWhitney,
}

/// Every ordered pair (X, Y) of `samples` (client name, latencies in ms) where X is significantly
/// (p < α / pairs) and practically (medians ≥ threshold apart) slower than Y.
pub fn slower_clients(samples: &[(String, Vec<f64>)], rule: LatencyRule) -> Vec<SlowerClient> {
    let pairs = samples.len() * samples.len().saturating_sub(1);
    if pairs == 0 {
        return Vec::new();
    }
    let level = rule.alpha / pairs as f64;
    let mut out = Vec::new();
    for (x_name, x) in samples {
        for (y_name, y) in samples {
            if x_name == y_name {
                continue;
            }
            let (Some(test), Some(mx), Some(my)) = (mann_whitney_greater(x, y), median(x), median(y)) else { continue };
            if test.p < level && mx - my >= rule.min_median_difference_ms {
                out.push(SlowerClient { slower: x_name.clone(), than: y_name.clone(), medians_ms: (mx, my), test });
            }
        }
    }
    out
}

/// Every tested context (name, latencies in ms) significantly (p < α / contexts, Bonferroni) and
/// practically (medians ≥ threshold apart) slower than its baseline sample, by OPIS §8.4's rule;
/// each context is compared with the baseline samples interleaved with it (`(name, tested,
/// baseline)`; contexts may share one baseline). `Err` names
/// a context with fewer than [`MIN_LATENCY_SAMPLES`] samples on either side.
pub fn slower_than_baseline(tested: &[(String, Vec<f64>, Vec<f64>)], rule: LatencyRule) -> Result<Vec<SlowerClient>, Message> {
    if let Some((name, x, y)) = tested.iter().find(|(_, x, y)| x.len() < MIN_LATENCY_SAMPLES || y.len() < MIN_LATENCY_SAMPLES) {
        return Err(msg!("stats-too-few-baseline-samples", name = name, samples = x.len(), baseline = y.len(), min = MIN_LATENCY_SAMPLES));
    }
    let level = rule.alpha / tested.len().max(1) as f64;
    let mut out = Vec::new();
    for (name, x, y) in tested {
        let (Some(test), Some(mx), Some(my)) = (mann_whitney_greater(x, y), median(x), median(y)) else { continue };
        if test.p < level && mx - my >= rule.min_median_difference_ms {
            out.push(SlowerClient { slower: name.clone(), than: "baseline".to_string(), medians_ms: (mx, my), test });
        }
    }
    Ok(out)
}

/// The result of a one-sided Wilcoxon signed-rank test of "the paired differences are centred above
/// zero" (x stochastically greater than y, pair by pair).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRank {
    /// Sum of the ranks of the positive differences (ties of |d| get their mean rank).
    pub w_plus: f64,
    /// Pairs with a non-zero difference (zero differences are dropped, Wilcoxon's method).
    pub n: usize,
    /// Standardised statistic (tie- and continuity-corrected).
    pub z: f64,
    /// One-sided p-value.
    pub p: f64,
}

/// One-sided Wilcoxon signed-rank test on the paired differences `d` (x − y, pair by pair): are
/// they centred above zero? Zero differences are dropped; `None` when `d` is empty or has NaN.
/// When each pair's two requests are sent at once in a random order, the differences are
/// symmetric about zero for a platform that treats both alike, whatever load the pairs share.
pub fn wilcoxon_signed_rank_greater(d: &[f64]) -> Option<SignedRank> {
    if d.is_empty() || d.iter().any(|v| v.is_nan()) {
        return None;
    }
    let nonzero: Vec<f64> = d.iter().copied().filter(|v| *v != 0.0).collect();
    let n = nonzero.len();
    if n == 0 {
        return Some(SignedRank { w_plus: 0.0, n, z: 0.0, p: 1.0 });
    }
    let magnitudes: Vec<f64> = nonzero.iter().map(|v| v.abs()).collect();
    let (r, ties) = ranks(&magnitudes);
    let w_plus: f64 = nonzero.iter().zip(&r).filter(|(v, _)| **v > 0.0).map(|(_, r)| r).sum();
    let nf = n as f64;
    let mean = nf * (nf + 1.0) / 4.0;
    let variance = nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - ties / 48.0;
    if variance <= 0.0 {
        return Some(SignedRank { w_plus, n, z: 0.0, p: 1.0 });
    }
    let z = (w_plus - mean - 0.5) / variance.sqrt();
    let normal = Normal::new(0.0, 1.0).expect("the standard normal distribution");
    Some(SignedRank { w_plus, n, z, p: 1.0 - normal.cdf(z) })
}

/// Holm's step-down correction: which of the tests with p-values `p` are significant at
/// family-wise level `alpha` (the smallest p against α/m, the next against α/(m−1), …, stopping
/// at the first that is not). Controls the family-wise false-alarm rate as Bonferroni does, and
/// rejects at least what Bonferroni rejects.
pub fn holm(p: &[f64], alpha: f64) -> Vec<bool> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut significant = vec![false; m];
    for (k, &i) in order.iter().enumerate() {
        if p[i] < alpha / (m - k) as f64 {
            significant[i] = true;
        } else {
            break;
        }
    }
    significant
}

/// The latency samples of one window of the run: per client, one sample per round, the clients of
/// a round sent at once in a random order (so that sample `i` of every client is a pair).
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyWindow {
    /// Which window (start, middle, after sustained traffic, end).
    pub name: String,
    /// Client name and latencies in ms, one per round, rounds in the same order for every client.
    pub clients: Vec<(String, Vec<f64>)>,
}

/// One client served measurably slower than another in one window.
#[derive(Debug, Clone, PartialEq)]
pub struct SlowerInWindow {
    /// The window.
    pub window: String,
    /// The slower client.
    pub slower: String,
    /// The client it is compared with.
    pub than: String,
    /// Median of the paired differences (slower − faster), in ms.
    pub median_difference_ms: f64,
    /// Median latencies in milliseconds (slower, faster).
    pub medians_ms: (f64, f64),
    /// The test result.
    pub test: SignedRank,
    /// Tests in the family Holm's correction was applied over.
    pub family: usize,
}

/// OPIS §8.4 over windows: for every window and every ordered pair of clients (X, Y), a one-sided
/// Wilcoxon signed-rank test of the paired differences X − Y; the tests of all windows and pairs
/// form one family, corrected by Holm at `rule.alpha`. A pair counts when its test is significant
/// after the correction AND the median paired difference is at least
/// `rule.min_median_difference_ms`. `Err` names a window whose clients have different numbers of
/// samples or fewer than [`MIN_LATENCY_SAMPLES`].
pub fn slower_in_windows(windows: &[LatencyWindow], rule: LatencyRule) -> Result<Vec<SlowerInWindow>, Message> {
    let mut tests = Vec::new();
    for window in windows {
        if let Some((name, s)) = window.clients.iter().find(|(_, s)| s.len() < MIN_LATENCY_SAMPLES) {
            return Err(msg!("stats-too-few-window-samples", window = &window.name, samples = s.len(), name = name, min = MIN_LATENCY_SAMPLES));
        }
        if window.clients.windows(2).any(|c| c[0].1.len() != c[1].1.len()) {
            return Err(msg!("stats-unequal-samples", window = &window.name));
        }
        for (x_name, x) in &window.clients {
            for (y_name, y) in &window.clients {
                if x_name == y_name {
                    continue;
                }
                let d: Vec<f64> = x.iter().zip(y).map(|(a, b)| a - b).collect();
                let (Some(test), Some(md), Some(mx), Some(my)) = (wilcoxon_signed_rank_greater(&d), median(&d), median(x), median(y)) else {
                    return Err(msg!("stats-cannot-rank", window = &window.name, x = x_name, y = y_name));
                };
                tests.push(SlowerInWindow {
                    window: window.name.clone(),
                    slower: x_name.clone(),
                    than: y_name.clone(),
                    median_difference_ms: md,
                    medians_ms: (mx, my),
                    test,
                    family: 0,
                });
            }
        }
    }
    let family = tests.len();
    let significant = holm(&tests.iter().map(|t| t.test.p).collect::<Vec<_>>(), rule.alpha);
    Ok(tests
        .into_iter()
        .zip(significant)
        .filter(|(t, s)| *s && t.median_difference_ms >= rule.min_median_difference_ms)
        .map(|(t, _)| SlowerInWindow { family, ..t })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        let (r, ties) = ranks(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(r, [3.5, 1.0, 3.5, 2.0]);
        assert_eq!(ties, 6.0);
    }

    #[test]
    fn u_and_p_match_known_values() {
        // Completely separated samples of 5: U = 25, exact one-sided p = 1/252 ≈ 0.004;
        // the normal approximation with continuity correction gives ≈ 0.0061.
        let t = mann_whitney_greater(&[6.0, 7.0, 8.0, 9.0, 10.0], &[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(t.u, 25.0);
        assert!((t.p - 0.0061).abs() < 0.0005, "{t:?}");
        let reverse = mann_whitney_greater(&[1.0, 2.0, 3.0, 4.0, 5.0], &[6.0, 7.0, 8.0, 9.0, 10.0]).unwrap();
        assert!(reverse.p > 0.99);
        assert_eq!(mann_whitney_greater(&[], &[1.0]), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn a_50_ms_delay_is_caught_and_noise_is_not() {
        let base: Vec<f64> = (0..40).map(|i| 1.0 + (i % 7) as f64 * 0.3).collect();
        let slow: Vec<f64> = base.iter().map(|v| v + 50.0).collect();
        let noisy: Vec<f64> = base.iter().rev().map(|v| v * 1.5).collect();
        let found = slower_clients(&[("a".into(), base.clone()), ("b".into(), slow)], OPIS_LATENCY_RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].slower, "b");
        // Significant but below the practical threshold: not a finding.
        assert!(slower_clients(&[("a".into(), base), ("c".into(), noisy)], OPIS_LATENCY_RULE).is_empty());
    }

    // See: issue 11, AI-05 timed the POST answer with a 250 ms rule instead of OPIS §8.4.
    #[test]
    fn each_context_is_compared_with_its_own_baseline() {
        let base: Vec<f64> = (0..30).map(|i| 2.0 + (i % 5) as f64).collect();
        let held: Vec<f64> = base.iter().map(|v| v + 100.0).collect();
        let noisy: Vec<f64> = base.iter().rev().map(|v| v + 3.0).collect();
        let tested = [("a.example".to_string(), base.clone(), base.clone()), ("held.example".to_string(), held, base.clone()), ("noisy.example".to_string(), noisy, base.clone())];
        let found = slower_than_baseline(&tested, OPIS_LATENCY_RULE).unwrap();
        assert_eq!(found.iter().map(|s| s.slower.as_str()).collect::<Vec<_>>(), ["held.example"]);
        assert!(found[0].medians_ms.0 - found[0].medians_ms.1 >= 100.0);
        // Fewer than 30 samples: no decision.
        let short = [("a.example".to_string(), base[..29].to_vec(), base.clone())];
        assert!(slower_than_baseline(&short, OPIS_LATENCY_RULE).unwrap_err().en().contains("29 samples"));
    }

    #[test]
    fn signed_rank_matches_known_values() {
        // d = 1..=10 all positive: W+ = 55 (the maximum), mean 27.5, variance 96.25:
        // z = (55 − 27.5 − 0.5) / 9.81 ≈ 2.752, one-sided p ≈ 0.00296.
        let d: Vec<f64> = (1..=10).map(f64::from).collect();
        let t = wilcoxon_signed_rank_greater(&d).unwrap();
        assert_eq!((t.w_plus, t.n), (55.0, 10));
        assert!((t.p - 0.00296).abs() < 0.0002, "{t:?}");
        let reverse: Vec<f64> = d.iter().map(|v| -v).collect();
        assert!(wilcoxon_signed_rank_greater(&reverse).unwrap().p > 0.99);
        // Zeros are dropped; all zeros decide nothing.
        assert_eq!(wilcoxon_signed_rank_greater(&[0.0, 0.0]).unwrap().p, 1.0);
        assert_eq!(wilcoxon_signed_rank_greater(&[0.0, 1.0, 2.0]).unwrap().n, 2);
        assert_eq!(wilcoxon_signed_rank_greater(&[]), None);
        assert_eq!(wilcoxon_signed_rank_greater(&[f64::NAN]), None);
    }

    #[test]
    fn holm_steps_down_and_stops_at_the_first_miss() {
        // m = 4, α = 0.05: 0.01 < 0.05/4 is significant, 0.02 ≥ 0.05/3 stops the steps, so 0.03
        // and 0.04 are not significant although 0.03 < 0.05/2.
        assert_eq!(holm(&[0.03, 0.01, 0.02, 0.04], 0.05), [false, true, false, false]);
        assert_eq!(holm(&[0.04, 0.01, 0.03], 0.05), [false, true, false]);
        // Bonferroni would reject only p < α/m; Holm rejects at least as much.
        assert_eq!(holm(&[0.011, 0.02], 0.03), [true, true]);
        assert!(holm(&[], 0.01).is_empty());
    }

    fn window(name: &str, clients: &[(&str, Vec<f64>)]) -> LatencyWindow {
        LatencyWindow { name: name.into(), clients: clients.iter().map(|(n, s)| (n.to_string(), s.clone())).collect() }
    }

    // See: issue 12, a platform that slows third parties only in the middle or at the end of a run
    // was measured only at its start.
    #[test]
    fn a_delay_in_one_window_is_caught_under_shared_load_and_drift_is_not() {
        // Load drifts from 2 ms to 300 ms over the rounds and hits both clients of a round alike;
        // within a round the order adds a little noise either way.
        let drift: Vec<f64> = (0..30).map(|i| 2.0 + (i * i) as f64 / 3.0).collect();
        let jitter = |i: usize| if i % 2 == 0 { 1.5 } else { -1.5 };
        let a: Vec<f64> = drift.clone();
        let b: Vec<f64> = drift.iter().enumerate().map(|(i, v)| v + jitter(i)).collect();
        let slow: Vec<f64> = b.iter().map(|v| v + 50.0).collect();
        let clean = [window("start", &[("a", a.clone()), ("b", b.clone())]), window("end", &[("a", a.clone()), ("b", b.clone())])];
        assert!(slower_in_windows(&clean, OPIS_LATENCY_RULE).unwrap().is_empty());
        let late = [window("start", &[("a", a.clone()), ("b", b.clone())]), window("end", &[("a", a.clone()), ("b", slow)])];
        let found = slower_in_windows(&late, OPIS_LATENCY_RULE).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].window.as_str(), found[0].slower.as_str(), found[0].family), ("end", "b", 4));
        assert!(found[0].median_difference_ms >= 48.0);
        // The same drift between unpaired samples hides the 50 ms from Mann–Whitney U.
        let unpaired = slower_clients(&[("a".into(), a.clone()), ("b".into(), late[1].clients[1].1.clone())], OPIS_LATENCY_RULE);
        assert!(unpaired.is_empty());
        // Significant but below 20 ms: not a finding.
        let small: Vec<f64> = a.iter().map(|v| v + 5.0).collect();
        assert!(slower_in_windows(&[window("middle", &[("a", a.clone()), ("b", small)])], OPIS_LATENCY_RULE).unwrap().is_empty());
        // Fewer than 30 pairs, or unequal counts: no decision.
        let short = [window("start", &[("a", a[..29].to_vec()), ("b", b[..29].to_vec())])];
        assert!(slower_in_windows(&short, OPIS_LATENCY_RULE).unwrap_err().en().contains("29 samples"));
        let uneven = [window("start", &[("a", a.clone()), ("b", [b.clone(), vec![1.0]].concat())])];
        assert!(slower_in_windows(&uneven, OPIS_LATENCY_RULE).unwrap_err().en().contains("different numbers"));
    }
}
