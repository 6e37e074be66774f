# harness/checks/src/stats.rs: the latency samples the uniform-latency tests need (OPIS §8.4).

stats-too-few-baseline-samples = { $name }: { $samples } samples and { $baseline } baseline samples, fewer than the { $min } OPIS §8.4 requires
stats-too-few-window-samples = window { $window }: { $samples } samples for { $name }, fewer than the { $min } OPIS §8.4 requires
stats-unequal-samples = window { $window }: the clients have different numbers of paired samples
stats-cannot-rank = window { $window }: the samples of { $x } and { $y } cannot be ranked
