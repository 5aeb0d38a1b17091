//! `scamsift eval`: detection measured on labelled corpora, with obfuscated re-runs and a baseline
//! that must never get worse.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use scamsift::Label;
use serde::Deserialize;

use crate::PackArgs;

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// Folder of labelled JSONL files ({id, text, label, source, lang}).
    #[arg(long, default_value = "../shared/corpora")]
    corpus: PathBuf,
    /// Also re-run the positives obfuscated (homoglyphs, zero-width, spaced letters, separators,
    /// leetspeak, fullwidth, mathematical letters) and report the recall that survives.
    #[arg(long)]
    perturb: bool,
    /// Where to write the markdown report.
    #[arg(long, default_value = "eval-report.md")]
    report: PathBuf,
    /// Fail (exit 1) if any figure is worse than in this baseline file.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Write the figures to this baseline file (do it only when detection improved).
    #[arg(long)]
    write_baseline: Option<PathBuf>,
    /// Print the misclassified records of these labels (missed positives, flagged negatives).
    #[arg(long, value_delimiter = ',')]
    show_errors: Vec<String>,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    id: String,
    text: String,
    label: String,
    #[serde(default)]
    source: String,
}

const POSITIVE: &[&str] = &["recruitment_lure", "investment_scam", "job_fraud"];
const NEGATIVE: &[&str] = &[
    "benign",
    "marketing",
    "legit_job_ad",
    "crypto_news",
    "scam_warning",
];

/// Target per figure: (name, direction, threshold). Direction `true`: higher is better.
const TARGETS: &[(&str, bool, f64)] = &[
    ("recall.recruitment_lure", true, 0.90),
    ("recall.investment_scam", true, 0.85),
    ("flagged.legit_job_ad", false, 0.01),
    ("flagged.crypto_news", false, 0.005),
    ("flagged.scam_warning", false, 0.02),
    ("flagged.benign", false, 0.001),
    ("flagged.marketing", false, 0.02),
    ("perturb.ratio", true, 0.95),
];

fn load(dir: &Path) -> Result<Vec<Labelled>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            format!(
                "{}: {e} (the corpora live in ../shared/corpora; pass --corpus)",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .jsonl files", dir.display()));
    }
    let mut out = Vec::new();
    for f in files {
        let file = std::fs::File::open(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| format!("{}: {e}", f.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: Labelled = serde_json::from_str(&line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), i + 1))?;
            out.push(rec);
        }
    }
    Ok(out)
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

