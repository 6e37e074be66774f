# harness/checks/src/stats.rs：一致延迟检验所需的延迟样本（OPIS §8.4）。

stats-too-few-baseline-samples = { $name }：{ $samples } 个样本和 { $baseline } 个基线样本，少于 OPIS §8.4 要求的 { $min } 个
stats-too-few-window-samples = 时间窗口 { $window }：{ $name } 有 { $samples } 个样本，少于 OPIS §8.4 要求的 { $min } 个
stats-unequal-samples = 时间窗口 { $window }：各客户端的配对样本数不同
stats-cannot-rank = 时间窗口 { $window }：{ $x } 与 { $y } 的样本无法排秩
