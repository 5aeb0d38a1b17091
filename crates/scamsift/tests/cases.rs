//! Runs the shared data-driven cases in `tests/data/cases.toml` (also run by the Python suite).

use scamsift::{Classifier, Label};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    verdict: Option<Label>,
    #[serde(default)]
    flagged: bool,
    family: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
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
            if v.verdict != want {
                problems.push(format!("verdict {} (want {want})", v.verdict));
            }
        }
        if case.flagged && !v.is_flagged() {
            problems.push(format!("verdict {} (want flagged)", v.verdict));
        }
        if let Some(f) = &case.family {
            if v.family.as_deref() != Some(f.as_str()) {
                problems.push(format!("family {:?} (want {f})", v.family));
            }
        }
        for cat in &case.categories {
            if !v.hits.iter().any(|h| &*h.category == cat) {
                problems.push(format!("no hit in category {cat}"));
            }
        }
        for r in &case.rules {
            if !v.hits.iter().any(|h| &*h.rule == r) {
                problems.push(format!("rule {r} did not fire"));
            }
        }
        if !problems.is_empty() {
            let fired: Vec<&str> = v.hits.iter().map(|h| &*h.rule).collect();
            failures.push(format!(
                "{}: {} [score {:.2}, hits {fired:?}]",
                case.name,
                problems.join("; "),
                v.score
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
