//! Stage 4 of the pipeline: the explained result of classifying one text.
//!
//! Invariant: a [`Verdict`] stores indices into the classifier that made it (rules, categories,
//! families, combinations) plus byte spans of the original text, never copies of names or text. Names
//! resolve through the one `Arc` the verdict holds; texts and host offsets (chars, UTF-16) are computed
//! only when a surface asks, from the original text it passes in. Fields are private, so the type can
//! grow (as it did with [`entities`](Verdict::entities)) without breaking anyone.

use std::fmt;
use std::sync::Arc;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use crate::entity::Entity;
use crate::model::{CategoryInfo, CombinationInfo, Model, RuleInfo};
use crate::offsets::HostOffsets;

/// The overall call on a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Nothing, or too little, points to a scam.
    Clean,
    /// Evidence for a scam family, not conclusive: review it.
    Suspicious,
    /// Strong evidence from at least two independent indicator categories of one family.
    Scam,
}

impl Label {
    /// `"clean"`, `"suspicious"` or `"scam"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Clean => "clean",
            Label::Suspicious => "suspicious",
            Label::Scam => "scam",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "clean" => Ok(Label::Clean),
            "suspicious" => Ok(Label::Suspicious),
            "scam" => Ok(Label::Scam),
            other => Err(format!(
                "unknown verdict `{other}` (expected clean, suspicious or scam)"
            )),
        }
    }
}

/// A rule occurrence as stored in a verdict: rule index and original byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: u32,
}

/// How one category contributed, as stored in a verdict.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    pub(crate) category: u32,
    pub(crate) points: f64,
    pub(crate) rules: Vec<u32>,
}

/// The explained result of classifying one text.
///
/// Cheap to build: a clean text without entities allocates nothing. Read it with accessors; turn it
/// into the JSON record the CLI writes with [`record`](Verdict::record).
#[derive(Clone)]
pub struct Verdict {
    pub(crate) model: Arc<Model>,
    pub(crate) label: Label,
    pub(crate) top: Option<u32>,
    /// Evidence points per family (classifier order); empty when there is no evidence.
    pub(crate) points: Vec<f64>,
    pub(crate) hits: Vec<Span>,
    pub(crate) combinations: Vec<u32>,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) truncated: bool,
    /// The factor `describes` counter-evidence scaled the points by (1 when none fired).
    pub(crate) framing_scale: f64,
}

impl fmt::Debug for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verdict")
            .field("label", &self.label)
            .field("score", &self.score())
            .field("family", &self.family())
            .field("hits", &self.hits().collect::<Vec<_>>())
            .field(
                "combinations",
                &self.combinations().map(|c| &*c.id).collect::<Vec<_>>(),
            )
            .field("entities", &self.entities)
            .field("truncated", &self.truncated)
            .finish()
    }
}

impl PartialEq for Verdict {
    /// Two verdicts are equal when they say the same thing: same label, hits, combinations,
    /// evidence and entities, from classifiers with the same rules.
    fn eq(&self, other: &Self) -> bool {
        self.label == other.label
            && self.top == other.top
            && self.points == other.points
            && self.hits == other.hits
            && self.combinations == other.combinations
            && self.evidence == other.evidence
            && self.entities == other.entities
            && self.truncated == other.truncated
            && self.framing_scale == other.framing_scale
            && (Arc::ptr_eq(&self.model, &other.model)
                || self.model.rules.iter().map(|r| &r.id).eq(other
                    .model
                    .rules
                    .iter()
                    .map(|r| &r.id)))
    }
}

pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Verdict {
    /// The factor by which evidence that the text *describes* scams (an advisory, a news report)
    /// scaled every family's points: 1 when there is none, smaller the stronger it is, and closer to 1
    /// again when the text also solicits the reader (see [`crate::Framing`]).
    pub fn framing_scale(&self) -> f64 {
        self.framing_scale
    }

    /// `clean`, `suspicious` or `scam`.
    pub fn label(&self) -> Label {
        self.label
    }

    /// True unless the verdict is `clean`.
    pub fn is_flagged(&self) -> bool {
        self.label != Label::Clean
    }

    /// Risk of the top family, 0–1 (rounded to 4 decimals).
    pub fn score(&self) -> f64 {
        self.top
            .map_or(0.0, |f| round4(crate::score::risk(self.points[f as usize])))
    }

    /// The family with the most evidence, if any evidence was found.
    pub fn family(&self) -> Option<&str> {
        self.top.map(|f| &*self.model.families[f as usize])
    }

    /// Risk (0–1, rounded to 4 decimals) of every family the classifier knows, in its order.
    pub fn families(&self) -> impl ExactSizeIterator<Item = (&str, f64)> + '_ {
        self.model.families.iter().enumerate().map(|(i, f)| {
            let p = self.points.get(i).copied().unwrap_or(0.0);
            (&**f, round4(crate::score::risk(p)))
        })
    }

    /// Evidence points of each family with any, before the risk mapping (rounded to 4 decimals).
    pub fn points(&self) -> impl Iterator<Item = (&str, f64)> + '_ {
        self.model
            .families
            .iter()
            .zip(&self.points)
            .filter(|(_, p)| **p != 0.0)
            .map(|(f, p)| (&**f, round4(*p)))
    }

    /// Every rule occurrence, counter-evidence included, in text order.
    pub fn hits(&self) -> impl ExactSizeIterator<Item = Hit<'_>> + DoubleEndedIterator + '_ {
        self.hits.iter().map(move |s| Hit {
            rule: &self.model.rules[s.rule as usize],
            weight: self.model.weights[s.rule as usize],
            start: s.start,
            end: s.end,
        })
    }

    /// The combinations that fired.
    pub fn combinations(&self) -> impl ExactSizeIterator<Item = &CombinationInfo> + '_ {
        self.combinations
            .iter()
            .map(move |&k| &self.model.combinations[k as usize].info)
    }

    /// Points per category, the basis of the score.
    pub fn evidence(&self) -> impl ExactSizeIterator<Item = CategoryEvidence<'_>> + '_ {
        self.evidence.iter().map(move |e| CategoryEvidence {
            model: &self.model,
            category: &self.model.categories[e.category as usize],
            points: round4(e.points),
            rules: &e.rules,
        })
    }

    /// The typed entities found (amounts, promised returns, contacts, wallets), in text order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// True when the text was longer than the input limit and only its first part was classified.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// A serialisable view: the JSON record the CLI writes, with each hit's and entity's text and char
    /// offsets taken from `text`, which must be the text that was classified.
    pub fn record<'a>(&'a self, text: &'a str) -> Record<'a> {
        Record {
            verdict: self,
            text,
            utf16: false,
            docs: false,
        }
    }
}

/// One occurrence of a rule in the text: a view into a [`Verdict`], resolving to the rule's metadata
/// without copying it.
#[derive(Clone, Copy)]
pub struct Hit<'a> {
    rule: &'a RuleInfo,
    weight: f64,
    start: usize,
    end: usize,
}

impl fmt::Debug for Hit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hit")
            .field("rule", &&*self.rule.id)
            .field("weight", &self.weight)
            .field("span", &(self.start..self.end))
            .finish()
    }
}

impl<'a> Hit<'a> {
    /// The rule, with its metadata and documentation.
    pub fn rule(&self) -> &'a RuleInfo {
        self.rule
    }

    /// The rule's id.
    pub fn rule_id(&self) -> &'a str {
        &self.rule.id
    }

    /// The rule's category.
    pub fn category(&self) -> &'a str {
        &self.rule.category
    }

    /// The family the category counts toward (`*` for counter-evidence that applies to all).
    pub fn family(&self) -> &'a str {
        &self.rule.family
    }

    /// The rule's effective weight in evidence points (after builder overrides); negative for
    /// counter-evidence.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// True when this hit is counter-evidence (negative weight).
    pub fn is_counter(&self) -> bool {
        self.weight < 0.0
    }

    /// Byte offset of the start of the matched span in the original text (a char boundary).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset of the end (exclusive) of the matched span in the original text.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range in the original text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The matched text: `&text[start..end]` of the classified `text` (empty if `text` is another one).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How one category contributed to a family's points.
#[derive(Clone, Copy)]
pub struct CategoryEvidence<'a> {
    model: &'a Model,
    category: &'a CategoryInfo,
    points: f64,
    rules: &'a [u32],
}

impl fmt::Debug for CategoryEvidence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CategoryEvidence")
            .field("category", &&*self.category.id)
            .field("points", &self.points)
            .finish()
    }
}

impl<'a> CategoryEvidence<'a> {
    /// The category.
    pub fn category(&self) -> &'a CategoryInfo {
        self.category
    }

    /// Points after diminishing returns over its rules (negative for counter-evidence).
    pub fn points(&self) -> f64 {
        self.points
    }

    /// The distinct rules of the category that fired.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = &'a RuleInfo> + 'a {
        let model = self.model;
        self.rules.iter().map(move |&r| &model.rules[r as usize])
    }
}

