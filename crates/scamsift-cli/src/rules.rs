//! `scamsift rules …`: tools for pack authors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use scamsift::Classifier;

use crate::PackArgs;

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// List every rule: id, category, family, weight, languages.
    List {
        #[command(flatten)]
        pack: PackArgs,
    },
    /// Show one rule or combination in full.
    Show {
        /// Rule or combination id.
        id: String,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// Run every rule's and combination's examples; report failures by id. Exit 1 on any failure.
    Test {
        /// Packs to test (default: the built-in pack). They are compiled with the built-in pack unless --no-builtin.
        packs: Vec<PathBuf>,
        /// Compile the given packs alone.
        #[arg(long)]
        no_builtin: bool,
    },
    /// Print the markdown reference of every category, rule and combination (docs/rules.md).
    Doc {
        #[command(flatten)]
        pack: PackArgs,
    },
    /// Report problems: rules without examples, patterns that can never match after normalisation,
    /// regexes that run on every text. Exit 1 on any error-level finding.
    Lint {
        /// Packs to lint (default: the built-in pack).
        packs: Vec<PathBuf>,
        /// Compile the given packs alone.
        #[arg(long)]
        no_builtin: bool,
    },
}

pub(crate) fn run(cmd: &RulesCommand) -> Result<ExitCode, String> {
    match cmd {
        RulesCommand::List { pack } => {
            let c = pack.build()?;
            println!(
                "{:<44} {:<30} {:<17} {:>6}  languages",
                "id", "category", "family", "weight"
            );
            for r in c.rules() {
                println!(
                    "{:<44} {:<30} {:<17} {:>6.2}  {}",
                    r.id,
                    r.category,
                    r.family,
                    r.weight,
                    r.languages.join(",")
                );
            }
            let (patterns, regexes) = c.pattern_counts();
            eprintln!("{} rules, {} combinations, {} categories; {patterns} automaton patterns, {regexes} regexes", c.rules().len(), c.combinations().count(), c.categories().len());
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Show { id, pack } => {
            let c = pack.build()?;
            if let Some(r) = c.rule(id) {
                println!(
                    "{}",
                    serde_json::to_string_pretty(r).map_err(|e| e.to_string())?
                );
            } else if let Some(k) = c.combinations().find(|k| &*k.id == id.as_str()) {
                println!(
                    "{}",
                    serde_json::to_string_pretty(k).map_err(|e| e.to_string())?
                );
            } else {
                return Err(format!("no rule or combination `{id}`"));
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Doc { pack } => {
            print!("{}", doc(&pack.build()?));
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Test { packs, no_builtin } => {
            let c = build(packs, *no_builtin)?;
            let only: Option<Vec<String>> = (!packs.is_empty()).then(|| origins(&c, packs));
            let failures: Vec<_> = c
                .check_examples()
                .into_iter()
                .filter(|f| {
                    only.as_ref()
                        .is_none_or(|o| o.iter().any(|p| f.origin.starts_with(p.as_str())))
                })
                .collect();
            let tested = c
                .rules()
                .iter()
                .filter(|r| {
                    only.as_ref()
                        .is_none_or(|o| o.iter().any(|p| r.origin.starts_with(p.as_str())))
                })
                .count();
            for f in &failures {
                println!(
                    "FAIL {} ({}): {} {:?}",
                    f.id,
                    f.origin,
                    if f.expected_to_fire {
                        "did not fire on positive example"
                    } else {
                        "fired on negative example"
                    },
                    f.text
                );
            }
            println!(
                "{} passed, {} failed",
                tested + c.combinations().count()
                    - failures
                        .iter()
                        .map(|f| &f.id)
                        .collect::<std::collections::HashSet<_>>()
                        .len(),
                failures.len()
            );
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        RulesCommand::Lint { packs, no_builtin } => {
            let c = build(packs, *no_builtin)?;
            let findings = lint(&c);
            let errors = findings.iter().filter(|f| f.0).count();
            for (is_err, msg) in &findings {
                println!("{}: {msg}", if *is_err { "error" } else { "warning" });
            }
            println!(
                "{} rules checked: {errors} errors, {} warnings",
                c.rules().len(),
                findings.len() - errors
            );
            Ok(if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn build(packs: &[PathBuf], no_builtin: bool) -> Result<Classifier, String> {
    PackArgs::with_default_limits(packs.to_vec(), no_builtin).build()
}

fn origins(_c: &Classifier, packs: &[PathBuf]) -> Vec<String> {
    packs.iter().map(|p| p.display().to_string()).collect()
}

/// Lint findings as (is_error, message).
pub(crate) fn lint(c: &Classifier) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for r in c.rules() {
        let at = format!("{}:{}: rule `{}`", r.origin, r.line, r.id);
        if r.examples.positive.is_empty() {
            out.push((
                true,
                format!("{at}: no positive example (examples.positive)"),
            ));
        }
        if r.examples.negative.is_empty() {
            out.push((
                true,
                format!("{at}: no negative example (examples.negative)"),
            ));
        }
        for (field, doc) in [
            ("what", &r.what),
            ("why", &r.why),
            ("false_positives", &r.false_positives),
        ] {
            if doc.trim().is_empty() {
                out.push((false, format!("{at}: the rule documents no `{field}`")));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, p) in r.phrases.iter().enumerate() {
            let n = c.normalize(p.trim_matches('*'));
            if n.trim().is_empty() {
                out.push((
                    true,
                    format!("{at}, phrases[{i}]: normalises to nothing and can never match"),
                ));
            }
            if !seen.insert(n.clone()) {
                out.push((false, format!("{at}, phrases[{i}]: duplicate of another phrase after normalisation (`{n}`)")));
            }
        }
        for (i, re) in r.regexes.iter().enumerate() {
            for (ch, n) in unnormal_literals(c, re) {
                out.push((true, format!("{at}, regexes[{i}]: `{ch}` can never match: the normalised text has `{n}` there")));
            }
        }
    }
    for id in c.unprefixed_regex_rules() {
        if let Some(r) = c.rule(id) {
            out.push((false, format!("{}:{}: rule `{id}`: a regex has no literal prefix, so it runs on every text (slower); start it with a literal", r.origin, r.line)));
        }
    }
    for k in c.combinations() {
        if k.examples.positive.is_empty() || k.examples.negative.is_empty() {
            out.push((
                false,
                format!(
                    "{}: combination `{}`: needs positive and negative examples",
                    k.origin, k.id
                ),
            ));
        }
    }
    out
}

/// Literal chars of a regex that the normaliser would change (upper case, fullwidth, diacritics…).
fn unnormal_literals(c: &Classifier, re: &str) -> Vec<(char, String)> {
    let mut out = Vec::new();
    let mut chars = re.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            match chars.next() {
                Some('p' | 'P') => {
                    if chars.peek() == Some(&'{') {
                        for n in chars.by_ref() {
                            if n == '}' {
                                break;
                            }
                        }
                    } else {
                        chars.next();
                    }
                }
                Some('x' | 'u' | 'U') if chars.peek() == Some(&'{') => {
                    for n in chars.by_ref() {
                        if n == '}' {
                            break;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        if ch == '(' && chars.peek() == Some(&'?') {
            // Group flags like (?i) or (?P<name>…): skip to ':' or ')'.
            let mut name = false;
            while let Some(&n) = chars.peek() {
                if n == '<' {
                    name = true;
                }
                if n == ':' || n == ')' || (name && n == '>') {
                    chars.next();
                    break;
                }
                chars.next();
            }
            continue;
        }
        if ch.is_ascii_punctuation() || ch.is_ascii_digit() || ch.is_whitespace() {
            continue;
        }
        let s = ch.to_string();
        let n = c.normalize(&s);
        if n != s && !out.iter().any(|(c, _)| *c == ch) {
            out.push((ch, n));
        }
    }
    out
}

/// The markdown rule reference.
pub(crate) fn doc(c: &Classifier) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let packs: Vec<String> = c
        .packs()
        .iter()
        .map(|p| format!("{} {}", p.name, p.version))
        .collect();
    let _ = writeln!(s, "# Rule reference\n\nGenerated by `scamsift rules doc > docs/rules.md` from {}. Do not edit by hand.\n", packs.join(", "));
    let _ = writeln!(s, "{} rules, {} combinations, {} categories. Weights are evidence points (see `docs/pack-format.md`); negative weights are counter-evidence.\n", c.rules().len(), c.combinations().count(), c.categories().len());
    let _ = writeln!(
        s,
        "| category | family | rules | description |\n|---|---|---:|---|"
    );
    for cat in c.categories() {
        let n = c.rules().iter().filter(|r| r.category == cat.id).count();
        let _ = writeln!(
            s,
            "| [`{}`](#{}) | {} | {n} | {} |",
            cat.id,
            cat.id,
            cat.family,
            cat.description.replace('|', "\\|")
        );
    }
    for cat in c.categories() {
        let _ = writeln!(
            s,
            "\n## {}\n\nFamily: `{}`. {}\n",
            cat.id, cat.family, cat.description
        );
        for r in c.rules().iter().filter(|r| r.category == cat.id) {
            let _ = writeln!(
                s,
                "### `{}`\n\nWeight {:+.2} · languages: {} · {} phrases, {} regexes · `{}:{}`\n",
                r.id,
                r.weight,
                r.languages.join(", "),
                r.phrases.len(),
                r.regexes.len(),
                r.origin,
                r.line
            );
            for (label, doc) in [
                ("What", &r.what),
                ("Why", &r.why),
                ("False positives", &r.false_positives),
            ] {
                if !doc.is_empty() {
                    let _ = writeln!(s, "- {label}: {doc}");
                }
            }
            if let Some(kind) = r.entity {
                let _ = writeln!(s, "- Fires on a `{kind}` entity that meets its condition.");
            }
            if let Some(p) = r.examples.positive.first() {
                let _ = writeln!(s, "- Fires on: “{}”", p.replace('\n', " "));
            }
            if let Some(n) = r.examples.negative.first() {
                let _ = writeln!(s, "- Silent on: “{}”", n.replace('\n', " "));
            }
            let _ = writeln!(s);
        }
    }
    let _ = writeln!(s, "## Combinations\n\n| id | family | weight | all of | any of | at least | within | description |\n|---|---|---:|---|---|---|---:|---|");
    for k in c.combinations() {
        let at_least = if k.at_least > 0 {
            format!("{} of {}", k.at_least, k.of.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {:+.2} | {} | {} | {at_least} | {} | {} |",
            k.id,
            k.family,
            k.weight,
            k.all_of.join(", "),
            k.any_of.join(", "),
            k.within.map(|w| w.to_string()).unwrap_or_default(),
            k.description.replace('|', "\\|").replace('\n', " ")
        );
    }
    s
}
