//! Shared inputs and helpers for the scamsift benchmarks (`benches/scamsift.rs`) and the contender
//! comparison (`src/bin/compare.rs`, driven by `benches/compare.sh`).
//!
//! Real inputs come from the evaluation corpora (`../shared/corpora` next to the workspace root, or
//! `$SCAMSIFT_CORPORA`); they are read at run time and never copied. When the corpora are absent every
//! input is generated, and [`Inputs::origin`] says so.

use std::path::PathBuf;

use scamsift::normalize::Normalizer;
use scamsift::Classifier;

/// Short SMS-length messages.
pub const SMS_FILES: &[&str] = &["super_sms_legacy", "uci_sms", "super_sms_latest"];
/// Long job ads.
pub const JOB_FILES: &[&str] = &["jobs_us", "jobs_india", "jobstreet"];
/// Chinese operator, bank and marketing SMS.
pub const ZH_FILES: &[&str] = &["telecom_fraud_texts_normal"];

/// The corpora directory, when it exists: `$SCAMSIFT_CORPORA`, else `../shared/corpora` relative to the
/// workspace root.
pub fn corpora_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SCAMSIFT_CORPORA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora"),
    };
    dir.is_dir().then_some(dir)
}

/// The `text` field of every record of the given JSONL corpora, or `None` when one is missing.
pub fn load_corpus(files: &[&str]) -> Option<Vec<String>> {
    let dir = corpora_dir()?;
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(dir.join(format!("{f}.jsonl"))).ok()?;
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                out.push(t.to_owned());
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A small deterministic generator (xorshift64*), so generated inputs are the same on every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// One string of a non-empty slice.
    pub fn pick_str<'a, S: AsRef<str>>(&mut self, xs: &'a [S]) -> &'a str {
        xs[self.below(xs.len())].as_ref()
    }
}

const BENIGN: &[&str] = &[
    "See you at lunch tomorrow?",
    "Ok, I'll call you when I get home",
    "Your parcel is out for delivery today between 9am and 1pm",
    "Happy birthday! Hope you have a lovely day",
    "Running 10 mins late, sorry, traffic on the highway",
    "Can you pick up milk and bread on the way back",
    "Meeting moved to 3pm, same room",
    "Thanks for dinner last night, it was great",
];
const SCAMMY: &[&str] = &[
    "Hiring now! Earn $500/day, no experience. Interview on Telegram only: t.me/hr_jobs_88",
    "Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy",
    "Hi, is this Anna? Sorry wrong number. By the way, my uncle is a crypto mentor, I made 30% profit last week",
    "Simple online task: like videos and get paid daily. Prepaid tasks pay 30% commission. WhatsApp +60123456789",
    "To withdraw your USDT profit you need to pay the 15% tax first",
];
const JOB_SENTENCES: &[&str] = &[
    "We are looking for a Senior Data Engineer to design, build and maintain scalable data pipelines.",
    "You will collaborate with product managers, analysts and software engineers across the organisation.",
    "Requirements: 5+ years of experience with Python, SQL and distributed systems such as Spark or Flink.",
    "Experience with cloud platforms (AWS, GCP or Azure) and infrastructure as code is a strong plus.",
    "We offer a competitive salary, health insurance, a pension plan and 25 days of paid leave.",
    "The role is hybrid: two days a week in our downtown office, the rest remote.",
    "Please apply through our careers page with your CV and a short cover letter.",
    "We are an equal opportunity employer and value diversity at our company.",
    "Responsibilities include code reviews, mentoring junior engineers and on-call rotation.",
    "Knowledge of machine learning, statistics and experiment design is desirable.",
];
const ZH_TEMPLATES: &[&str] = &[
    "【中国联通】尊敬的客户，您本月的账单已出，请登录手机营业厅查询。回复TD退订。",
    "【招商银行】您尾号1234的卡片于11月22日消费人民币128.00元。",
    "【京东】您的订单已发货，快递单号123456789，请注意查收。",
    "【中国移动】流量套餐优惠活动进行中，月费仅需19元，详情点击链接。",
];

