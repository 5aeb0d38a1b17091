//! The compiled pack: rules, categories, families and combinations resolved to indices, plus the
//! public read-only views of them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::entity::cond::Cond;
use crate::error::{PackError, PackErrorKind};
use crate::matcher::{is_spaced_word_char, Matcher, MatcherBuilder, PhraseSpec, RegexOrigin};
use crate::normalize::Normalizer;
use crate::pack::{Examples, PackInfo, Source};
use crate::Limits;

/// A category of indicators, e.g. `salary_bait`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CategoryInfo {
    /// Category id.
    pub id: Arc<str>,
    /// Family it counts toward; `*` for counter-evidence that applies to every family.
    pub family: Arc<str>,
    /// What the category means.
    pub description: String,
    /// How the category's evidence frames the text (see [`Framing`]).
    pub framing: Framing,
    #[serde(skip)]
    pub(crate) family_idx: Option<u32>,
}

/// How a category's evidence frames the text, which decides how counter-evidence weighs.
///
/// A text that *describes* scams (an advisory quoting a lure, a news report) can quote any number of
/// indicators, so a fixed negative weight would be outweighed by quoting six of them. The evidence of
/// a `describes` category therefore *scales* every family's points down instead of subtracting from
/// them: by `exp(points / 2)`, or by `exp(points / 4)` when a `solicits` category also fired (an offer,
/// a call to act, a contact: scams dress up as warnings, warnings do not ask to be contacted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Framing {
    /// Ordinary evidence: its points add to its family (or, for counter-evidence, to every family).
    #[default]
    None,
    /// Counter-evidence that the text describes scams rather than running one: it scales points.
    Describes,
    /// Evidence that the text addresses and solicits the reader: it halves the scaling above.
    Solicits,
}

/// A compiled rule, as the pack declared it, with its documentation as structured fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable rule id.
    pub id: Arc<str>,
    /// Category id.
    pub category: Arc<str>,
    /// Family of the category.
    pub family: Arc<str>,
    /// Weight in evidence points as declared (overrides from the builder are applied at scoring).
    pub weight: f64,
    /// Languages the rule targets.
    pub languages: Vec<String>,
    /// What the rule matches.
    pub what: String,
    /// Why it is a scam signal (for counter-evidence: why it lowers the risk).
    pub why: String,
    /// Known false positives.
    pub false_positives: String,
    /// Literal phrases, as written in the pack.
    pub phrases: Vec<String>,
    /// Regexes, as written in the pack.
    pub regexes: Vec<String>,
    /// The entity kind of an entity-condition rule (`money`, `return`, `contact`, `wallet`).
    pub entity: Option<&'static str>,
    /// Texts the rule must and must not fire on.
    pub examples: Examples,
    /// The file (or name) the rule came from, and its line.
    pub origin: String,
    /// 1-based line of the rule's id in its file.
    pub line: usize,
    #[serde(skip)]
    pub(crate) category_idx: u32,
}

/// A term of a combination: a rule or a whole category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Rule(u32),
    Category(u32),
}

/// A combination of rules or categories that adds points to a family when it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CombinationInfo {
    /// Combination id.
    pub id: Arc<str>,
    /// Family it adds to.
    pub family: Arc<str>,
    /// Points it adds.
    pub weight: f64,
    /// What it means.
    pub description: String,
    /// Terms that must all be present.
    pub all_of: Vec<String>,
    /// Terms of which at least one must be present (when not empty).
    pub any_of: Vec<String>,
    /// How many distinct terms of `of` must be present (0: no such clause).
    pub at_least: usize,
    /// Terms counted by `at_least`.
    pub of: Vec<String>,
    /// Proximity window in bytes of normalised text, if any.
    pub within: Option<usize>,
    /// Texts it must and must not fire on.
    pub examples: Examples,
    /// File it came from.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Combination {
    pub(crate) info: CombinationInfo,
    pub(crate) family_idx: u32,
    pub(crate) weight: f64,
    pub(crate) all_of: Vec<Term>,
    pub(crate) any_of: Vec<Term>,
    pub(crate) of: Vec<Term>,
    /// `all_of`, then `any_of`, then `of`: the numbering the scorer uses.
    pub(crate) terms: Vec<Term>,
    pub(crate) at_least: usize,
    pub(crate) within: Option<usize>,
}

