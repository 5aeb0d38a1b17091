//! The public entry point: [`Classifier`] and its [`ClassifierBuilder`].

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::entity::extract::{extract, Scratch as EntityScratch};
use crate::error::{PackError, PackErrorKind};
use crate::matcher::RawHit;
use crate::model::{
    compile, CategoryInfo, CombinationInfo, Model, Overrides, PackSources, RuleInfo,
};
use crate::normalize::Normalizer;
use crate::pack::{parse, PackInfo};
use crate::score::{score, Thresholds};
use crate::verdict::{Evidence, Span, Verdict};

/// Per-thread buffers reused across texts.
#[derive(Debug, Default)]
struct Scratch {
    hits: Vec<RawHit>,
    entity: EntityScratch,
    entity_spans: Vec<(u32, u32)>,
}

/// Resource limits. Packs and texts may come from untrusted sources; these bound the work, and
/// every count is checked before the work it bounds (a pack over a limit is refused before its
/// regexes are compiled). The defaults leave the built-in pack a wide margin (it has 98 regexes,
/// none without a literal to start from, and ~2,400 patterns). [`ClassifierBuilder::build`] refuses
/// values outside the ranges given here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest text classified, in bytes (default 1 MiB; 1 to 128 MiB). Longer texts are classified
    /// on their first part (cut at a char boundary) and the verdict says `truncated`.
    pub max_input_bytes: usize,
    /// Most phrases plus regex prefix literals in one classifier (default 100 000; at most 10 million).
    pub max_patterns: usize,
    /// Largest compiled size of one regex, in bytes (default 1 MiB; at most 256 MiB; the compiled
    /// NFA size, see `regex_automata::meta::Config::nfa_size_limit`).
    pub max_regex_size: usize,
    /// Most occurrences of one rule reported per text (default 16; 1 to 1 million). Scoring counts a
    /// rule once anyway.
    pub max_hits_per_rule: usize,
    /// Most regexes in one classifier (default 5 000; at most 1 million).
    pub max_regexes: usize,
    /// Most regexes with no literal prefix or required suffix to trigger on: each runs over every
    /// whole text, so they dominate the time per text (default 16; at most `max_regexes`).
    pub max_unprefixed_regexes: usize,
    /// Most memory of all compiled regexes together, in bytes (default 256 MiB; at most 2 GiB).
    pub max_regex_memory: usize,
    /// Capacity of each regex's lazy-DFA cache, per thread, in bytes (default 2 MiB, the regex
    /// crate's default; 64 KiB to 256 MiB). A regex that needs more falls back to a slower engine.
    pub max_regex_cache: usize,
    /// Longest regex source, in bytes (default 4 KiB; 1 B to 1 MiB; the built-in pack's longest is
    /// ~500). Checked before parsing: a regex's parse tree can be thousands of times its source
    /// (each `\w` is a class of hundreds of ranges).
    pub max_regex_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 1 << 20,
            max_patterns: 100_000,
            max_regex_size: 1 << 20,
            max_hits_per_rule: 16,
            max_regexes: 5_000,
            max_unprefixed_regexes: 16,
            max_regex_memory: 256 << 20,
            max_regex_cache: 2 << 20,
            max_regex_len: 4 << 10,
        }
    }
}

/// How a pack argument (a string from a command line or a binding) is read. One rule for every
/// surface, so they all agree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PackArg {
    /// A `.toml` file or a directory of them.
    Path(std::path::PathBuf),
    /// TOML text.
    Toml(String),
}

impl PackArg {
    /// The origin named in error messages for a pack given as text.
    pub const TEXT_ORIGIN: &'static str = "<string>";

    /// A path when something exists at `arg` or `arg` looks like no TOML (one line without `=` or
    /// `[`), so a mistyped path is reported as a missing file; TOML text otherwise.
    pub fn guess(arg: &str) -> PackArg {
        let one_line = !arg.contains('\n');
        if (one_line && Path::new(arg).exists())
            || (one_line && !arg.contains('=') && !arg.contains('[') && !arg.trim().is_empty())
        {
            PackArg::Path(arg.into())
        } else {
            PackArg::Toml(arg.to_owned())
        }
    }
}