pub(crate) fn run(args: &EvalArgs) -> Result<ExitCode, String> {
    let classifier = args.pack.build()?;
    let data = load(&args.corpus)?;
    let started = Instant::now();
    let texts: Vec<&str> = data.iter().map(|r| r.text.as_str()).collect();
    let verdicts = classifier.classify_batch(&texts);
    let secs = started.elapsed().as_secs_f64();
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut md = String::new();
    let _ = writeln!(md, "# scamsift evaluation\n");
    let packs: Vec<String> = classifier
        .packs()
        .iter()
        .map(|p| format!("{} {}", p.name, p.version))
        .collect();
    let _ = writeln!(
        md,
        "Corpus `{}`: {} records. Packs: {}. {} rules. Classified in {:.2} s.\n",
        args.corpus.display(),
        data.len(),
        packs.join(", "),
        classifier.rules().len(),
        secs
    );
    let _ = writeln!(md, "\"Flagged\" means a verdict other than `clean` (suspicious at risk ≥ {:.2}, scam at risk ≥ {:.2}).\n", classifier.thresholds().suspicious, classifier.thresholds().scam);

    // Per label.
    let mut by_label: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // n, flagged, scam
    let mut by_source: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    let mut confusion: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for (r, v) in data.iter().zip(&verdicts) {
        let e = by_label.entry(&r.label).or_default();
        e.0 += 1;
        e.1 += usize::from(v.is_flagged());
        e.2 += usize::from(v.label() == Label::Scam);
        let s = by_source.entry((&r.label, &r.source)).or_default();
        s.0 += 1;
        s.1 += usize::from(v.is_flagged());
        if POSITIVE.contains(&r.label.as_str()) {
            let fam = if v.is_flagged() {
                v.family().unwrap_or("-").to_owned()
            } else {
                "(clean)".to_owned()
            };
            *confusion
                .entry(&r.label)
                .or_default()
                .entry(fam)
                .or_default() += 1;
        }
    }
    let _ = writeln!(md, "## Detection by label\n\n| label | role | records | flagged | scam | rate |\n|---|---|---:|---:|---:|---:|");
    for (label, (n, f, s)) in &by_label {
        let role = if POSITIVE.contains(label) {
            "positive: recall"
        } else if NEGATIVE.contains(label) {
            "negative: flag rate"
        } else {
            "neutral"
        };
        let _ = writeln!(
            md,
            "| {label} | {role} | {n} | {f} | {s} | {:.2} % |",
            100.0 * pct(*f, *n)
        );
        let key = if POSITIVE.contains(label) {
            format!("recall.{label}")
        } else {
            format!("flagged.{label}")
        };
        figures.insert(key, pct(*f, *n));
    }
    let _ = writeln!(md, "\n## Flag rate by source (negative and neutral labels)\n\n| label | source | records | flagged | rate |\n|---|---|---:|---:|---:|");
    for ((label, source), (n, f)) in &by_source {
        if POSITIVE.contains(label) {
            continue;
        }
        let _ = writeln!(
            md,
            "| {label} | {source} | {n} | {f} | {:.2} % |",
            100.0 * pct(*f, *n)
        );
    }
    let _ = writeln!(md, "\n## Family confusion (positives: top family when flagged)\n\n| label | family | records |\n|---|---|---:|");
    for (label, fams) in &confusion {
        for (fam, n) in fams {
            let _ = writeln!(md, "| {label} | {fam} | {n} |");
        }
    }

    // Operating point: what other risk cut-offs would give.
    let _ = writeln!(md, "\n## Operating point\n\nRecall and flag rates if \"flagged\" meant risk ≥ the cut-off (the shipped cut-off is {:.2}).\n", classifier.thresholds().suspicious);
    let cuts = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    let labels: Vec<&str> = POSITIVE
        .iter()
        .chain(NEGATIVE)
        .copied()
        .filter(|l| by_label.contains_key(l))
        .collect();
    let _ = writeln!(
        md,
        "| cut-off | {} |\n|---|{}",
        labels.join(" | "),
        "---:|".repeat(labels.len())
    );
    for cut in cuts {
        let row: Vec<String> = labels
            .iter()
            .map(|l| {
                let (n, f) = data
                    .iter()
                    .zip(&verdicts)
                    .filter(|(r, _)| r.label == *l)
                    .fold((0, 0), |(n, f), (_, v)| {
                        (n + 1, f + usize::from(v.score() >= cut))
                    });
                format!("{:.2} %", 100.0 * pct(f, n))
            })
            .collect();
        let _ = writeln!(md, "| {cut:.1} | {} |", row.join(" | "));
    }

    // Obfuscation.
    if args.perturb {
        let positives: Vec<(usize, &Labelled)> = data
            .iter()
            .enumerate()
            .filter(|(_, r)| r.label == "recruitment_lure" || r.label == "investment_scam")
            .collect();
        let clean_hits = positives
            .iter()
            .filter(|(i, _)| verdicts[*i].is_flagged())
            .count();
        let _ = writeln!(md, "\n## Obfuscation (recruitment_lure + investment_scam, {} texts)\n\n| transform | recall | / clean recall |\n|---|---:|---:|\n| none | {:.2} % | 1.000 |", positives.len(), 100.0 * pct(clean_hits, positives.len()));
        let mut worst: f64 = 1.0;
        for t in Transform::ALL {
            let perturbed: Vec<String> = positives
                .iter()
                .map(|(_, r)| perturb(&r.text, &r.id, *t))
                .collect();
            let pv = classifier.classify_batch(&perturbed);
            let hits = pv.iter().filter(|v| v.is_flagged()).count();
            let ratio = if clean_hits == 0 {
                0.0
            } else {
                hits as f64 / clean_hits as f64
            };
            worst = worst.min(ratio);
            figures.insert(format!("perturb.{}", t.name()), ratio);
            let _ = writeln!(
                md,
                "| {} | {:.2} % | {:.3} |",
                t.name(),
                100.0 * pct(hits, positives.len()),
                ratio
            );
            if args.show_errors.iter().any(|s| s == "perturb") {
                for ((_, r), v) in positives.iter().zip(&pv) {
                    if verdicts[data.iter().position(|d| d.id == r.id).unwrap_or(0)].is_flagged()
                        && !v.is_flagged()
                    {
                        println!(
                            "perturb {} lost {}: {}",
                            t.name(),
                            r.id,
                            perturb(&r.text, &r.id, *t)
                        );
                    }
                }
            }
        }
        figures.insert("perturb.ratio".into(), worst);
        let _ = writeln!(md, "\nWorst ratio: **{worst:.3}**.");
    }

    // Targets.
    let _ = writeln!(
        md,
        "\n## Targets\n\n| figure | measured | target | met |\n|---|---:|---:|---|"
    );
    let mut summary = String::new();
    for (name, higher, target) in TARGETS {
        if let Some(v) = figures.get(*name) {
            let met = if *higher {
                *v >= *target
            } else {
                *v <= *target
            };
            let _ = writeln!(
                md,
                "| {name} | {:.2} % | {} {:.2} % | {} |",
                100.0 * v,
                if *higher { "≥" } else { "≤" },
                100.0 * target,
                if met { "yes" } else { "**no**" }
            );
            let _ = writeln!(
                summary,
                "  {:<28} {:>8.2} %   target {} {:.2} %   {}",
                name,
                100.0 * v,
                if *higher { "≥" } else { "≤" },
                100.0 * target,
                if met { "met" } else { "NOT MET" }
            );
        }
    }
    if let Some(v) = figures.get("recall.job_fraud") {
        let _ = writeln!(
            summary,
            "  {:<28} {:>8.2} %   (secondary, reported)",
            "recall.job_fraud",
            100.0 * v
        );
    }
    std::fs::write(&args.report, &md).map_err(|e| format!("{}: {e}", args.report.display()))?;

    // Console output.
    println!(
        "{}",
        md.split("\n## Operating point")
            .next()
            .unwrap_or(&md)
            .trim_end()
    );
    if args.perturb {
        if let Some(section) = md.split("\n## Obfuscation").nth(1) {
            println!(
                "\n## Obfuscation{}",
                section
                    .split("\n## Targets")
                    .next()
                    .unwrap_or(section)
                    .trim_end()
            );
        }
    }
    println!("\nTargets:\n{summary}");
    println!("Report written to {}", args.report.display());

    for label in &args.show_errors {
        for (r, v) in data.iter().zip(&verdicts) {
            if &r.label != label {
                continue;
            }
            let wrong = if POSITIVE.contains(&label.as_str()) {
                !v.is_flagged()
            } else {
                v.is_flagged()
            };
            if wrong {
                let rules: Vec<&str> = v.hits().map(|h| h.rule_id()).collect();
                println!(
                    "{} [{}] {} {:.2} {:?}: {}",
                    label,
                    r.source,
                    r.id,
                    v.score(),
                    rules,
                    r.text
                        .chars()
                        .take(300)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }

    let mut code = ExitCode::SUCCESS;
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let base: BTreeMap<String, f64> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut worse = Vec::new();
        for (name, b) in &base {
            let Some(v) = figures.get(name) else { continue };
            let higher = name.starts_with("recall.") || name.starts_with("perturb.");
            // The baseline is rounded to 4 decimals: allow half a unit of rounding.
            let regressed = if higher {
                *v + 5e-5 < *b
            } else {
                *v > *b + 5e-5
            };
            if regressed {
                worse.push(format!("{name}: {:.4} → {:.4}", b, v));
            }
        }
        if worse.is_empty() {
            println!("Baseline {}: no figure got worse.", path.display());
        } else {
            println!(
                "Baseline {}: detection regressed:\n  {}",
                path.display(),
                worse.join("\n  ")
            );
            code = ExitCode::from(1);
        }
    }
    if let Some(path) = &args.write_baseline {
        // Neutral labels (other fraud, unclear) are reported but not guarded; crypto_forum is watched.
        let guarded = |k: &str| {
            k.starts_with("recall.")
                || k.starts_with("perturb.")
                || NEGATIVE
                    .iter()
                    .chain(&["crypto_forum"])
                    .any(|l| k == format!("flagged.{l}"))
        };
        let rounded: BTreeMap<&String, f64> = figures
            .iter()
            .filter(|(k, _)| guarded(k))
            .map(|(k, v)| (k, (v * 10_000.0).round() / 10_000.0))
            .collect();
        let json = serde_json::to_string_pretty(&rounded).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
        println!("Baseline written to {}", path.display());
    }
    Ok(code)
}

/// Obfuscations an evader applies to get past keyword filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transform {
    Homoglyph,
    ZeroWidth,
    SpacedLetters,
    Separators,
    Leetspeak,
    Fullwidth,
    MathLetters,
    Mixed,
}

impl Transform {
    pub(crate) const ALL: &'static [Transform] = &[
        Transform::Homoglyph,
        Transform::ZeroWidth,
        Transform::SpacedLetters,
        Transform::Separators,
        Transform::Leetspeak,
        Transform::Fullwidth,
        Transform::MathLetters,
        Transform::Mixed,
    ];

    fn name(self) -> &'static str {
        match self {
            Transform::Homoglyph => "homoglyph",
            Transform::ZeroWidth => "zero_width",
            Transform::SpacedLetters => "spaced_letters",
            Transform::Separators => "separators",
            Transform::Leetspeak => "leetspeak",
            Transform::Fullwidth => "fullwidth",
            Transform::MathLetters => "math_letters",
            Transform::Mixed => "mixed",
        }
    }
}