/// Everything a classifier needs, immutable once built.
#[derive(Debug)]
pub(crate) struct Model {
    pub(crate) packs: Vec<PackInfo>,
    pub(crate) families: Vec<Arc<str>>,
    pub(crate) categories: Vec<CategoryInfo>,
    pub(crate) rules: Vec<RuleInfo>,
    /// Rule index by id.
    pub(crate) rule_index: HashMap<Arc<str>, u32>,
    /// Rules with an entity condition, and the condition.
    pub(crate) entity_rules: Vec<(u32, Cond)>,
    /// Exchange rates for normalising amounts.
    pub(crate) rates: Rates,
    /// Effective weight of each rule (declared, or overridden by the builder; 0 when disabled). A rule
    /// of weight 0 that is not disabled is a *topic* rule: it fires and shows, adds no points, and
    /// combinations can name it.
    pub(crate) weights: Vec<f64>,
    /// Rules turned off by the builder: they never fire.
    pub(crate) disabled: Vec<bool>,
    pub(crate) combinations: Vec<Combination>,
    /// Per combination: whether topic rules alone could make it fire (see `topic_capable`).
    pub(crate) topic_capable: Vec<bool>,
    pub(crate) matcher: Matcher,
    pub(crate) normalizer: Normalizer,
}

/// The pack's dated rate table: US dollars per unit of each currency.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rates {
    pub(crate) as_of: String,
    pub(crate) source: String,
    pub(crate) usd: HashMap<String, f64>,
}

impl Rates {
    pub(crate) fn usd(&self, code: &str) -> Option<f64> {
        self.usd.get(code).copied()
    }
}

impl Model {
    pub(crate) fn weight(&self, rule: u32) -> f64 {
        self.weights[rule as usize]
    }
}

/// A set of documents added together, which must hold exactly one `[pack]` header.
pub(crate) struct PackSources {
    pub(crate) sources: Vec<Source>,
}

pub(crate) struct Overrides<'a> {
    pub(crate) disabled: &'a [String],
    pub(crate) weights: &'a [(String, f64)],
}

