//! The Rust half of `benches/compare.sh`: exports the shared patterns and inputs for the Python
//! contenders, then times the Rust contenders on the same inputs.
//!
//! Usage: `compare OUT_DIR` (env `BENCH_QUICK=1` for short runs). Writes `OUT_DIR/patterns.json`,
//! `OUT_DIR/inputs/{corpus}.json` (raw texts) and `{corpus}.lc.json` (lower-cased, for the baselines),
//! and one JSON object per measurement to `OUT_DIR/rust.jsonl`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
use scamsift::{Classifier, Limits};
use scamsift_benches::{
    all_phrases, ascii_word_boundaries, classifier_normalizer, classify_batch_count,
    classify_count, gen_document, patterns_json, total_bytes, Inputs, Rng,
};

type Check = (usize, usize);

struct Timer {
    min_secs: f64,
    runs: usize,
}

impl Timer {
    /// Seconds per pass (median of `runs` runs, each repeating the pass for at least `min_secs`) and the
    /// checksum, asserted equal on every pass.
    fn measure(&self, name: &str, mut pass: impl FnMut() -> Check) -> (f64, Check) {
        let expect = pass(); // warm-up and the reference result
        let mut per_pass = Vec::with_capacity(self.runs);
        for _ in 0..self.runs {
            let t = Instant::now();
            let mut n = 0u32;
            loop {
                let got = pass();
                assert_eq!(got, expect, "{name}: result changed between passes");
                n += 1;
                if t.elapsed().as_secs_f64() >= self.min_secs {
                    break;
                }
            }
            per_pass.push(t.elapsed().as_secs_f64() / f64::from(n));
        }
        per_pass.sort_by(f64::total_cmp);
        (per_pass[per_pass.len() / 2], expect)
    }
}

struct Out {
    file: std::fs::File,
}

impl Out {
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        corpus: &str,
        contender: &str,
        texts: usize,
        bytes: usize,
        secs: f64,
        check: Check,
        count_kind: &str,
        note: &str,
    ) {
        let v = serde_json::json!({
            "corpus": corpus, "contender": contender, "texts": texts, "bytes": bytes, "secs": secs,
            "count": check.0, "count2": check.1, "count_kind": count_kind, "note": note,
        });
        writeln!(self.file, "{v}").expect("write rust.jsonl");
        eprintln!(
            "  {corpus:<11} {contender:<26} {:>9.1} MB/s {:>11.0} texts/s  {count_kind} {} / {}",
            bytes as f64 / secs / 1e6,
            texts as f64 / secs,
            check.0,
            check.1
        );
    }
}

fn write_json(path: &Path, v: &serde_json::Value) {
    std::fs::write(path, serde_json::to_vec(v).expect("json")).expect("write json");
}

/// Each rule's phrases as one regex alternation (with `(?-u:\b)` where the engine checks a boundary),
/// then each of its regexes, rewritten like the engine does.
fn per_rule_regexes(c: &Classifier) -> Vec<Vec<Regex>> {
    let phrases = all_phrases(c);
    c.rules()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let alts: Vec<String> = phrases
                .iter()
                .filter(|p| p.rule == i)
                .map(|p| {
                    format!(
                        "{}{}{}",
                        if p.bound_start { r"(?-u:\b)" } else { "" },
                        regex::escape(&p.text),
                        if p.bound_end { r"(?-u:\b)" } else { "" }
                    )
                })
                .collect();
            let mut v = Vec::new();
            if !alts.is_empty() {
                v.push(Regex::new(&format!("(?:{})", alts.join("|"))).expect("phrase regex"));
            }
            for re in &r.regexes {
                v.push(
                    RegexBuilder::new(&ascii_word_boundaries(re))
                        .size_limit(1 << 22)
                        .build()
                        .expect("rule regex"),
                );
            }
            v
        })
        .collect()
}