/// Generated SMS-like messages, about one scam in five.
pub fn gen_sms(n: usize, rng: &mut Rng) -> Vec<String> {
    (0..n)
        .map(|i| {
            if i % 5 == 0 {
                rng.pick_str(SCAMMY).to_string()
            } else {
                rng.pick_str(BENIGN).to_string()
            }
        })
        .collect()
}

/// Generated job ads of about `len` bytes each.
pub fn gen_jobs(n: usize, len: usize, rng: &mut Rng) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut s = String::with_capacity(len + 128);
            while s.len() < len {
                s.push_str(rng.pick_str(JOB_SENTENCES));
                s.push(if rng.below(4) == 0 { '\n' } else { ' ' });
            }
            if i % 10 == 0 {
                s.push_str(SCAMMY[0]);
            }
            s
        })
        .collect()
}

/// Generated Chinese SMS.
pub fn gen_zh(n: usize, rng: &mut Rng) -> Vec<String> {
    (0..n)
        .map(|_| rng.pick_str(ZH_TEMPLATES).to_string())
        .collect()
}

/// Near-miss keywords: misspelt scam vocabulary, plus every pack phrase with one letter changed or
/// dropped, so the automaton walks deep into patterns that never complete.
pub fn near_miss_words(classifier: &Classifier) -> Vec<String> {
    let mut words: Vec<String> = [
        "telegran",
        "whatsap",
        "usdc",
        "part-tim",
        "telegrm",
        "whatsup",
        "cryptoo",
        "bitcoi",
        "recruitmen",
        "commision",
        "withdrawl",
        "deposite",
        "investmen",
        "part-tme",
        "onlin",
        "salry",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = Rng::new(7);
    for p in all_phrases(classifier) {
        let chars: Vec<char> = p.text.chars().collect();
        if chars.len() < 4 || !p.text.is_ascii() {
            continue;
        }
        let k = 1 + rng.below(chars.len() - 1);
        let mut v = chars.clone();
        if rng.below(2) == 0 {
            v.remove(k); // drop a letter
        } else {
            v[k] = if v[k] == 'q' { 'x' } else { 'q' }; // change one
        }
        words.push(v.into_iter().collect());
    }
    words
}

/// Messages of 60–300 bytes of near-miss keywords, `total` bytes in all.
pub fn gen_near_miss(words: &[String], total: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    let mut size = 0;
    while size < total {
        let target = 60 + rng.below(240);
        let mut s = String::with_capacity(target + 32);
        while s.len() < target {
            if !s.is_empty() {
                s.push(if rng.below(8) == 0 { '\n' } else { ' ' });
            }
            s.push_str(rng.pick_str(words));
        }
        size += s.len();
        out.push(s);
    }
    out
}

const ZERO_WIDTH: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// One look-alike of an ASCII lower-case letter: Cyrillic, fullwidth or mathematical bold.
fn homoglyph(c: char, rng: &mut Rng) -> char {
    let cyr = match c {
        'a' => Some('а'),
        'c' => Some('с'),
        'e' => Some('е'),
        'o' => Some('о'),
        'p' => Some('р'),
        'x' => Some('х'),
        'y' => Some('у'),
        'i' => Some('і'),
        's' => Some('ѕ'),
        _ => None,
    };
    match (rng.below(3), cyr) {
        (0, Some(h)) => h,
        (1, _) => char::from_u32(0xFF41 + (c as u32 - 'a' as u32)).unwrap_or(c), // fullwidth
        _ => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)).unwrap_or(c),     // math bold
    }
}

/// Obfuscates `text`: most letters replaced by look-alikes, zero-width characters between letters.
pub fn obfuscate(text: &str, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(text.len() * 4);
    for c in text.chars() {
        let lc = c.to_ascii_lowercase();
        if lc.is_ascii_lowercase() && rng.below(3) != 0 {
            s.push(homoglyph(lc, rng));
        } else {
            s.push(c);
        }
        if c.is_ascii_alphabetic() && rng.below(2) == 0 {
            s.push(*rng.pick(ZERO_WIDTH));
        }
    }
    s
}

