//! The declarative pack format (TOML): parsing and validation into plain definitions.
//!
//! See `docs/pack-format.md` for the format. This module only reads and checks documents; compiling
//! them into a matcher happens in [`crate::matcher`].

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{PackError, PackErrorKind};

/// A pack's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// Pack name, e.g. `scamsift-builtin`.
    pub name: String,
    /// Pack version, e.g. `1.0.0`.
    pub version: String,
    /// Languages the pack covers (ISO 639-1 codes).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub description: String,
}

/// Texts a rule or combination must fire on (`positive`) and stay silent on (`negative`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The rule must fire on each of these.
    #[serde(default)]
    pub positive: Vec<String>,
    /// The rule must not fire on any of these.
    #[serde(default)]
    pub negative: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    pub(crate) pack: Option<Spanned<PackInfo>>,
    #[serde(default)]
    pub(crate) category: Vec<CategoryDef>,
    #[serde(default)]
    pub(crate) rule: Vec<RuleDef>,
    #[serde(default)]
    pub(crate) combination: Vec<CombinationDef>,
    #[serde(default)]
    pub(crate) rates: Option<RatesDef>,
}

/// `[rates]`: the dated exchange-rate table that turns amounts into US dollars.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RatesDef {
    /// The date the rates were taken (YYYY-MM-DD).
    pub(crate) as_of: Spanned<String>,
    /// Where they were taken from.
    #[serde(default)]
    pub(crate) source: String,
    /// US dollars per one unit of each currency, by upper-case code.
    pub(crate) usd: std::collections::BTreeMap<String, Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CategoryDef {
    pub(crate) id: Spanned<String>,
    pub(crate) family: Spanned<String>,
    #[serde(default)]
    pub(crate) description: String,
    /// `"describes"` (counter-evidence that scales the evidence down) or `"solicits"`.
    #[serde(default)]
    pub(crate) framing: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub(crate) id: Spanned<String>,
    pub(crate) category: Spanned<String>,
    pub(crate) weight: Spanned<f64>,
    #[serde(default)]
    pub(crate) languages: Vec<String>,
    /// What the rule matches.
    #[serde(default)]
    pub(crate) what: String,
    /// Why it is a scam signal (or, for counter-evidence, why it lowers the risk).
    #[serde(default)]
    pub(crate) why: String,
    /// Known false positives.
    #[serde(default)]
    pub(crate) false_positives: String,
    #[serde(default)]
    pub(crate) phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) regexes: Vec<Spanned<String>>,
    /// A condition on typed entities instead of phrases and regexes.
    #[serde(default)]
    pub(crate) entity: Option<Spanned<crate::entity::cond::EntityCondDef>>,
    #[serde(default)]
    pub(crate) examples: Examples,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CombinationDef {
    pub(crate) id: Spanned<String>,
    pub(crate) family: Spanned<String>,
    pub(crate) weight: Spanned<f64>,
    #[serde(default)]
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) all_of: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) any_of: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) at_least: usize,
    #[serde(default)]
    pub(crate) of: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) within: Option<usize>,
    #[serde(default)]
    pub(crate) examples: Examples,
}

/// One parsed source document with its name and text kept for error positions.
#[derive(Debug)]
pub(crate) struct Source {
    pub(crate) origin: String,
    pub(crate) text: String,
    pub(crate) doc: Document,
    /// Byte offsets of the `\n`s of `text`, for line numbers.
    newlines: Vec<usize>,
}

impl Source {
    /// The 1-based line of a byte offset.
    pub(crate) fn line_of(&self, byte: usize) -> usize {
        self.newlines.partition_point(|&n| n < byte) + 1
    }

    pub(crate) fn err(
        &self,
        kind: PackErrorKind,
        byte: usize,
        msg: impl Into<String>,
    ) -> PackError {
        PackError::new(kind, msg)
            .with_origin(&self.origin)
            .at(&self.text, byte)
    }
}