fn main() {
    let out_dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: compare OUT_DIR (BENCH_QUICK=1 for a short run)"),
    );
    let quick = std::env::var("BENCH_QUICK").is_ok_and(|v| v == "1");
    let timer = Timer {
        min_secs: if quick { 0.1 } else { 0.4 },
        runs: if quick { 3 } else { 5 },
    };
    std::fs::create_dir_all(out_dir.join("inputs")).expect("create OUT_DIR");
    let mut out = Out {
        file: std::fs::File::create(out_dir.join("rust.jsonl")).expect("create rust.jsonl"),
    };

    // Building the built-in classifier (not the cached `builtin()`).
    let (build_secs, _) = timer.measure("build", || {
        let c = Classifier::builder().build().expect("built-in pack");
        (c.rules().len(), c.pattern_counts().0)
    });
    let c = Classifier::builder().build().expect("built-in pack");
    let (n_patterns, n_regexes) = c.pattern_counts();
    out.row(
        "build",
        "scamsift-build",
        1,
        0,
        build_secs,
        (c.rules().len(), n_patterns),
        "rules/patterns",
        &format!("Classifier::builder().build(); {n_regexes} regexes"),
    );

    let mut inputs = Inputs::load(&c, false);
    if quick {
        // An evenly spread eighth of each set keeps BENCH_QUICK under a minute.
        for v in [
            &mut inputs.sms,
            &mut inputs.jobs,
            &mut inputs.zh,
            &mut inputs.near_miss,
            &mut inputs.obfuscated,
        ] {
            *v = v.iter().step_by(8).cloned().collect();
        }
    }
    eprintln!("inputs: {}", inputs.describe());
    write_json(&out_dir.join("patterns.json"), &patterns_json(&c));
    let mut meta = serde_json::json!({ "describe": inputs.describe(), "origin": inputs.origin });

    // The bare automaton: every literal phrase, one DFA, over pre-lower-cased raw bytes.
    let phrase_texts: Vec<String> = all_phrases(&c).into_iter().map(|p| p.text).collect();
    let ac_dfa = |kind: MatchKind| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(kind)
            .build(&phrase_texts)
            .expect("automaton")
    };
    let ac_leftmost = ac_dfa(MatchKind::LeftmostFirst);
    let ac_standard = ac_dfa(MatchKind::Standard);
    let rule_res = per_rule_regexes(&c);
    let norm = classifier_normalizer(&c);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    meta["threads"] = threads.into();
    meta["phrases"] = phrase_texts.len().into();
    meta["regexes"] = c
        .rules()
        .iter()
        .map(|r| r.regexes.len())
        .sum::<usize>()
        .into();

    let sets: [(&str, &Vec<String>); 5] = [
        ("jobs", &inputs.jobs),
        ("sms", &inputs.sms),
        ("zh", &inputs.zh),
        ("near_miss", &inputs.near_miss),
        ("obfuscated", &inputs.obfuscated),
    ];
    for (name, texts) in sets {
        let lc: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
        write_json(
            &out_dir.join(format!("inputs/{name}.json")),
            &serde_json::json!(texts),
        );
        write_json(
            &out_dir.join(format!("inputs/{name}.lc.json")),
            &serde_json::json!(lc),
        );
        let (n, bytes, lc_bytes) = (texts.len(), total_bytes(texts), total_bytes(&lc));

        let (s, k) = timer.measure("ac leftmost", || {
            let m = lc.iter().map(|t| ac_leftmost.find_iter(t).count()).sum();
            (m, 0)
        });
        out.row(
            name,
            "bare-ac-dfa",
            n,
            lc_bytes,
            s,
            k,
            "matches",
            "AC DFA, LeftmostFirst, find_iter, phrases only, lower-cased raw",
        );
        let (s, k) = timer.measure("ac standard", || {
            let m = lc
                .iter()
                .map(|t| ac_standard.find_overlapping_iter(t).count())
                .sum();
            (m, 0)
        });
        out.row(
            name,
            "bare-ac-dfa-overlapping",
            n,
            lc_bytes,
            s,
            k,
            "matches",
            "AC DFA, Standard, find_overlapping_iter (what the core's automaton does)",
        );
        let (s, k) = timer.measure("classify", || classify_count(&c, texts));
        out.row(
            name,
            "scamsift-1t",
            n,
            bytes,
            s,
            k,
            "flagged/hits",
            "classify, full pipeline with explanations",
        );
        let (s, k) = timer.measure("classify_batch", || {
            pool.install(|| classify_batch_count(&c, texts))
        });
        out.row(
            name,
            &format!("scamsift-{threads}t"),
            n,
            bytes,
            s,
            k,
            "flagged/hits",
            "classify_batch in a rayon pool",
        );
        let (s, k) = timer.measure("normalize", || {
            (
                texts.iter().map(|t| norm.normalize(t).as_str().len()).sum(),
                0,
            )
        });
        out.row(
            name,
            "scamsift-normalize-1t",
            n,
            bytes,
            s,
            k,
            "out bytes",
            "Normalizer (with the pack vocabulary) alone",
        );
        let (s, k) = timer.measure("regex loop", || {
            let pairs = lc
                .iter()
                .map(|t| {
                    rule_res
                        .iter()
                        .filter(|res| res.iter().any(|re| re.is_match(t)))
                        .count()
                })
                .sum();
            (pairs, 0)
        });
        out.row(
            name,
            "regex-per-rule-1t",
            n,
            lc_bytes,
            s,
            k,
            "text-rule pairs",
            "regex crate, per rule: phrase alternation + each regex, is_match, lower-cased raw",
        );
    }

    // Linearity: one document, 1 MB vs 100 MB, same 1 MB block repeated.
    let big = Classifier::builder()
        .limits(Limits {
            max_input_bytes: 128 << 20,
            ..Default::default()
        })
        .build()
        .expect("built-in pack");
    let mut rng = Rng::new(50);
    let block = gen_document(
        1 << 20,
        &inputs.jobs,
        &inputs.near_miss,
        &inputs.obfuscated,
        &mut rng,
    );
    let lin_timer = Timer {
        min_secs: timer.min_secs,
        runs: if quick { 1 } else { 5 },
    };
    let big_size = if quick { 16usize << 20 } else { 100 << 20 };
    let big_label = if quick { "doc_16MB" } else { "doc_100MB" };
    for (label, size) in [("doc_1MB", 1usize << 20), (big_label, big_size)] {
        let mut doc = String::with_capacity(size + block.len());
        while doc.len() < size {
            doc.push_str(&block);
        }
        let (s, k) = lin_timer.measure(label, || {
            let v = big.classify(&doc);
            assert!(!v.truncated());
            // Bound first: the hits iterator borrows `v`, which the tail expression would outlive.
            let hits = v.hits().len();
            (usize::from(v.is_flagged()), hits)
        });
        out.row(
            label,
            "scamsift-1t",
            1,
            doc.len(),
            s,
            k,
            "flagged/hits",
            "one document, max_input_bytes = 128 MiB",
        );
    }
    write_json(&out_dir.join("meta.json"), &meta);
}