impl Limits {
    /// Each limit with its allowed range (inclusive).
    fn ranges(&self) -> [(&'static str, usize, usize, usize); 9] {
        [
            ("max_input_bytes", self.max_input_bytes, 1, 128 << 20),
            ("max_patterns", self.max_patterns, 1, 10_000_000),
            ("max_regex_size", self.max_regex_size, 1, 256 << 20),
            ("max_hits_per_rule", self.max_hits_per_rule, 1, 1_000_000),
            ("max_regexes", self.max_regexes, 0, 1_000_000),
            (
                "max_unprefixed_regexes",
                self.max_unprefixed_regexes,
                0,
                self.max_regexes,
            ),
            ("max_regex_memory", self.max_regex_memory, 1, 2 << 30),
            ("max_regex_cache", self.max_regex_cache, 64 << 10, 256 << 20),
            ("max_regex_len", self.max_regex_len, 1, 1 << 20),
        ]
    }

    /// Checks every limit against its range.
    ///
    /// ```
    /// let bad = scamsift::Limits { max_hits_per_rule: 0, ..Default::default() };
    /// assert!(bad.check().unwrap_err().to_string().contains("max_hits_per_rule"));
    /// ```
    pub fn check(&self) -> Result<(), PackError> {
        for (name, value, lo, hi) in self.ranges() {
            if !(lo..=hi).contains(&value) {
                return Err(PackError::new(
                    PackErrorKind::InvalidValue,
                    format!("limit {name} is {value}: it must be between {lo} and {hi}"),
                )
                .with_field(format!("limits.{name}")));
            }
        }
        Ok(())
    }
}

/// A rule or combination example that did not behave as declared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExampleFailure {
    /// Rule or combination id.
    pub id: String,
    /// Where it was declared.
    pub origin: String,
    /// `true`: a positive example on which it did not fire; `false`: a negative one on which it did.
    pub expected_to_fire: bool,
    /// The example text.
    pub text: String,
}

/// Configures and builds a [`Classifier`]: which packs, which rules, which limits.
///
/// ```
/// use scamsift::Classifier;
///
/// let custom = r#"
/// [pack]
/// name = "my-pack"
/// version = "0.1.0"
///
/// [[rule]]
/// id = "my.gift_card"
/// category = "upfront_fee"
/// weight = 2.0
/// what = "paying a fee in gift cards."
/// why = "untraceable."
/// false_positives = "retail promotions."
/// phrases = ["pay the fee in gift cards"]
/// examples.positive = ["Please pay the fee in gift cards before you start."]
/// examples.negative = ["Gift cards make great presents."]
/// "#;
/// let classifier = Classifier::builder()
///     .add_pack_str("my-pack.toml", custom)?
///     .disable_rule("my.gift_card")
///     .build()?;
/// assert!(classifier.rule("my.gift_card").is_some());
/// # Ok::<(), scamsift::PackError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClassifierBuilder {
    include_builtin: bool,
    packs: Vec<(String, Vec<(String, String)>)>,
    disabled: Vec<String>,
    weights: Vec<(String, f64)>,
    limits: Limits,
    thresholds: Thresholds,
    entities: Entities,
}

/// When typed entities (amounts, returns, contacts, wallets) are extracted.
///
/// Extraction costs more than matching on texts full of digits and links, while most texts of a
/// stream show no scam indicator at all (of 1,941 real job ads, 1,878 have some hit but only 237 a
/// positive one); so by default only texts with a positive indicator hit pay for it, and every
/// flagged text has its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Entities {
    /// Never: [`Verdict::entities`] is empty and rules with an `entity` condition never fire.
    Off,
    /// For texts where at least one phrase or regex rule of positive weight fired (the default):
    /// counter-evidence alone (a real employer's wording) does not count. Entity rules then add to
    /// that evidence, and every flagged text lists its entities.
    #[default]
    WhenIndicated,
    /// For every text: entity rules can flag texts no phrase rule matched, and clean texts list their
    /// entities too (slower on digit- and link-heavy text).
    Always,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        ClassifierBuilder {
            include_builtin: true,
            packs: Vec::new(),
            disabled: Vec::new(),
            weights: Vec::new(),
            limits: Limits::default(),
            thresholds: Thresholds::default(),
            entities: Entities::default(),
        }
    }
}