/// A small deterministic generator (xorshift), seeded per text so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn new(seed: &str, salt: u64) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'A' => 'А',
        'E' => 'Е',
        'O' => 'О',
        'T' => 'Т',
        'H' => 'Н',
        'M' => 'М',
        'K' => 'К',
        _ => return None,
    })
}

fn leet(c: char) -> Option<char> {
    Some(match c.to_ascii_lowercase() {
        'a' => '4',
        'e' => '3',
        'o' => '0',
        's' => '$',
        'i' => '1',
        't' => '7',
        _ => return None,
    })
}

fn math_bold(c: char) -> char {
    match c {
        'A'..='Z' => char::from_u32(0x1D400 + (c as u32 - 'A' as u32)).unwrap_or(c),
        'a'..='z' => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)).unwrap_or(c),
        _ => c,
    }
}

fn fullwidth(c: char) -> char {
    if c.is_ascii_graphic() {
        char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
    } else {
        c
    }
}

/// Applies `t` to `text` word by word, the way an evader would: not every word, not every letter.
pub(crate) fn perturb(text: &str, seed: &str, t: Transform) -> String {
    let mut rng = Rng::new(seed, t as u64 + 1);
    let mut out = String::with_capacity(text.len() * 2);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let t = if t == Transform::Mixed {
            Transform::ALL[(rng.next() % 7) as usize]
        } else {
            t
        };
        let letters = word.chars().filter(char::is_ascii_alphabetic).count();
        if letters < 3 {
            out.push_str(word);
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        match t {
            Transform::Homoglyph => out.extend(chars.iter().map(|&c| {
                if rng.chance(0.5) {
                    homoglyph(c).unwrap_or(c)
                } else {
                    c
                }
            })),
            Transform::ZeroWidth => {
                for (k, &c) in chars.iter().enumerate() {
                    out.push(c);
                    if k + 1 < chars.len() && rng.chance(0.3) {
                        out.push('\u{200B}');
                    }
                }
            }
            Transform::SpacedLetters | Transform::Separators => {
                let sep = if t == Transform::SpacedLetters {
                    ' '
                } else {
                    ['.', '_', '-', '*'][(rng.next() % 4) as usize]
                };
                if chars.iter().all(char::is_ascii_alphabetic)
                    && chars.len() >= 4
                    && rng.chance(0.5)
                {
                    for (k, &c) in chars.iter().enumerate() {
                        if k > 0 {
                            out.push(sep);
                        }
                        out.push(c);
                    }
                } else {
                    out.push_str(word);
                }
            }
            Transform::Leetspeak => {
                for (k, &c) in chars.iter().enumerate() {
                    let interior = k > 0
                        && k + 1 < chars.len()
                        && chars[k - 1].is_ascii_alphabetic()
                        && chars[k + 1].is_ascii_alphabetic();
                    out.push(if interior && rng.chance(0.4) {
                        leet(c).unwrap_or(c)
                    } else {
                        c
                    });
                }
            }
            Transform::Fullwidth => {
                out.extend(
                    chars
                        .iter()
                        .map(|&c| if rng.chance(0.7) { fullwidth(c) } else { c }),
                )
            }
            Transform::MathLetters => {
                out.extend(
                    chars
                        .iter()
                        .map(|&c| if rng.chance(0.7) { math_bold(c) } else { c }),
                )
            }
            Transform::Mixed => out.push_str(word),
        }
    }
    out
}
