//! Statistics of the differential latency check: a one-sided Mann–Whitney U test (normal
//! approximation with tie correction and continuity correction) and medians.

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
pub fn slower_than_baseline(tested: &[(String, Vec<f64>, Vec<f64>)], rule: LatencyRule) -> Result<Vec<SlowerClient>, String> {
    if let Some((name, x, y)) = tested.iter().find(|(_, x, y)| x.len() < MIN_LATENCY_SAMPLES || y.len() < MIN_LATENCY_SAMPLES) {
        return Err(format!("{name}: {} samples and {} baseline samples, fewer than the {MIN_LATENCY_SAMPLES} OPIS §8.4 requires", x.len(), y.len()));
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
        assert!(slower_than_baseline(&short, OPIS_LATENCY_RULE).unwrap_err().contains("29 samples"));
    }
}