pub(crate) fn compile(
    packs: &[PackSources],
    overrides: &Overrides<'_>,
    limits: &Limits,
) -> Result<Model, PackError> {
    let mut infos = Vec::new();
    for p in packs {
        let headers: Vec<_> = p
            .sources
            .iter()
            .filter_map(|s| s.doc.pack.as_ref().map(|h| (s, h)))
            .collect();
        match headers.as_slice() {
            [(_, h)] => infos.push(h.get_ref().clone()),
            [] => {
                let origin = p.sources.first().map_or("<pack>", |s| s.origin.as_str());
                return Err(PackError::new(
                    PackErrorKind::Header,
                    "the pack has no [pack] header (name, version)",
                )
                .with_origin(origin));
            }
            [_, (s, h), ..] => {
                return Err(s.err(
                    PackErrorKind::Header,
                    h.span().start,
                    "a second [pack] header: a pack has exactly one",
                ));
            }
        }
    }
    let sources: Vec<&Source> = packs.iter().flat_map(|p| &p.sources).collect();

    // Rates: later documents override earlier ones, code by code.
    let mut rates = Rates::default();
    for src in &sources {
        if let Some(r) = &src.doc.rates {
            rates.as_of.clone_from(r.as_of.get_ref());
            rates.source.clone_from(&r.source);
            for (code, v) in &r.usd {
                rates.usd.insert(code.clone(), *v.get_ref());
            }
        }
    }

    // Categories and families.
    let mut families: Vec<Arc<str>> = Vec::new();
    let mut family_index: HashMap<String, u32> = HashMap::new();
    let mut categories: Vec<CategoryInfo> = Vec::new();
    let mut category_index: HashMap<String, u32> = HashMap::new();
    let mut ids: HashMap<String, (String, usize)> = HashMap::new(); // one namespace for all ids
    let mut claim = |id: &str, src: &Source, byte: usize| -> Result<(), PackError> {
        if let Some((origin, line)) = ids.get(id) {
            return Err(src
                .err(
                    PackErrorKind::DuplicateId,
                    byte,
                    format!("id `{id}` is already used at {origin}:{line}"),
                )
                .with_rule(id)
                .with_field("id"));
        }
        ids.insert(id.to_owned(), (src.origin.clone(), src.line_of(byte)));
        Ok(())
    };
    for src in &sources {
        for c in &src.doc.category {
            claim(c.id.get_ref(), src, c.id.span().start)?;
            let family = c.family.get_ref().as_str();
            let family_idx = if family == "*" {
                None
            } else {
                Some(*family_index.entry(family.to_owned()).or_insert_with(|| {
                    families.push(family.into());
                    (families.len() - 1) as u32
                }))
            };
            let framing = match &c.framing {
                None => Framing::None,
                Some(f) => {
                    let bad = |what: String| {
                        src.err(
                            PackErrorKind::InvalidValue,
                            f.span().start,
                            format!("category `{}`: {what}", c.id.get_ref()),
                        )
                        .with_field("framing")
                    };
                    match f.get_ref().as_str() {
                        "describes" if family_idx.is_none() => Framing::Describes,
                        "describes" => {
                            return Err(bad(
                                "`framing = \"describes\"` is for counter-evidence: set `family = \"*\"`"
                                    .to_owned(),
                            ))
                        }
                        "solicits" => Framing::Solicits,
                        other => {
                            return Err(bad(format!(
                                "unknown framing `{other}`: use \"describes\" or \"solicits\""
                            )))
                        }
                    }
                }
            };
            category_index.insert(c.id.get_ref().clone(), categories.len() as u32);
            categories.push(CategoryInfo {
                id: c.id.get_ref().as_str().into(),
                family: family.into(),
                description: c.description.clone(),
                framing,
                family_idx,
            });
        }
    }

    // Rules.
    let mut rules: Vec<RuleInfo> = Vec::new();
    let mut rule_index: HashMap<String, u32> = HashMap::new();
    let mut raw_phrases: Vec<(u32, String)> = Vec::new();
    let mut regexes: Vec<(u32, String)> = Vec::new();
    let mut regex_origins: Vec<(usize, usize, usize)> = Vec::new(); // (source, rule, regex index)
    let mut entity_rules: Vec<(u32, Cond)> = Vec::new();
    for (si, src) in sources.iter().enumerate() {
        for r in &src.doc.rule {
            let id = r.id.get_ref();
            claim(id, src, r.id.span().start)?;
            let Some(&cat) = category_index.get(r.category.get_ref()) else {
                let mut known: Vec<&str> = category_index.keys().map(String::as_str).collect();
                known.sort_unstable();
                let hint = closest(r.category.get_ref(), &known)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                return Err(src
                    .err(
                        PackErrorKind::UnknownReference,
                        r.category.span().start,
                        format!("unknown category `{}`{hint}", r.category.get_ref()),
                    )
                    .with_rule(id.as_str())
                    .with_field("category"));
            };
            let idx = rules.len() as u32;
            rule_index.insert(id.clone(), idx);
            // Counted as they are read, so an oversized pack is refused before anything is compiled.
            let over = |span: usize, field: String, msg: String| {
                src.err(PackErrorKind::Limit, span, msg)
                    .with_rule(id.as_str())
                    .with_field(field)
            };
            for (k, p) in r.phrases.iter().enumerate() {
                if raw_phrases.len() >= limits.max_patterns {
                    return Err(over(
                        p.span().start,
                        format!("phrases[{k}]"),
                        format!(
                            "more than {} phrases in all: over the pattern limit (Limits::max_patterns, --max-patterns)",
                            limits.max_patterns
                        ),
                    ));
                }
                raw_phrases.push((idx, p.get_ref().clone()));
            }
            for (k, re) in r.regexes.iter().enumerate() {
                if regexes.len() >= limits.max_regexes {
                    return Err(over(
                        re.span().start,
                        format!("regexes[{k}]"),
                        format!(
                            "more than {} regexes in all: over the regex limit (Limits::max_regexes, --max-regexes)",
                            limits.max_regexes
                        ),
                    ));
                }
                if re.get_ref().len() > limits.max_regex_len {
                    return Err(over(
                        re.span().start,
                        format!("regexes[{k}]"),
                        format!(
                            "regex of {} bytes, longer than the limit of {} (Limits::max_regex_len, --max-regex-len); split it",
                            re.get_ref().len(),
                            limits.max_regex_len
                        ),
                    ));
                }
                regexes.push((idx, re.get_ref().clone()));
                regex_origins.push((si, idx as usize, k));
            }
            let entity = match &r.entity {
                Some(def) => {
                    let cond = def
                        .get_ref()
                        .compile(src, id, &|c| rates.usd.contains_key(c))?;
                    let kind = cond.kind().as_str();
                    entity_rules.push((idx, cond));
                    Some(kind)
                }
                None => None,
            };
            rules.push(RuleInfo {
                id: id.as_str().into(),
                category: categories[cat as usize].id.clone(),
                family: categories[cat as usize].family.clone(),
                weight: *r.weight.get_ref(),
                languages: r.languages.clone(),
                what: r.what.trim().to_owned(),
                why: r.why.trim().to_owned(),
                false_positives: r.false_positives.trim().to_owned(),
                phrases: r.phrases.iter().map(|p| p.get_ref().clone()).collect(),
                regexes: r.regexes.iter().map(|p| p.get_ref().clone()).collect(),
                entity,
                examples: r.examples.clone(),
                origin: src.origin.clone(),
                line: src.line_of(r.id.span().start),
                category_idx: cat,
            });
        }
    }

    // Combinations.
    let mut combinations = Vec::new();
    for src in &sources {
        for c in &src.doc.combination {
            let id = c.id.get_ref();
            claim(id, src, c.id.span().start)?;
            let family = c.family.get_ref();
            let Some(&family_idx) = family_index.get(family) else {
                return Err(src
                    .err(
                        PackErrorKind::UnknownReference,
                        c.family.span().start,
                        format!("unknown family `{family}`: no category belongs to it"),
                    )
                    .with_rule(id.as_str())
                    .with_field("family"));
            };
            let resolve =
                |terms: &[toml::Spanned<String>], field: &str| -> Result<Vec<Term>, PackError> {
                    terms
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let name = t.get_ref();
                            if let Some(&c) = category_index.get(name) {
                                Ok(Term::Category(c))
                            } else if let Some(&r) = rule_index.get(name) {
                                Ok(Term::Rule(r))
                            } else {
                                Err(src
                                    .err(
                                        PackErrorKind::UnknownReference,
                                        t.span().start,
                                        format!("unknown term `{name}`: not a category or rule id"),
                                    )
                                    .with_rule(id.as_str())
                                    .with_field(format!("{field}[{i}]")))
                            }
                        })
                        .collect()
                };
            let weight = *c.weight.get_ref();
            let names = |v: &[toml::Spanned<String>]| {
                v.iter().map(|t| t.get_ref().clone()).collect::<Vec<_>>()
            };
            let (all_of, any_of, of) = (
                resolve(&c.all_of, "all_of")?,
                resolve(&c.any_of, "any_of")?,
                resolve(&c.of, "of")?,
            );
            let terms = all_of.iter().chain(&any_of).chain(&of).copied().collect();
            combinations.push(Combination {
                all_of,
                any_of,
                of,
                terms,
                at_least: c.at_least,
                within: c.within,
                weight,
                family_idx,
                info: CombinationInfo {
                    id: id.as_str().into(),
                    family: families[family_idx as usize].clone(),
                    weight,
                    description: c.description.trim().to_owned(),
                    all_of: names(&c.all_of),
                    any_of: names(&c.any_of),
                    at_least: c.at_least,
                    of: names(&c.of),
                    within: c.within,
                    examples: c.examples.clone(),
                    origin: src.origin.clone(),
                },
            });
        }
    }

    // Overrides.
    let mut weights: Vec<f64> = rules.iter().map(|r| r.weight).collect();
    for (id, w) in overrides.weights {
        let Some(&r) = rule_index.get(id) else {
            return Err(PackError::new(
                PackErrorKind::UnknownRule,
                format!("cannot set the weight of unknown rule `{id}`"),
            )
            .with_rule(id.as_str()));
        };
        if !w.is_finite() || w.abs() > 100.0 {
            return Err(PackError::new(
                PackErrorKind::InvalidValue,
                "weight must be a finite number between -100 and 100",
            )
            .with_rule(id.as_str())
            .with_field("weight"));
        }
        weights[r as usize] = *w;
    }
    let mut disabled = vec![false; rules.len()];
    for id in overrides.disabled {
        let Some(&r) = rule_index.get(id) else {
            return Err(PackError::new(
                PackErrorKind::UnknownRule,
                format!("cannot disable unknown rule `{id}`"),
            )
            .with_rule(id.as_str()));
        };
        disabled[r as usize] = true;
        weights[r as usize] = 0.0;
    }

    // Phrases: normalised like the text. Their words (and the literal words of the regexes, added below)
    // are the normaliser's vocabulary, for leetspeak and for splitting words spelled letter by letter.
    let plain = Normalizer::default();
    let mut vocabulary: Vec<String> = Vec::new();
    // Russian words of phrases: their forms are derived when a text first needs the vocabulary.
    let mut russian: Vec<String> = Vec::new();
    // Words that only split runs spelled in Cyrillic text (see `Normalizer::with_vocabularies`).
    let mut script_words: Vec<String> = Vec::new();
    let mut phrases = Vec::new();
    for (rule, raw) in raw_phrases {
        if disabled[rule as usize] {
            continue;
        }
        let trimmed = raw.trim();
        let (open_start, open_end) = (trimmed.starts_with('*'), trimmed.ends_with('*'));
        let core = trimmed.trim_matches('*');
        let text = plain.normalize_phrase(core).trim().to_owned();
        if text.is_empty() {
            continue;
        }
        // A Cyrillic phrase's skeleton holds ASCII fragments ("в лс" → "b лc") that are no words: as
        // vocabulary they would split English spelled runs into nonsense.
        if has_cyrillic(core) {
            // Their whole skeleton words that keep a Cyrillic letter ("nuшu", "лc"), in every case
            // ending, split runs spelled in Cyrillic ("у д а л е н н о й" is one word, not "удаленно й").
            // Their forms are derived when a text first needs the vocabulary.
            russian.extend(
                core.split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase),
            );
        } else {
            vocabulary.extend(
                text.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned),
            );
        }
        let bound_start = !open_start && text.chars().next().is_some_and(is_spaced_word_char);
        let bound_end = !open_end && text.chars().next_back().is_some_and(is_spaced_word_char);
        phrases.push(PhraseSpec {
            rule,
            text,
            bound_start,
            bound_end,
        });
    }
    let kept_regexes: Vec<usize> = (0..regexes.len())
        .filter(|&k| !disabled[regexes[k].0 as usize])
        .collect();
    let builder = MatcherBuilder {
        phrases,
        regexes: kept_regexes.iter().map(|&k| regexes[k].clone()).collect(),
        max_patterns: limits.max_patterns,
        regex_size_limit: limits.max_regex_size,
        max_unprefixed: limits.max_unprefixed_regexes,
        max_regex_memory: limits.max_regex_memory,
        regex_cache: limits.max_regex_cache,
    };
    let make_errs: Vec<Box<dyn Fn(PackErrorKind, String) -> PackError + '_>> = kept_regexes
        .iter()
        .map(|&k| {
            let (si, ri, ki) = regex_origins[k];
            let src = sources[si];
            let def = src
                .doc
                .rule
                .iter()
                .find(|d| d.id.get_ref().as_str() == &*rules[ri].id)
                .expect("rule exists");
            let byte = def.regexes[ki].span().start;
            Box::new(move |kind, msg: String| src.err(kind, byte, msg))
                as Box<dyn Fn(PackErrorKind, String) -> PackError + '_>
        })
        .collect();
    let matcher = builder.build(&|k| {
        let (_, ri, ki) = regex_origins[kept_regexes[k]];
        RegexOrigin {
            rule_id: &rules[ri].id,
            field: format!("regexes[{ki}]"),
            make_err: &*make_errs[k],
        }
    })?;
    drop(make_errs);
    // Stems take noun and adjective endings and the common verb ones ("paбot" → "paбotatb").
    const VERB_FORMS: [&str; 20] = [
        "ть", "ать", "ять", "ить", "еть", "ает", "ают", "ешь", "ет", "ют", "ут", "ете", "ите",
        "аем", "ай", "айте", "ал", "ала", "али", "ся",
    ];
    let endings: Vec<String> = RU_ENDINGS
        .iter()
        .chain(["ы", "и", "ь"].iter())
        .chain(VERB_FORMS.iter())
        .map(|e| plain.normalize_phrase(e))
        .collect();
    let soft_sign = plain.normalize_phrase("ь");
    for &k in &kept_regexes {
        if !has_cyrillic(&regexes[k].1) {
            vocabulary.extend(regex_words(&regexes[k].1));
        } else {
            // A Russian regex's literals are stems written on the skeleton ("paбot\S{0,6}"): with
            // each case ending, they split Russian spelled runs at the words the rules look for.
            for stem in skeleton_words(&regexes[k].1) {
                // The soft sign (`b` on the skeleton) only after the consonants that take it.
                let soft = stem
                    .chars()
                    .next_back()
                    .is_some_and(|c| "thлcчшщжзд".contains(c));
                script_words.extend(
                    endings
                        .iter()
                        .filter(|e| soft || e.as_str() != soft_sign)
                        .map(|e| format!("{stem}{e}")),
                );
                script_words.push(stem);
            }
        }
    }
    // No sort or dedup of `vocabulary` here: the normaliser keeps the words as a set.
    script_words.sort_unstable();
    script_words.dedup();
    entity_rules.retain(|(r, _)| !disabled[*r as usize]);
    let rule_index = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i as u32))
        .collect();
    let topic_capable = topic_capable(&combinations, &rules, categories.len(), &weights, &disabled);
    Ok(Model {
        packs: infos,
        families,
        categories,
        rule_index,
        entity_rules,
        rates,
        rules,
        weights,
        disabled,
        combinations,
        topic_capable,
        matcher,
        normalizer: Normalizer::with_derived_vocabulary(
            vocabulary,
            script_words,
            russian,
            russian_vocabulary,
        ),
    })
}