/// A serialisable view of a [`Verdict`] with the original text: what the CLI writes per record and the
/// bindings convert. Hits carry `rule`, `category`, `family`, `weight`, byte `start`/`end`,
/// `char_start`/`char_end` (Python string indices), optionally `utf16_start`/`utf16_end` (JavaScript
/// string indices), and `text`; entities carry the same offsets.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    verdict: &'a Verdict,
    text: &'a str,
    utf16: bool,
    docs: bool,
}

impl fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("verdict", self.verdict)
            .finish()
    }
}

impl Record<'_> {
    /// Write `start`/`end` as UTF-16 code unit offsets (JavaScript string indices) instead of byte
    /// offsets plus `char_start`/`char_end`, for JavaScript hosts.
    pub fn utf16(mut self, yes: bool) -> Self {
        self.utf16 = yes;
        self
    }

    /// Also write the explanation: each hit's rule documentation (`what`, `why`, `false_positives`)
    /// and `counter`, each combination's description, the points per category (`evidence`) and per
    /// family (`points`), for surfaces that explain to people.
    pub fn with_explanation(mut self, yes: bool) -> Self {
        self.docs = yes;
        self
    }
}

struct Families<'a>(&'a Verdict);
impl Serialize for Families<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.model.families.len()))?;
        for (f, r) in self.0.families() {
            m.serialize_entry(f, &r)?;
        }
        m.end()
    }
}

struct Points<'a>(&'a Verdict);
impl Serialize for Points<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, p) in self.0.points() {
            m.serialize_entry(f, &p)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct HitOut<'a> {
    rule: &'a str,
    category: &'a str,
    family: &'a str,
    weight: f64,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_end: Option<usize>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    what: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    false_positives: Option<&'a str>,
}

#[derive(Serialize)]
struct CombinationOut<'a> {
    id: &'a str,
    family: &'a str,
    weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    category: &'a str,
    family: &'a str,
    points: f64,
    rules: Vec<&'a str>,
}

struct Seq<I>(std::cell::Cell<Option<I>>);
impl<I: Iterator<Item = T>, T: Serialize> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let it = self.0.take().expect("serialised once");
        let mut seq = s.serialize_seq(None)?;
        for x in it {
            seq.serialize_element(&x)?;
        }
        seq.end()
    }
}
fn seq<I>(it: I) -> Seq<I> {
    Seq(std::cell::Cell::new(Some(it)))
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.verdict;
        let text = self.text;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("verdict", &v.label)?;
        m.serialize_entry("score", &v.score())?;
        m.serialize_entry("family", &v.family())?;
        m.serialize_entry("families", &Families(v))?;
        let mut offsets = HostOffsets::new(text);
        let hits: Vec<HitOut<'_>> = v
            .hits()
            .map(|h| {
                let (start, end, cs, ce) = if self.utf16 {
                    let (a, b) = offsets.utf16(h.start, h.end);
                    (a, b, None, None)
                } else {
                    let (a, b) = offsets.chars(h.start, h.end);
                    (h.start, h.end, Some(a), Some(b))
                };
                let r = h.rule();
                let docs = self.docs;
                HitOut {
                    rule: h.rule_id(),
                    category: h.category(),
                    family: h.family(),
                    weight: h.weight(),
                    start,
                    end,
                    char_start: cs,
                    char_end: ce,
                    text: h.text(text),
                    counter: docs.then_some(h.is_counter()),
                    what: docs.then_some(r.what.as_str()),
                    why: docs.then_some(r.why.as_str()),
                    false_positives: docs.then_some(r.false_positives.as_str()),
                }
            })
            .collect();
        m.serialize_entry("hits", &hits)?;
        m.serialize_entry(
            "combinations",
            &seq(v.combinations().map(|c| CombinationOut {
                id: &c.id,
                family: &c.family,
                weight: c.weight,
                description: self.docs.then_some(c.description.as_str()),
            })),
        )?;
        let ents: Vec<_> = v
            .entities
            .iter()
            .map(|e| e.record_with(text, &mut offsets, self.utf16))
            .collect();
        m.serialize_entry("entities", &ents)?;
        if self.docs && !v.evidence.is_empty() {
            m.serialize_entry(
                "evidence",
                &seq(v.evidence().map(|e| EvidenceOut {
                    category: &e.category.id,
                    family: &e.category.family,
                    points: e.points,
                    rules: e.rules().map(|r| &*r.id).collect(),
                })),
            )?;
        }
        if self.docs && !v.points.is_empty() {
            m.serialize_entry("points", &Points(v))?;
        }
        if v.framing_scale < 1.0 {
            // Only when an advisory or report framing scaled the evidence down: say by how much.
            m.serialize_entry("framing_scale", &round4(v.framing_scale))?;
        }
        if v.truncated {
            m.serialize_entry("truncated", &true)?;
        }
        m.end()
    }
}
