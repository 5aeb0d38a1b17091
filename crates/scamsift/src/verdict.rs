//! Stage 4 of the pipeline: the explained result of classifying one text.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

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

/// One occurrence of a rule in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The rule's id.
    pub rule: Arc<str>,
    /// The rule's category.
    pub category: Arc<str>,
    /// The family the category counts toward (`*` for counter-evidence that applies to all).
    pub family: Arc<str>,
    /// The rule's weight in evidence points; negative for counter-evidence.
    pub weight: f64,
    /// Byte offset of the start of the matched span in the original text.
    pub start: usize,
    /// Byte offset of the end (exclusive) of the matched span in the original text.
    pub end: usize,
    /// Char (Unicode scalar value) offset of the start: a Python string index.
    pub char_start: usize,
    /// Char offset of the end (exclusive).
    pub char_end: usize,
    /// The original text of the span, exactly `&text[start..end]`.
    pub text: String,
}

impl Hit {
    /// True when this hit is counter-evidence (negative weight).
    pub fn is_counter(&self) -> bool {
        self.weight < 0.0
    }
}

/// A combination that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CombinationHit {
    /// The combination's id.
    pub id: Arc<str>,
    /// The family it adds to.
    pub family: Arc<str>,
    /// Points it adds.
    pub weight: f64,
}

/// How one category contributed to a family's points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryEvidence {
    /// Category id.
    pub category: Arc<str>,
    /// Family it counts toward (`*`: all families).
    pub family: Arc<str>,
    /// Points after diminishing returns over its rules (negative for counter-evidence).
    pub points: f64,
    /// Distinct rules of the category that fired.
    pub rules: Vec<Arc<str>>,
}

/// The explained result of classifying one text. Serialises to the JSON record the CLI writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// `clean`, `suspicious` or `scam`.
    pub verdict: Label,
    /// Risk of the top family, 0–1.
    pub score: f64,
    /// The family with the most evidence, if any evidence was found.
    pub family: Option<Arc<str>>,
    /// Risk (0–1) of every family the classifier knows.
    pub families: BTreeMap<Arc<str>, f64>,
    /// Every rule occurrence, counter-evidence included, in text order.
    pub hits: Vec<Hit>,
    /// Combinations that fired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combinations: Vec<CombinationHit>,
    /// Points per category, the basis of the score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<CategoryEvidence>,
    /// Evidence points of each family before the risk mapping.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<Arc<str>, f64>,
    /// True when the text was longer than the input limit and only its first part was classified.
    #[serde(default)]
    pub truncated: bool,
}

impl Verdict {
    /// True unless the verdict is `clean`.
    pub fn is_flagged(&self) -> bool {
        self.verdict != Label::Clean
    }

    /// The start and end of each hit as UTF-16 code unit offsets into `text` (JavaScript string
    /// indices). `text` must be the text that was classified.
    pub fn utf16_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(self.hits.len());
        // Hits are sorted by start; walk the text once.
        let mut byte = 0usize;
        let mut units = 0usize;
        let to_units = |target: usize, byte: &mut usize, units: &mut usize| {
            if target < *byte {
                *byte = 0;
                *units = 0;
            }
            let target = target.min(text.len());
            *units += text
                .get(*byte..target)
                .map_or(0, |s| s.encode_utf16().count());
            *byte = target;
            *units
        };
        for h in &self.hits {
            let s = to_units(h.start, &mut byte, &mut units);
            let (b0, u0) = (byte, units);
            let e = to_units(h.end, &mut byte, &mut units);
            // Rewind so the next start (which may lie before this end) is counted correctly.
            byte = b0;
            units = u0;
            out.push((s, e));
        }
        out
    }
}