impl ClassifierBuilder {
    /// A builder that includes the built-in pack.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to include the built-in pack (default `true`).
    pub fn include_builtin(mut self, yes: bool) -> Self {
        self.include_builtin = yes;
        self
    }

    /// Adds a pack held in a string. `origin` names it in error messages (e.g. its file name).
    /// The TOML is checked now, so syntax errors surface here; references are checked by [`build`](Self::build).
    pub fn add_pack_str(mut self, origin: &str, text: &str) -> Result<Self, PackError> {
        parse(origin, text)?;
        self.packs.push((
            origin.to_owned(),
            vec![(origin.to_owned(), text.to_owned())],
        ));
        Ok(self)
    }

    /// Adds a pack from a TOML file, or from a directory: every `*.toml` under it, in path order,
    /// forms one pack.
    pub fn add_pack_file(mut self, path: impl AsRef<Path>) -> Result<Self, PackError> {
        let path = path.as_ref();
        let display = path.display().to_string();
        let io = |e: std::io::Error, p: &Path| {
            PackError::new(PackErrorKind::Io, format!("cannot read the pack: {e}"))
                .with_origin(&p.display().to_string())
        };
        let mut files = Vec::new();
        if path.is_dir() {
            // Symlinks to directories are not followed (`up -> ..` would read unrelated TOML, or
            // loop); a symlinked file is read only when it resolves to a file inside the directory.
            let root = path.canonicalize().map_err(|e| io(e, path))?;
            let mut stack = vec![path.to_path_buf()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).map_err(|e| io(e, &dir))? {
                    let entry = entry.map_err(|e| io(e, &dir))?;
                    let p = entry.path();
                    let kind = entry.file_type().map_err(|e| io(e, &p))?;
                    let is_toml = p.extension().is_some_and(|e| e == "toml");
                    if kind.is_dir() {
                        stack.push(p);
                    } else if kind.is_symlink() {
                        let Ok(target) = p.canonicalize() else {
                            continue; // dangling: nothing to read
                        };
                        if target.is_file() && is_toml {
                            if !target.starts_with(&root) {
                                return Err(PackError::new(
                                    PackErrorKind::Io,
                                    format!(
                                        "the symlink points outside the pack directory (to {}): copy the file in instead",
                                        target.display()
                                    ),
                                )
                                .with_origin(&p.display().to_string()));
                            }
                            files.push(p);
                        }
                    } else if is_toml {
                        files.push(p);
                    }
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(PackError::new(
                    PackErrorKind::Io,
                    "the directory holds no .toml files",
                )
                .with_origin(&display));
            }
        } else {
            files.push(path.to_path_buf());
        }
        let mut docs = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| io(e, &f))?;
            let origin = f.display().to_string();
            parse(&origin, &text)?;
            docs.push((origin, text));
        }
        self.packs.push((display, docs));
        Ok(self)
    }

    /// Disables a rule: it never fires. Unknown ids are an error at [`build`](Self::build).
    pub fn disable_rule(mut self, id: &str) -> Self {
        self.disabled.push(id.to_owned());
        self
    }

    /// Overrides a rule's weight. Unknown ids are an error at [`build`](Self::build). Weight 0 makes the
    /// rule a topic (it still fires and shows, adds no points, and combinations can use it); to turn a
    /// rule off, use [`disable_rule`](Self::disable_rule).
    pub fn set_weight(mut self, id: &str, weight: f64) -> Self {
        self.weights.push((id.to_owned(), weight));
        self
    }

    /// Sets the resource limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// When to extract typed entities (amounts, returns, contacts, wallets; default
    /// [`Entities::WhenIndicated`]).
    pub fn entities(mut self, when: Entities) -> Self {
        self.entities = when;
        self
    }

    /// Adds a pack given as a command-line or binding argument, read as [`PackArg::guess`] says.
    pub fn add_pack(self, arg: &str) -> Result<Self, PackError> {
        match PackArg::guess(arg) {
            PackArg::Path(p) => self.add_pack_file(p),
            PackArg::Toml(t) => self.add_pack_str(PackArg::TEXT_ORIGIN, &t),
        }
    }

    /// Sets the verdict thresholds.
    pub fn thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Compiles everything into a classifier.
    pub fn build(&self) -> Result<Classifier, PackError> {
        self.limits.check()?;
        let mut packs = Vec::new();
        if self.include_builtin {
            // Parsing the pack's TOML is a good part of the build: one file per task.
            let sources =
                crate::matcher::par_map(crate::builtin::FILES, |(name, text)| parse(name, text))
                    .into_iter()
                    .collect::<Result<Vec<_>, _>>()?;
            packs.push(PackSources { sources });
        }
        for (_, docs) in &self.packs {
            let sources = docs
                .iter()
                .map(|(o, t)| parse(o, t))
                .collect::<Result<Vec<_>, _>>()?;
            packs.push(PackSources { sources });
        }
        if packs.is_empty() {
            return Err(PackError::new(
                PackErrorKind::Header,
                "no pack to compile: include the built-in pack or add one",
            ));
        }
        let model = compile(
            &packs,
            &Overrides {
                disabled: &self.disabled,
                weights: &self.weights,
            },
            &self.limits,
        )?;
        Ok(Classifier {
            inner: Arc::new(Inner {
                model: Arc::new(model),
                limits: self.limits,
                thresholds: self.thresholds,
                entities: self.entities,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    /// Shared with every verdict, which resolves rule and family names through it.
    model: Arc<Model>,
    limits: Limits,
    thresholds: Thresholds,
    /// When entities are extracted (and entity rules can fire).
    entities: Entities,
}

/// A compiled, immutable scam-text classifier. Cloning is cheap (an `Arc`), and it is `Send + Sync`:
/// share one across threads.
///
/// ```
/// use scamsift::{Classifier, Label};
///
/// let classifier = Classifier::builtin();
/// let text = "Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy";
/// let v = classifier.classify(text);
/// assert_ne!(v.label(), Label::Clean);
/// for hit in v.hits() {
///     println!("{} ({}): {:?}", hit.rule_id(), hit.category(), hit.text(text));
/// }
/// assert_eq!(classifier.classify("See you at lunch tomorrow?").label(), Label::Clean);
/// ```
#[derive(Debug, Clone)]
pub struct Classifier {
    inner: Arc<Inner>,
}

impl Classifier {
    /// A builder, with the built-in pack included.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::new()
    }

    /// The classifier for the built-in pack, compiled once per process and shared.
    ///
    /// The built-in pack is compiled and checked by the test suite, so this cannot fail in a
    /// released build; hosts that must never abort (WebAssembly with `panic = "abort"`) can use
    /// [`try_builtin`](Self::try_builtin) instead.
    pub fn builtin() -> Classifier {
        Self::try_builtin().unwrap_or_else(|e| panic!("the built-in pack does not compile: {e}"))
    }

    /// The built-in classifier, or the error compiling it (which the test suite rules out).
    pub fn try_builtin() -> Result<Classifier, PackError> {
        static BUILTIN: OnceLock<Result<Classifier, PackError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| ClassifierBuilder::new().build())
            .clone()
    }

    /// Classifies one text. Never fails: any string is valid input.
    pub fn classify(&self, text: &str) -> Verdict {
        self.classify_with(text, &mut Scratch::default())
    }

    fn classify_with(&self, text: &str, scratch: &mut Scratch) -> Verdict {
        let inner = &*self.inner;
        let model = &*inner.model;
        let truncated = text.len() > inner.limits.max_input_bytes;
        let text = if truncated {
            &text[..floor_char_boundary(text, inner.limits.max_input_bytes)]
        } else {
            text
        };
        let norm = model.normalizer.normalize(text);
        let hits = &mut scratch.hits;
        model
            .matcher
            .find(norm.as_str(), inner.limits.max_hits_per_rule.max(1), hits);
        // Disabled rules are not in the matcher; rules of weight 0 are topics and stay.
        let mut entities = Vec::new();
        let extract_now = match inner.entities {
            Entities::Off => false,
            Entities::WhenIndicated => hits.iter().any(|h| model.weight(h.rule) > 0.0),
            Entities::Always => true,
        };
        if extract_now {
            extract(
                text,
                &norm,
                &model.rates,
                &mut scratch.entity,
                &mut entities,
                &mut scratch.entity_spans,
            );
            // Entity rules fire on the normalised span of each entity they accept, so they take part
            // in proximity windows like phrases. A rule still counts at most `max_hits_per_rule` times.
            // An entity rule adds evidence only to a category no phrase or regex rule found: the
            // entities see the same concepts the phrases do ("$100/day" is both a salary regex hit
            // and a money entity), so where the phrases already spoke they would count it twice.
            let pattern_hits = hits.len();
            for &(rule, ref cond) in &model.entity_rules {
                let category = model.rules[rule as usize].category_idx;
                let mut n = 0;
                for (e, &(s, en)) in entities.iter().zip(&scratch.entity_spans) {
                    if n >= inner.limits.max_hits_per_rule.max(1) || !cond.matches(e) {
                        continue;
                    }
                    let seen = hits[..pattern_hits]
                        .iter()
                        .any(|h| model.rules[h.rule as usize].category_idx == category);
                    if !seen {
                        hits.push(RawHit {
                            rule,
                            start: s,
                            end: en,
                        });
                        n += 1;
                    }
                }
            }
        }
        if hits.is_empty() {
            // Most texts: skip scoring and explaining.
            return Verdict {
                model: inner.model.clone(),
                label: crate::Label::Clean,
                top: None,
                points: Vec::new(),
                hits: Vec::new(),
                combinations: Vec::new(),
                evidence: Vec::new(),
                entities,
                truncated,
            };
        }
        let scored = score(model, hits, &inner.thresholds);

        // Explain: map spans back to the original text, in text order. Entity rules already carry
        // their entity's original span.
        let mut spans: Vec<Span> = hits
            .iter()
            .map(|h| {
                let (start, end) = norm.original_span(h.start as usize, h.end as usize);
                Span {
                    start,
                    end,
                    rule: h.rule,
                }
            })
            .collect();
        if !model.entity_rules.is_empty() {
            // Entity hits: the original span of the entity, not the round trip through the map.
            for (sp, h) in spans.iter_mut().zip(hits.iter()) {
                if model.rules[h.rule as usize].entity.is_some() {
                    if let Some(k) = scratch
                        .entity_spans
                        .iter()
                        .position(|&(s, e)| s == h.start && e == h.end)
                    {
                        sp.start = entities[k].start;
                        sp.end = entities[k].end;
                    }
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        let evidence = scored
            .categories
            .into_iter()
            .map(|(category, points, rules)| Evidence {
                category,
                points,
                rules,
            })
            .collect();
        Verdict {
            model: inner.model.clone(),
            label: scored.label,
            top: scored.top.map(|t| t as u32),
            points: scored.family_points,
            hits: spans,
            combinations: scored.combos,
            evidence,
            entities,
            truncated,
        }
    }

    /// Classifies many texts, in parallel on all cores when the `rayon` feature is on (the default).
    /// The result is in input order and equals classifying one by one.
    pub fn classify_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Verdict> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            texts
                .par_iter()
                .map_init(Scratch::default, |scratch, t| {
                    self.classify_with(t.as_ref(), scratch)
                })
                .collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            let mut scratch = Scratch::default();
            texts
                .iter()
                .map(|t| self.classify_with(t.as_ref(), &mut scratch))
                .collect()
        }
    }

    /// The normalised form of `text`, as the patterns see it. Useful when writing rules.
    pub fn normalize(&self, text: &str) -> String {
        self.inner
            .model
            .normalizer
            .normalize(text)
            .as_str()
            .to_owned()
    }

    /// The normaliser this classifier runs, with the vocabulary of its packs. Its output is what
    /// [`Classifier::normalize`] returns, with the map back to the original text.
    pub fn normalizer(&self) -> &Normalizer {
        &self.inner.model.normalizer
    }

    /// Headers of the packs compiled in, the built-in one first when included.
    pub fn packs(&self) -> &[PackInfo] {
        &self.inner.model.packs
    }

    /// Every rule.
    pub fn rules(&self) -> &[RuleInfo] {
        &self.inner.model.rules
    }

    /// One rule by id (a hash lookup).
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        let m = &self.inner.model;
        m.rule_index.get(id).map(|&i| &m.rules[i as usize])
    }

    /// The rate table that turns amounts into US dollars: its date (`as_of`), its source, and US
    /// dollars per unit of each currency, sorted by code.
    pub fn rates(&self) -> (&str, &str, Vec<(&str, f64)>) {
        let r = &self.inner.model.rates;
        let mut v: Vec<(&str, f64)> = r.usd.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        (r.as_of.as_str(), r.source.as_str(), v)
    }

    /// Every category.
    pub fn categories(&self) -> &[CategoryInfo] {
        &self.inner.model.categories
    }

    /// Every combination.
    pub fn combinations(&self) -> impl Iterator<Item = &CombinationInfo> {
        self.inner.model.combinations.iter().map(|c| &c.info)
    }

    /// Every family, in the order the packs introduced them.
    pub fn families(&self) -> &[Arc<str>] {
        &self.inner.model.families
    }

    /// When entities are extracted.
    pub fn entity_mode(&self) -> Entities {
        self.inner.entities
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    /// The thresholds in force.
    pub fn thresholds(&self) -> Thresholds {
        self.inner.thresholds
    }

    /// Number of automaton patterns and of regexes compiled.
    pub fn pattern_counts(&self) -> (usize, usize) {
        (
            self.inner.model.matcher.pattern_count(),
            self.inner.model.matcher.regex_count(),
        )
    }

    /// Ids of rules with a regex that has no literal prefix and so runs on every text (slower).
    pub fn unprefixed_regex_rules(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .inner
            .model
            .matcher
            .unprefixed_regex_rules()
            .map(|r| &*self.inner.model.rules[r as usize].id)
            .collect();
        v.dedup();
        v
    }

    /// Runs every rule's and combination's examples; returns those that misbehave (empty = all pass).
    /// Disabled rules are skipped.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        let model = &self.inner.model;
        for (i, r) in model.rules.iter().enumerate() {
            if model.disabled[i] {
                continue;
            }
            for (texts, expect) in [(&r.examples.positive, true), (&r.examples.negative, false)] {
                for t in texts {
                    let fired = self.classify(t).hits().any(|h| h.rule_id() == &*r.id);
                    if fired != expect {
                        failures.push(ExampleFailure {
                            id: r.id.to_string(),
                            origin: format!("{}:{}", r.origin, r.line),
                            expected_to_fire: expect,
                            text: t.clone(),
                        });
                    }
                }
            }
        }
        for c in &model.combinations {
            for (texts, expect) in [
                (&c.info.examples.positive, true),
                (&c.info.examples.negative, false),
            ] {
                for t in texts {
                    let fired = self.classify(t).combinations().any(|h| h.id == c.info.id);
                    if fired != expect {
                        failures.push(ExampleFailure {
                            id: c.info.id.to_string(),
                            origin: c.info.origin.clone(),
                            expected_to_fire: expect,
                            text: t.clone(),
                        });
                    }
                }
            }
        }
        failures
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