/// For each combination: could topic rules (weight 0) alone satisfy it? Most texts with any hit have
/// only topic words ("thanks", "call"), and the scorer checks just these combinations for them.
fn topic_capable(
    combinations: &[Combination],
    rules: &[RuleInfo],
    n_categories: usize,
    weights: &[f64],
    disabled: &[bool],
) -> Vec<bool> {
    let is_topic = |r: usize| weights[r] == 0.0 && !disabled[r];
    let mut topic_category = vec![false; n_categories];
    for (r, rule) in rules.iter().enumerate() {
        if is_topic(r) {
            topic_category[rule.category_idx as usize] = true;
        }
    }
    let capable = |t: &Term| match *t {
        Term::Rule(r) => is_topic(r as usize),
        Term::Category(c) => topic_category[c as usize],
    };
    combinations
        .iter()
        .map(|c| {
            c.all_of.iter().all(capable)
                && (c.any_of.is_empty() || c.any_of.iter().any(capable))
                && c.of.iter().filter(|t| capable(t)).count() >= c.at_least
        })
        .collect()
}

/// Russian case and number endings, longest first (nouns, adjectives, participles).
const RU_ENDINGS: [&str; 34] = [
    "ого", "его", "ому", "ему", "ами", "ями", "ыми", "ими", "ой", "ей", "ою", "ая", "яя", "ое",
    "ее", "ые", "ие", "ый", "ий", "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "а",
    "я", "у", "ю", "е",
];

