//! The policy clauses requirements trace to (`seed:9` = clause （九） of
//! 《关于推动平台经济规范健康持续发展的若干意见》, `/work/shared/seed/README.md`).

/// Headings of the policy's numbered clauses (1-based), Chinese as in the text and an English
/// gist.
const CLAUSES: [(&str, &str); 19] = [
    ("完善治理规则", "improve governance rules"),
    ("健全制度规范", "sound rules and norms"),
    ("推动协同治理", "coordinated governance"),
    ("完善竞争监管执法", "competition supervision and enforcement"),
    ("加强金融领域监管", "financial supervision"),
    ("探索数据和算法安全监管", "data and algorithm security supervision"),
    ("改进提高监管技术和手段", "supervision technology"),
    ("降低平台经济参与者经营成本", "lower participants' costs"),
    ("建立有序开放的平台生态", "an orderly, open platform ecosystem"),
    ("加强新就业形态劳动者权益保障", "rights of new-form workers"),
    ("支持平台加强技术创新", "technical innovation"),
    ("提升全球化发展水平", "global development"),
    ("鼓励平台企业开展模式创新", "model innovation"),
    ("赋能制造业转型升级", "manufacturing upgrade"),
    ("推动农业数字化转型", "digital agriculture"),
    ("提升平台消费创造能力", "consumption"),
    ("加强统筹协调", "overall coordination"),
    ("强化政策保障", "policy support"),
    ("开展试点探索", "pilots"),
];

/// One clause of the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Clause number (`seed:9` → 9).
    pub number: usize,
    /// The number in full-width brackets, e.g. `（九）`.
    pub label: String,
    /// Chinese heading.
    pub heading_zh: &'static str,
    /// English gist of the heading.
    pub heading_en: &'static str,
}

/// The clause a trace such as `seed:9` names, if it is a known clause.
pub fn clause(trace: &str) -> Option<Clause> {
    let number: usize = trace.strip_prefix("seed:")?.parse().ok()?;
    let (heading_zh, heading_en) = *CLAUSES.get(number.checked_sub(1)?)?;
    Some(Clause { number, label: format!("（{}）", chinese_numeral(number)), heading_zh, heading_en })
}

/// `9` → `九`, `13` → `十三`, `20` → `二十` (1 to 99).
fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    if tens > 1 {
        out.push_str(DIGITS[tens % 10]);
    }
    if tens > 0 {
        out.push('十');
    }
    out.push_str(DIGITS[ones]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_labelled_as_in_the_policy() {
        for (trace, label, heading) in [
            ("seed:2", "（二）", "健全制度规范"),
            ("seed:9", "（九）", "建立有序开放的平台生态"),
            ("seed:10", "（十）", "加强新就业形态劳动者权益保障"),
            ("seed:13", "（十三）", "鼓励平台企业开展模式创新"),
            ("seed:19", "（十九）", "开展试点探索"),
        ] {
            let c = clause(trace).unwrap();
            assert_eq!((c.label.as_str(), c.heading_zh), (label, heading), "{trace}");
        }
        assert_eq!(clause("seed:0"), None);
        assert_eq!(clause("seed:20"), None);
        assert_eq!(clause("RFC 8615"), None);
    }

    #[test]
    fn every_registry_trace_names_a_known_clause() {
        for r in opis_spec::Registry::embedded().all() {
            for p in &r.traces.policy {
                assert!(clause(p).is_some(), "{}: unknown policy clause {p}", r.id);
            }
        }
    }
}
