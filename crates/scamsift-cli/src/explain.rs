//! `scamsift explain`: a readable account of one verdict.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;

use clap::Args;
use scamsift::{risk, Classifier, Verdict};

use crate::output::{hit_spans, Style};
use crate::PackArgs;

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The text to explain, or `-` to read it from stdin.
    text: String,
    /// Print the full verdict as JSON instead.
    #[arg(long)]
    json: bool,
    /// Print only the normalised text the rules are matched against (what a pack's regexes must be
    /// written for).
    #[arg(long, conflicts_with = "json")]
    normalized: bool,
    #[command(flatten)]
    pack: PackArgs,
}

pub(crate) fn run(args: &ExplainArgs) -> Result<ExitCode, String> {
    let classifier = args.pack.build()?;
    let text = if args.text == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        s
    } else {
        args.text.clone()
    };
    if args.normalized {
        println!("{}", classifier.normalize(&text));
        return Ok(ExitCode::SUCCESS);
    }
    let v = classifier.classify(&text);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&v.record(&text).with_explanation(true))
                .map_err(|e| e.to_string())?
        );
    } else {
        print!(
            "{}",
            render(
                &classifier,
                &text,
                &v,
                Style::detect(io::stdout().is_terminal())
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The explanation as text.
pub(crate) fn render(classifier: &Classifier, text: &str, v: &Verdict, style: Style) -> String {
    let mut s = String::new();
    let fam = v.family().unwrap_or("none");
    let _ = writeln!(
        s,
        "{}  risk {:.2}  top family: {fam}{}",
        style.verdict(v.label()),
        v.score(),
        if v.truncated() {
            "  (text truncated)"
        } else {
            ""
        }
    );
    let _ = writeln!(s);
    if v.hits().len() == 0 {
        let _ = writeln!(s, "No indicator matched.");
    } else {
        let _ = writeln!(s, "{}", style.highlight(text, &hit_spans(v)));
        let _ = writeln!(s);
    }
    let (counter, evidence): (Vec<_>, Vec<_>) = v.hits().partition(|h| h.is_counter());
    if !evidence.is_empty() {
        let _ = writeln!(s, "{}", style.paint("1", "Indicators"));
        for h in &evidence {
            let r = h.rule();
            let _ = writeln!(
                s,
                "  {:+.2}  {}  [{} → {}]  bytes {}..{}: “{}”",
                h.weight(),
                h.rule_id(),
                h.category(),
                h.family(),
                h.start(),
                h.end(),
                h.text(text)
            );
            for (label, doc) in [
                ("What", &r.what),
                ("Why", &r.why),
                ("False positives", &r.false_positives),
            ] {
                if !doc.is_empty() {
                    let _ = writeln!(s, "          {label}: {doc}");
                }
            }
        }
        let _ = writeln!(s);
    }
    if v.combinations().len() > 0 {
        let _ = writeln!(s, "{}", style.paint("1", "Combinations"));
        for c in v.combinations() {
            let _ = writeln!(
                s,
                "  {:+.2}  {}  [{}]  {}",
                c.weight, c.id, c.family, c.description
            );
        }
        let _ = writeln!(s);
    }
    if !counter.is_empty() {
        let _ = writeln!(s, "{}", style.paint("1", "Counter-evidence"));
        for h in &counter {
            let _ = writeln!(
                s,
                "  {:+.2}  {}  [{}]: “{}” — {}",
                h.weight(),
                h.rule_id(),
                h.category(),
                h.text(text),
                h.rule().why
            );
        }
        let _ = writeln!(s);
    }
    if !v.entities().is_empty() {
        let _ = writeln!(s, "{}", style.paint("1", "Entities"));
        for e in v.entities() {
            let _ = writeln!(
                s,
                "  {:<8} bytes {}..{}: {}",
                e.kind().as_str(),
                e.start(),
                e.end(),
                e.describe(text)
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "{}", style.paint("1", "How the score was reached"));
    let t = classifier.thresholds();
    for (family, points) in v.points() {
        let mut parts: Vec<String> = v
            .evidence()
            .filter(|e| &*e.category().family == family || &*e.category().family == "*")
            .map(|e| {
                let rules: Vec<&str> = e.rules().map(|r| &*r.id).collect();
                format!(
                    "{} {:+.2} ({})",
                    e.category().id,
                    e.points(),
                    rules.join(", ")
                )
            })
            .collect();
        parts.extend(
            v.combinations()
                .filter(|c| &*c.family == family)
                .map(|c| format!("combination {} {:+.2}", c.id, c.weight)),
        );
        let _ = writeln!(
            s,
            "  {family}: {} = {points:.2} points → risk 1 − e^(−{points:.2}/3) = {:.2}",
            parts.join(" + "),
            risk(points)
        );
    }
    let _ = writeln!(
        s,
        "  verdict: scam at risk ≥ {:.2} with ≥ {} positive categories of the family; suspicious at risk ≥ {:.2}; else clean.",
        t.scam, t.scam_min_categories, t.suspicious
    );
    s
}