/// The folded forms of Russian words for the vocabulary ([`RussianForms`]).
fn russian_vocabulary(words: &[String]) -> (Vec<String>, Vec<String>) {
    let plain = Normalizer::default();
    let mut forms = RussianForms::default();
    let (mut vocabulary, mut script) = (Vec::new(), Vec::new());
    for w in words {
        forms.add(&plain, w, &mut vocabulary, &mut script);
    }
    (vocabulary, script)
}

/// The folded forms of the Russian words of a pack's phrases, for the vocabulary. Phrases repeat their
/// words, and the words of one stem share their forms: each word, stem and form is handled once, since
/// folding the forms (thousands of non-ASCII words) was a fifth of building the built-in pack.
#[derive(Default)]
struct RussianForms {
    words: HashSet<String>,
    stems: HashSet<String>,
    forms: HashSet<String>,
}

impl RussianForms {
    /// Adds the folded forms of [`inflections`] of `word` (lower case) not added yet: to `vocabulary`
    /// those that keep a Cyrillic letter, to `script` those all of look-alikes ("крипто" reads
    /// "kpunto": a word of Russian runs only). A form takes a soft sign only where it fits.
    fn add(
        &mut self,
        plain: &Normalizer,
        word: &str,
        vocabulary: &mut Vec<String>,
        script: &mut Vec<String>,
    ) {
        if !self.words.insert(word.to_owned()) {
            return;
        }
        let mut forms = vec![word.to_owned()];
        for stem in inflection_stems(word) {
            if self.stems.insert(stem.clone()) {
                forms.extend(stem_forms(&stem));
            }
        }
        for form in forms {
            if !self.forms.contains(&form) {
                if form == word || soft_sign_fits(&form) {
                    let folded = plain.normalize_phrase(&form);
                    if has_cyrillic(&folded) {
                        vocabulary.push(folded);
                    } else {
                        script.push(folded);
                    }
                }
                self.forms.insert(form);
            }
        }
    }
}