/// Dense zero-width and homoglyph messages built from scam texts and pack phrases, `total` bytes in all.
pub fn gen_obfuscated(classifier: &Classifier, total: usize, rng: &mut Rng) -> Vec<String> {
    let phrases: Vec<String> = all_phrases(classifier)
        .into_iter()
        .filter(|p| p.text.is_ascii())
        .map(|p| p.text)
        .collect();
    let mut out = Vec::new();
    let mut size = 0;
    while size < total {
        let base = if rng.below(2) == 0 {
            rng.pick_str(SCAMMY).to_string()
        } else {
            let mut b = String::new();
            for _ in 0..3 {
                b.push_str(rng.pick_str(&phrases));
                b.push_str(", ");
            }
            b
        };
        let s = obfuscate(&base, rng);
        size += s.len();
        out.push(s);
    }
    out
}

/// One document of at least `bytes` bytes: job-ad prose, near-miss keywords and obfuscated scam text.
pub fn gen_document(
    bytes: usize,
    jobs: &[String],
    near: &[String],
    obf: &[String],
    rng: &mut Rng,
) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    while s.len() < bytes {
        match rng.below(4) {
            0 | 1 => s.push_str(rng.pick_str(jobs)),
            2 => s.push_str(rng.pick_str(near)),
            _ => s.push_str(rng.pick_str(obf)),
        }
        s.push('\n');
    }
    s
}

/// Bytes in a set of texts.
pub fn total_bytes<S: AsRef<str>>(texts: &[S]) -> usize {
    texts.iter().map(|t| t.as_ref().len()).sum()
}

/// The benchmark inputs.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// `"corpora"` or `"generated"` for each of sms, jobs, zh.
    pub origin: [&'static str; 3],
    /// SMS-length messages.
    pub sms: Vec<String>,
    /// Long job ads.
    pub jobs: Vec<String>,
    /// Chinese SMS.
    pub zh: Vec<String>,
    /// Near-miss keyword messages.
    pub near_miss: Vec<String>,
    /// Zero-width and homoglyph messages.
    pub obfuscated: Vec<String>,
}

impl Inputs {
    /// Loads the corpora (or generates stand-ins) and generates the adversarial sets. `small` keeps every
    /// set to a few hundred kilobytes (test mode, debug builds).
    pub fn load(classifier: &Classifier, small: bool) -> Inputs {
        let mut rng = Rng::new(0x5ca3_5f17);
        let mut origin = ["corpora"; 3];
        let mut get = |k: usize, files: &[&str], gen: &mut dyn FnMut(&mut Rng) -> Vec<String>| {
            match load_corpus(files) {
                Some(v) => v,
                None => {
                    origin[k] = "generated";
                    gen(&mut rng)
                }
            }
        };
        let mut sms = get(0, SMS_FILES, &mut |r| gen_sms(20_000, r));
        let mut jobs = get(1, JOB_FILES, &mut |r| gen_jobs(2_000, 3_000, r));
        let mut zh = get(2, ZH_FILES, &mut |r| gen_zh(4_000, r));
        let adv_bytes = if small { 32 << 10 } else { 4 << 20 };
        let words = near_miss_words(classifier);
        let near_miss = gen_near_miss(&words, adv_bytes, &mut rng);
        let obfuscated = gen_obfuscated(classifier, adv_bytes, &mut rng);
        if small {
            // Keep a spread of every corpus, not just its first file.
            let thin = |v: &mut Vec<String>, n: usize| {
                let step = (v.len() / n).max(1);
                *v = v.iter().step_by(step).take(n).cloned().collect();
            };
            thin(&mut sms, 2_000);
            thin(&mut jobs, 60);
            thin(&mut zh, 400);
        }
        Inputs {
            origin,
            sms,
            jobs,
            zh,
            near_miss,
            obfuscated,
        }
    }