/// Parses one TOML document. Syntax and schema errors name the file, line, column, the enclosing
/// rule (found from the nearest `[[rule]]` header) and the field.
pub(crate) fn parse(origin: &str, text: &str) -> Result<Source, PackError> {
    match toml::from_str::<Document>(text) {
        Ok(doc) => {
            let src = Source {
                origin: origin.to_owned(),
                text: text.to_owned(),
                doc,
                newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
            };
            validate_shapes(&src)?;
            Ok(src)
        }
        Err(e) => {
            let mut err = PackError::new(PackErrorKind::Syntax, clean_toml_message(e.message()))
                .with_origin(origin);
            if let Some(span) = e.span() {
                err = err.at(text, span.start);
                if let Some(id) = enclosing_item_id(text, span.start) {
                    err = err.with_rule(id);
                }
                if let Some(field) =
                    field_from_message(e.message()).or_else(|| key_at(text, span.start))
                {
                    err = err.with_field(field);
                }
            }
            Err(err)
        }
    }
}

fn clean_toml_message(m: &str) -> String {
    m.trim().replace('\n', " ")
}

/// `missing field `weight`` → `weight`.
fn field_from_message(m: &str) -> Option<String> {
    for prefix in ["missing field `", "unknown field `", "duplicate key `"] {
        if let Some(rest) = m.find(prefix).map(|i| &m[i + prefix.len()..]) {
            return rest.split('`').next().map(str::to_owned);
        }
    }
    None
}

/// The key on the line holding `byte`, for type errors whose span is the value.
fn key_at(text: &str, byte: usize) -> Option<String> {
    let byte = byte.min(text.len());
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_owned())
}

/// The `id` of the `[[rule]]`/`[[category]]`/`[[combination]]` table that contains `byte`.
fn enclosing_item_id(text: &str, byte: usize) -> Option<String> {
    let byte = byte.min(text.len());
    // Search up to the end of the error's line, so a span on a header line finds that header.
    let line_end = text[byte..].find('\n').map_or(text.len(), |i| byte + i);
    let header = ["[[rule]]", "[[category]]", "[[combination]]"]
        .iter()
        .filter_map(|h| text[..line_end].rfind(h))
        .max()?;
    let after = &text[header..];
    let next_header = after[2..].find("\n[").map_or(after.len(), |i| i + 2);
    for line in after[..next_header].lines() {
        if let Some((k, v)) = line.split_once('=') {
            if k.trim() == "id" {
                let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                return Some(v.to_owned());
            }
        }
    }
    None
}

fn valid_id(id: &str, allow_dot: bool) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'_'
                || (allow_dot && (b == b'.' || b == b'-'))
        })
}

/// Widest proximity window of a combination, in bytes (16 MiB: wider than any text classified whole).
const MAX_WITHIN: usize = 16 << 20;