/// A Russian word and its forms with the other endings of [`RU_ENDINGS`] (plus `ы`, `и`, `ь`-less
/// stems): "удаленной" gives "удаленная", "удаленного", "удаленную"… Over-generation only adds
/// vocabulary words, which cost nothing when no text spells them out.
#[cfg(test)]
fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    for stem in inflection_stems(word) {
        out.extend(stem_forms(&stem));
    }
    out
}

/// A stem and the stem with each ending of [`RU_ENDINGS`] (plus `ы`, `и`, `ь`).
fn stem_forms(stem: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(stem.to_owned()).chain(
        RU_ENDINGS
            .iter()
            .chain(["ы", "и", "ь"].iter())
            .map(move |e| format!("{stem}{e}")),
    )
}

/// The stems [`inflections`] puts every ending on: none for short words, other scripts and verbs; the
/// word without its ending, and without a fleeting vowel ("заработок" → "заработок", "заработк").
fn inflection_stems(word: &str) -> Vec<String> {
    let chars = word.chars().count();
    if chars < 4
        || !word
            .chars()
            .all(|c| ('\u{0430}'..='\u{044F}').contains(&c) || c == 'ё')
    {
        return Vec::new();
    }
    // Verbs take other endings; inflecting them as nouns makes words that hide a following
    // preposition ("пишите" + "ев" reads like "пишите в").
    const VERB_ENDINGS: [&str; 17] = [
        "те", "ть", "ся", "сь", "ет", "ёт", "ют", "ут", "ит", "ат", "ят", "ешь", "ишь", "аю", "яю",
        "ем", "им",
    ];
    if VERB_ENDINGS.iter().any(|e| word.ends_with(e)) {
        return Vec::new();
    }
    let stem = RU_ENDINGS
        .iter()
        .chain(["ы", "и", "ь"].iter())
        .find(|e| word.ends_with(**e) && chars - e.chars().count() >= 3)
        .map_or(word, |e| &word[..word.len() - e.len()]);
    // A fleeting vowel: "заработок" → "заработка", "человек" keeps it (the stem must stay 3+ letters).
    let fleeting = ["ок", "ек", "ец"]
        .iter()
        .find(|e| word.ends_with(**e) && chars >= 6)
        .map(|e| format!("{}{}", &word[..word.len() - e.len()], &e[e.len() - 2..]));
    std::iter::once(stem.to_owned()).chain(fleeting).collect()
}

