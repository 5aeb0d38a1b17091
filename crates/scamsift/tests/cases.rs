//! Runs the shared data-driven cases in `tests/data/cases.toml` (also run by the Python suite).

use scamsift::{Classifier, Label};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    lang: Option<String>,
    text: String,
    verdict: Option<Label>,
    #[serde(default)]
    flagged: bool,
    family: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    /// `[rule id, matched text]`: a hit of that rule on exactly that span of the text.
    #[serde(default)]
    spans: Vec<(String, String)>,
    /// Entities that must be found: `kind` and `text`, plus any value fields that must match.
    #[serde(default)]
    entities: Vec<toml::Table>,
    /// Entity kinds that must not be found at all (near misses).
    #[serde(default)]
    no_entities: Vec<String>,
}

/// Does a JSON value equal a TOML one (numbers compared to 1e-6 relative)?
fn same(j: &serde_json::Value, t: &toml::Value) -> bool {
    match (j, t) {
        (serde_json::Value::String(a), toml::Value::String(b)) => a == b,
        (serde_json::Value::Bool(a), toml::Value::Boolean(b)) => a == b,
        (serde_json::Value::Number(a), toml::Value::Integer(b)) => a
            .as_f64()
            .is_some_and(|a| (a - *b as f64).abs() <= 1e-6 * a.abs().max(1.0)),
        (serde_json::Value::Number(a), toml::Value::Float(b)) => a
            .as_f64()
            .is_some_and(|a| (a - b).abs() <= 1e-6 * a.abs().max(1.0)),
        _ => false,
    }
}

#[test]
fn shared_cases() {
    let cases: Cases =
        toml::from_str(include_str!("../../../tests/data/cases.toml")).expect("cases.toml parses");
    let c = Classifier::builtin();
    let mut failures = Vec::new();
    for case in &cases.case {
        let v = c.classify(&case.text);
        let mut problems = Vec::new();
        if let Some(want) = case.verdict {
            if v.label() != want {
                problems.push(format!("verdict {} (want {want})", v.label()));
            }
        }
        if case.flagged && !v.is_flagged() {
            problems.push(format!("verdict {} (want flagged)", v.label()));
        }
        if let Some(f) = &case.family {
            if v.family() != Some(f.as_str()) {
                problems.push(format!("family {:?} (want {f})", v.family()));
            }
        }
        for cat in &case.categories {
            if !v.hits().any(|h| h.category() == cat) {
                problems.push(format!("no hit in category {cat}"));
            }
        }
        for r in &case.rules {
            if !v.hits().any(|h| h.rule_id() == r) {
                problems.push(format!("rule {r} did not fire"));
            }
        }
        for (rule, span) in &case.spans {
            if !v
                .hits()
                .any(|h| h.rule_id() == rule && h.text(&case.text) == span)
            {
                problems.push(format!("no hit of {rule} on {span:?}"));
            }
        }
        let record = serde_json::to_value(v.record(&case.text)).unwrap();
        let found = record["entities"].as_array().cloned().unwrap_or_default();
        for want in &case.entities {
            let ok = found.iter().any(|e| {
                want.iter()
                    .all(|(k, t)| e.get(k.as_str()).is_some_and(|j| same(j, t)))
            });
            if !ok {
                problems.push(format!("no entity {want:?} among {found:?}"));
            }
        }
        for kind in &case.no_entities {
            if found.iter().any(|e| e["kind"] == kind.as_str()) {
                problems.push(format!("an unexpected {kind} entity among {found:?}"));
            }
        }
        if !problems.is_empty() {
            let fired: Vec<&str> = v.hits().map(|h| h.rule_id()).collect();
            failures.push(format!(
                "{}: {} [score {:.2}, hits {fired:?}]",
                case.name,
                problems.join("; "),
                v.score()
            ));
        }
    }
    assert!(cases.case.len() >= 20);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}