    /// A line saying where the inputs came from (printed by benches and compare).
    pub fn describe(&self) -> String {
        let d = |name: &str, o: &str, v: &[String]| {
            format!(
                "{name}: {} texts, {:.2} MB ({o})",
                v.len(),
                total_bytes(v) as f64 / 1e6
            )
        };
        let mut s = [
            d("sms", self.origin[0], &self.sms),
            d("jobs", self.origin[1], &self.jobs),
            d("zh", self.origin[2], &self.zh),
            d("near_miss", "generated", &self.near_miss),
            d("obfuscated", "generated", &self.obfuscated),
        ]
        .join("; ");
        if self.origin.contains(&"generated") {
            s.push_str(" -- corpora not found (set SCAMSIFT_CORPORA): generated stand-ins used");
        }
        s
    }
}

/// Flagged texts and total hits: the checksum every benchmark asserts.
pub fn classify_count<S: AsRef<str>>(c: &Classifier, texts: &[S]) -> (usize, usize) {
    let mut flagged = 0;
    let mut hits = 0;
    for t in texts {
        let v = c.classify(t.as_ref());
        flagged += usize::from(v.is_flagged());
        hits += v.hits().len();
    }
    (flagged, hits)
}

/// Same checksum from `classify_batch` (rayon, all threads of the current pool).
pub fn classify_batch_count<S: AsRef<str> + Sync>(c: &Classifier, texts: &[S]) -> (usize, usize) {
    let vs = c.classify_batch(texts);
    (
        vs.iter().filter(|v| v.is_flagged()).count(),
        vs.iter().map(|v| v.hits().len()).sum(),
    )
}

/// The normaliser the classifier uses internally (with its pack vocabulary).
pub fn classifier_normalizer(c: &Classifier) -> Normalizer {
    c.normalizer().clone()
}

/// A phrase as the automaton sees it.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Rule index in `classifier.rules()`.
    pub rule: usize,
    /// Normalised text.
    pub text: String,
    /// Needs a word boundary before.
    pub bound_start: bool,
    /// Needs a word boundary after.
    pub bound_end: bool,
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}'
        | '\u{2E80}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_spaced_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// Every phrase of every rule, normalised like the core does it (`*` trimmed, plain normaliser).
pub fn all_phrases(c: &Classifier) -> Vec<Phrase> {
    let plain = Normalizer::default();
    let mut out = Vec::new();
    for (rule, r) in c.rules().iter().enumerate() {
        for raw in &r.phrases {
            let trimmed = raw.trim();
            let (open_start, open_end) = (trimmed.starts_with('*'), trimmed.ends_with('*'));
            let core = trimmed.trim_matches('*');
            let text = plain.normalize(core).as_str().trim().to_owned();
            if text.is_empty() {
                continue;
            }
            let bound_start = !open_start && text.chars().next().is_some_and(is_spaced_word_char);
            let bound_end = !open_end && text.chars().next_back().is_some_and(is_spaced_word_char);
            out.push(Phrase {
                rule,
                text,
                bound_start,
                bound_end,
            });
        }
    }
    out
}

/// The engine's own rewrite of `\b`/`\B` to ASCII word boundaries, so every contender runs the same regexes.
pub use scamsift::ascii_word_boundaries;

/// The pattern export shared by every contender of `compare`: per rule, its phrases (normalised, with
/// boundary flags) and its regexes (as written, for normalised text).
pub fn patterns_json(c: &Classifier) -> serde_json::Value {
    let phrases = all_phrases(c);
    let rules: Vec<serde_json::Value> = c
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let ps: Vec<serde_json::Value> = phrases
                .iter()
                .filter(|p| p.rule == i)
                .map(|p| {
                    serde_json::json!({
                        "text": p.text, "bound_start": p.bound_start, "bound_end": p.bound_end
                    })
                })
                .collect();
            serde_json::json!({ "id": &*r.id, "phrases": ps, "regexes": r.regexes })
        })
        .collect();
    serde_json::json!({ "rules": rules })
}

/// True when a criterion bench binary runs for real (`cargo bench`), false under `cargo test --benches`
/// or `-- --test`, and always false in debug builds: then benches use small inputs.
pub fn full_size_bench() -> bool {
    let args: Vec<String> = std::env::args().collect();
    !cfg!(debug_assertions)
        && args.iter().any(|a| a == "--bench")
        && !args.iter().any(|a| a == "--test")
}