/// True when `s` holds a Cyrillic letter: such a phrase or regex is written for the folded skeleton
/// of Russian text, and its ASCII fragments are not vocabulary words.
fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{052F}').contains(&c))
}

/// The literal words (three or more ASCII letters) written in a regex, for the normaliser's vocabulary:
/// `(?:earn|\bget) (?:usdt|\$)` gives `earn`, `get`, `usdt`. Escapes such as `\b` or `\x27` never
/// join a word.
pub(crate) fn regex_words(pattern: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c.is_ascii_lowercase() {
            cur.push(c);
            continue;
        }
        if cur.len() >= 3 {
            words.push(std::mem::take(&mut cur));
        }
        cur.clear();
        if c == '\\' {
            chars.next();
        }
    }
    if cur.len() >= 3 {
        words.push(cur);
    }
    words
}

/// False for a generated form ending in a soft sign after a consonant that rarely takes one
/// ("человекь"): on the skeleton `ь` reads `b` like the preposition `в`, and such a form would glue
/// "ч е л о в е к в к о м а н д у" into `чeлobekb komahдy`.
fn soft_sign_fits(form: &str) -> bool {
    let mut rev = form.chars().rev();
    match (rev.next(), rev.next()) {
        (Some('ь'), Some(p)) => "тнлсчшщжзд".contains(p),
        _ => true,
    }
}