/// Checks that need one document only: id syntax, weights, non-empty patterns.
fn validate_shapes(src: &Source) -> Result<(), PackError> {
    for c in &src.doc.category {
        if !valid_id(c.id.get_ref(), false) {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.id.span().start,
                    "category ids use only a-z, 0-9 and _",
                )
                .with_rule(c.id.get_ref().as_str())
                .with_field("id"));
        }
        if c.family.get_ref() != "*" && !valid_id(c.family.get_ref(), false) {
            return Err(src
                .err(PackErrorKind::InvalidValue, c.family.span().start, "family names use only a-z, 0-9 and _ (or \"*\" for counter-evidence that applies to every family)")
                .with_rule(c.id.get_ref().as_str())
                .with_field("family"));
        }
    }
    for r in &src.doc.rule {
        let id = r.id.get_ref();
        if !valid_id(id, true) {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    r.id.span().start,
                    "rule ids use only a-z, 0-9, _, . and -",
                )
                .with_rule(id.as_str())
                .with_field("id"));
        }
        let w = *r.weight.get_ref();
        if !w.is_finite() || w.abs() > 100.0 {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    r.weight.span().start,
                    "weight must be a finite number between -100 and 100",
                )
                .with_rule(id.as_str())
                .with_field("weight"));
        }
        let patterns = !r.phrases.is_empty() || !r.regexes.is_empty();
        match (&r.entity, patterns) {
            (None, false) => {
                return Err(src
                    .err(
                        PackErrorKind::InvalidValue,
                        r.id.span().start,
                        "a rule needs at least one entry in `phrases` or `regexes`, or an `entity` condition",
                    )
                    .with_rule(id.as_str())
                    .with_field("phrases"));
            }
            (Some(e), true) => {
                return Err(src
                    .err(
                        PackErrorKind::InvalidValue,
                        e.span().start,
                        "a rule has either an `entity` condition or `phrases`/`regexes`, not both: split it in two and combine them with a [[combination]]",
                    )
                    .with_rule(id.as_str())
                    .with_field("entity"));
            }
            _ => {}
        }
        for (i, p) in r.phrases.iter().enumerate() {
            if p.get_ref()
                .trim_matches(|c: char| c == '*' || c.is_whitespace())
                .is_empty()
            {
                return Err(src
                    .err(PackErrorKind::InvalidValue, p.span().start, "empty phrase")
                    .with_rule(id.as_str())
                    .with_field(format!("phrases[{i}]")));
            }
        }
    }
    if let Some(rates) = &src.doc.rates {
        let d = rates.as_of.get_ref();
        let dated = d.len() == 10
            && d.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !dated {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    rates.as_of.span().start,
                    format!("`as_of` must be a date YYYY-MM-DD, not `{d}`"),
                )
                .with_field("rates.as_of"));
        }
        for (code, v) in &rates.usd {
            let ok_code = (2..=5).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if !ok_code {
                return Err(src
                    .err(
                        PackErrorKind::InvalidValue,
                        v.span().start,
                        format!(
                            "currency codes are 2-5 upper-case letters or digits, not `{code}`"
                        ),
                    )
                    .with_field(format!("rates.usd.{code}")));
            }
            let x = *v.get_ref();
            if !(x.is_finite() && x > 0.0 && x < 1e9) {
                return Err(src
                    .err(
                        PackErrorKind::InvalidValue,
                        v.span().start,
                        format!("the rate of `{code}` must be a positive finite number of US dollars per unit"),
                    )
                    .with_field(format!("rates.usd.{code}")));
            }
        }
    }
    for c in &src.doc.combination {
        let id = c.id.get_ref();
        if !valid_id(id, true) {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.id.span().start,
                    "combination ids use only a-z, 0-9, _, . and -",
                )
                .with_rule(id.as_str())
                .with_field("id"));
        }
        let w = *c.weight.get_ref();
        if !w.is_finite() || w.abs() > 100.0 {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.weight.span().start,
                    "weight must be a finite number between -100 and 100",
                )
                .with_rule(id.as_str())
                .with_field("weight"));
        }
        if c.all_of.is_empty() && c.any_of.is_empty() && c.of.is_empty() {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.id.span().start,
                    "a combination needs `all_of`, `any_of` or `at_least` with `of`",
                )
                .with_rule(id.as_str())
                .with_field("all_of"));
        }
        if c.at_least > c.of.len() || (c.at_least == 0 && !c.of.is_empty()) {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.id.span().start,
                    format!(
                        "`at_least` must be between 1 and the number of terms in `of` ({})",
                        c.of.len()
                    ),
                )
                .with_rule(id.as_str())
                .with_field("at_least"));
        }
        if c.within.is_some_and(|w| w == 0 || w > MAX_WITHIN) {
            return Err(src
                .err(
                    PackErrorKind::InvalidValue,
                    c.id.span().start,
                    format!("`within` must be between 1 and {MAX_WITHIN} bytes"),
                )
                .with_rule(id.as_str())
                .with_field("within"));
        }
    }
    Ok(())
}