/// The literal words (three or more letters, ASCII lower case or Cyrillic) written in a regex for
/// the skeleton of Russian text: `(?:yдaлeh|дuctahцuoh)\S{0,6} paбot` gives `yдaлeh`, `дuctahцuoh`,
/// `paбot`. Escapes such as `\S` never join a word.
pub(crate) fn skeleton_words(pattern: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut chars = pattern.chars();
    loop {
        let c = chars.next();
        if let Some(c) =
            c.filter(|&c| c.is_ascii_lowercase() || ('\u{0430}'..='\u{044F}').contains(&c))
        {
            cur.push(c);
            continue;
        }
        if cur.chars().count() >= 3 {
            words.push(std::mem::take(&mut cur));
        }
        cur.clear();
        match c {
            Some('\\') => {
                chars.next();
            }
            Some(_) => {}
            None => return words,
        }
    }
}

/// The known name closest to `name` by edit distance, if it is close.
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    fn dist(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                cur.push(
                    (prev[j] + usize::from(ca != *cb))
                        .min(prev[j + 1] + 1)
                        .min(cur[j] + 1),
                );
            }
            prev = cur;
        }
        prev[b.len()]
    }
    known
        .iter()
        .map(|k| (dist(name, k), *k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Handling each word, stem and form once gives the vocabulary that folding every form of every
    /// word occurrence gives: repeated words, words of one stem, fleeting vowels, verbs, short words.
    #[test]
    fn russian_forms_once_are_all_forms() {
        let words = [
            "удаленной",
            "удаленная",
            "удаленной",
            "заработок",
            "заработка",
            "пишите",
            "в",
            "лс",
            "работа",
            "работу",
            "ёлка",
            "telegram",
            "крипто",
            "команда",
            "команду",
        ];
        let plain = Normalizer::default();
        let (mut naive, mut naive_script) = (HashSet::new(), HashSet::new());
        for w in words {
            for form in inflections(w) {
                if form != *w && !soft_sign_fits(&form) {
                    continue;
                }
                let folded = plain.normalize_phrase(&form);
                if has_cyrillic(&folded) {
                    naive.insert(folded);
                } else {
                    naive_script.insert(folded);
                }
            }
        }
        let mut once = RussianForms::default();
        let (mut vocabulary, mut script) = (Vec::new(), Vec::new());
        for w in words {
            once.add(&plain, w, &mut vocabulary, &mut script);
        }
        assert!(naive.len() > 3 * words.len(), "words were inflected");
        assert!(!naive_script.is_empty(), "крипто folds to look-alikes only");
        let once_set: HashSet<String> = vocabulary.iter().cloned().collect();
        assert_eq!(once_set, naive);
        let once_script: HashSet<String> = script.iter().cloned().collect();
        assert_eq!(once_script, naive_script);
    }
}
