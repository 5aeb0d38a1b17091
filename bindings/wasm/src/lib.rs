//! WebAssembly bindings for [`scamsift`]: classify job ads and chat messages in the browser or Node.
//!
//! ```js
//! import init, { Classifier } from "./pkg/scamsift_wasm.js";
//! await init();
//! const classifier = new Classifier();            // the built-in pack
//! const v = classifier.classify(text);
//! v.verdict;                                      // "clean" | "suspicious" | "scam"
//! for (const h of v.hits) text.slice(h.start, h.end) === h.text; // UTF-16 indices
//! ```
//!
//! Results are plain JavaScript objects (no `Map`s), converted with `serde-wasm-bindgen`'s JSON-compatible
//! serializer. Their TypeScript types are in the generated `.d.ts` (see [`TS_TYPES`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use scamsift::Classifier as Core;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// TypeScript declarations of the result objects, appended to the generated `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
pub const TS_TYPES: &'static str = r#"
/** The overall call on a text. */
export type Label = "clean" | "suspicious" | "scam";

/** One occurrence of a rule in the text. */
export interface Hit {
  /** Rule id, e.g. "salary.daily_pay_amount". Ids may change between pack versions. */
  rule: string;
  /** Indicator category of the rule. */
  category: string;
  /** Family the category counts toward; "*" for counter-evidence that applies to every family. */
  family: string;
  /** Evidence points; negative for counter-evidence. */
  weight: number;
  /** True when this hit is counter-evidence (weight < 0). */
  counter: boolean;
  /** Start of the span as a UTF-16 index: `text.slice(start, end) === hit.text`. */
  start: number;
  /** End (exclusive) of the span as a UTF-16 index. */
  end: number;
  /** The matched span of the original text. */
  text: string;
  /** The rule's description ("What: … Why: … False positives: …"). */
  description: string;
  /** The "Why:" part of the description: why this is a scam signal (or, for counter-evidence, why it lowers the risk). */
  why: string;
}

/** A combination of indicators that fired. */
export interface CombinationHit {
  id: string;
  family: string;
  /** Points it adds to the family. */
  weight: number;
  description: string;
}

/** How one category contributed to a family's points. */
export interface CategoryEvidence {
  category: string;
  family: string;
  /** Points after diminishing returns (negative for counter-evidence). */
  points: number;
  /** Distinct rules of the category that fired. */
  rules: string[];
}

/** The explained result of classifying one text. */
export interface Verdict {
  verdict: Label;
  /** Risk of the top family, 0–1. */
  score: number;
  /** Family with the most evidence, or null when nothing was found. */
  family: string | null;
  /** Risk (0–1) of every family the classifier knows. */
  families: Record<string, number>;
  /** Every rule occurrence, counter-evidence included, in text order. */
  hits: Hit[];
  /** Combinations that fired. */
  combinations: CombinationHit[];
  /** Points per category, the basis of the score. */
  evidence: CategoryEvidence[];
  /** Evidence points of each family with any evidence, before the risk mapping. */
  points: Record<string, number>;
  /** True when the text exceeded the input limit (1 MiB of UTF-8) and only its first part was classified. */
  truncated: boolean;
}

/** A rule as its pack declares it. */
export interface RuleInfo {
  id: string;
  category: string;
  family: string;
  weight: number;
  languages: string[];
  description: string;
  what: string;
  why: string;
  falsePositives: string;
  /** File and line the rule came from. */
  origin: string;
}

/** An indicator category. */
export interface CategoryInfo {
  id: string;
  /** "*" for counter-evidence. */
  family: string;
  description: string;
}

/** A pack header. */
export interface PackInfo {
  name: string;
  version: string;
  languages: string[];
  description: string;
}
"#;

/// The crate version (the scamsift version it was built from).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Origin name used for a pack passed to [`Classifier::from_pack`] in error messages.
const CUSTOM_ORIGIN: &str = "custom.toml";

/// The built-in classifier, compiled once per instance of the module. A built-in pack that does not
/// compile is reported as a JS `Error` from the constructor instead of a trap.
fn builtin() -> Result<Core, String> {
    static BUILTIN: OnceLock<Result<Core, String>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Core::builder().build().map_err(|e| e.to_string()))
        .clone()
}

/// A compiled, immutable scam-text classifier.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Classifier {
    core: Core,
    /// Rule id → (description, why), looked up once per hit.
    rules: HashMap<Arc<str>, RuleText>,
    /// Combination id → description.
    combos: HashMap<Arc<str>, String>,
}

#[derive(Debug, Clone)]
struct RuleText {
    description: String,
    why: String,
}

#[wasm_bindgen]
impl Classifier {
    /// The classifier for the built-in indicator pack. Throws an `Error` if the pack does not compile.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Classifier, JsError> {
        console_error_panic_hook::set_once();
        builtin()
            .map(Classifier::wrap)
            .map_err(|e| JsError::new(&e))
    }

    /// A classifier for the built-in pack plus a custom pack (TOML text, see docs/pack-format.md).
    /// With `includeBuiltin === false`, the custom pack alone. Throws an `Error` whose message says
    /// where the pack is wrong (file:line:col, rule id, field).
    #[wasm_bindgen(js_name = fromPack)]
    pub fn from_pack(
        text: &str,
        #[wasm_bindgen(js_name = includeBuiltin)] include_builtin: Option<bool>,
    ) -> Result<Classifier, JsError> {
        console_error_panic_hook::set_once();
        Core::builder()
            .include_builtin(include_builtin.unwrap_or(true))
            .add_pack_str(CUSTOM_ORIGIN, text)
            .and_then(|b| b.build())
            .map(Classifier::wrap)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Classifies one text. Never throws: any string is valid input.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn classify(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.explain(text))
    }

    /// Every family the classifier knows, in pack order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn families(&self) -> Result<JsValue, JsError> {
        let f: Vec<&str> = self.core.families().iter().map(|f| &**f).collect();
        to_js(&f)
    }

    /// Every indicator category.
    #[wasm_bindgen(unchecked_return_type = "CategoryInfo[]")]
    pub fn categories(&self) -> Result<JsValue, JsError> {
        let c: Vec<CategoryOut<'_>> = self
            .core
            .categories()
            .iter()
            .map(|c| CategoryOut {
                id: &c.id,
                family: &c.family,
                description: &c.description,
            })
            .collect();
        to_js(&c)
    }

    /// One rule by id, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo | undefined")]
    pub fn rule(&self, id: &str) -> Result<JsValue, JsError> {
        match self.core.rule(id) {
            None => Ok(JsValue::UNDEFINED),
            Some(r) => to_js(&RuleOut {
                id: &r.id,
                category: &r.category,
                family: &r.family,
                weight: r.weight,
                languages: &r.languages,
                description: r.description.trim(),
                what: section(&r.description, "What:"),
                why: section(&r.description, "Why:"),
                false_positives: section(&r.description, "False positives:"),
                origin: format!("{}:{}", r.origin, r.line),
            }),
        }
    }

    /// Ids of every rule.
    #[wasm_bindgen(js_name = ruleIds, unchecked_return_type = "string[]")]
    pub fn rule_ids(&self) -> Result<JsValue, JsError> {
        let ids: Vec<&str> = self.core.rules().iter().map(|r| &*r.id).collect();
        to_js(&ids)
    }

    /// Headers of the packs compiled in, the built-in one first when included.
    #[wasm_bindgen(unchecked_return_type = "PackInfo[]")]
    pub fn packs(&self) -> Result<JsValue, JsError> {
        to_js(self.core.packs())
    }

    /// The normalised form of `text`, as the patterns see it (homoglyphs, zero-width characters,
    /// fullwidth letters, leetspeak folded). Useful when writing rules.
    pub fn normalize(&self, text: &str) -> String {
        self.core.normalize(text)
    }

    /// Number of rules compiled in.
    #[wasm_bindgen(getter, js_name = ruleCount)]
    pub fn rule_count(&self) -> usize {
        self.core.rules().len()
    }

    /// Largest text classified in full, in UTF-8 bytes; longer texts are truncated (`verdict.truncated`).
    #[wasm_bindgen(getter, js_name = maxInputBytes)]
    pub fn max_input_bytes(&self) -> usize {
        self.core.limits().max_input_bytes
    }
}

impl Classifier {
    fn wrap(core: Core) -> Classifier {
        let rules = core
            .rules()
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    RuleText {
                        description: r.description.trim().to_owned(),
                        why: section(&r.description, "Why:").to_owned(),
                    },
                )
            })
            .collect();
        let combos = core
            .combinations()
            .map(|c| (c.id.clone(), c.description.trim().to_owned()))
            .collect();
        Classifier {
            core,
            rules,
            combos,
        }
    }

    /// Classifies `text` into the serialisable result, spans as UTF-16 indices. Public for tests and
    /// Rust callers; JavaScript gets the same object from `classify`.
    pub fn explain<'a>(&'a self, text: &str) -> VerdictOut<'a> {
        let v = self.core.classify(text);
        let spans = v.utf16_spans(text);
        let empty = RuleText {
            description: String::new(),
            why: String::new(),
        };
        let hits = v
            .hits
            .iter()
            .zip(spans)
            .map(|(h, (start, end))| {
                let meta = self.rules.get(&*h.rule).unwrap_or(&empty);
                HitOut {
                    rule: h.rule.to_string(),
                    category: h.category.to_string(),
                    family: h.family.to_string(),
                    weight: h.weight,
                    counter: h.is_counter(),
                    start,
                    end,
                    text: h.text.clone(),
                    description: meta.description.clone(),
                    why: meta.why.clone(),
                }
            })
            .collect();
        let combinations = v
            .combinations
            .iter()
            .map(|c| CombinationOut {
                id: c.id.to_string(),
                family: c.family.to_string(),
                weight: c.weight,
                description: self.combos.get(&*c.id).map_or("", |d| d.as_str()),
            })
            .collect();
        let evidence = v
            .evidence
            .iter()
            .map(|e| EvidenceOut {
                category: e.category.to_string(),
                family: e.family.to_string(),
                points: e.points,
                rules: e.rules.iter().map(|r| r.to_string()).collect(),
            })
            .collect();
        VerdictOut {
            verdict: v.verdict.as_str(),
            score: v.score,
            family: v.family.as_deref().map(str::to_owned),
            families: v
                .families
                .iter()
                .map(|(k, x)| (k.to_string(), *x))
                .collect(),
            hits,
            combinations,
            evidence,
            points: v.points.iter().map(|(k, x)| (k.to_string(), *x)).collect(),
            truncated: v.truncated,
        }
    }
}

/// The result of [`Classifier::explain`], as JavaScript sees it (`Verdict` in the `.d.ts`).
#[derive(Debug, Clone, Serialize)]
pub struct VerdictOut<'a> {
    /// `clean`, `suspicious` or `scam`.
    pub verdict: &'static str,
    /// Risk of the top family, 0–1.
    pub score: f64,
    /// The family with the most evidence.
    pub family: Option<String>,
    /// Risk of every family.
    pub families: BTreeMap<String, f64>,
    /// Every hit, spans in UTF-16 code units.
    pub hits: Vec<HitOut>,
    /// Combinations that fired.
    pub combinations: Vec<CombinationOut<'a>>,
    /// Points per category.
    pub evidence: Vec<EvidenceOut>,
    /// Points per family.
    pub points: BTreeMap<String, f64>,
    /// Input was cut at the size limit.
    pub truncated: bool,
}

/// One hit, as JavaScript sees it.
#[derive(Debug, Clone, Serialize)]
pub struct HitOut {
    /// Rule id.
    pub rule: String,
    /// Category id.
    pub category: String,
    /// Family (`*` for counter-evidence).
    pub family: String,
    /// Evidence points, negative for counter-evidence.
    pub weight: f64,
    /// `weight < 0`.
    pub counter: bool,
    /// UTF-16 start index.
    pub start: usize,
    /// UTF-16 end index (exclusive).
    pub end: usize,
    /// The matched text.
    pub text: String,
    /// The rule's full description.
    pub description: String,
    /// The `Why:` part of the description.
    pub why: String,
}

/// A combination that fired, as JavaScript sees it.
#[derive(Debug, Clone, Serialize)]
pub struct CombinationOut<'a> {
    /// Combination id.
    pub id: String,
    /// Family it adds to.
    pub family: String,
    /// Points it adds.
    pub weight: f64,
    /// What it means.
    pub description: &'a str,
}

/// Category evidence, as JavaScript sees it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceOut {
    /// Category id.
    pub category: String,
    /// Family.
    pub family: String,
    /// Points.
    pub points: f64,
    /// Rules that fired.
    pub rules: Vec<String>,
}

#[derive(Serialize)]
struct CategoryOut<'a> {
    id: &'a str,
    family: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    id: &'a str,
    category: &'a str,
    family: &'a str,
    weight: f64,
    languages: &'a [String],
    description: &'a str,
    what: &'a str,
    why: &'a str,
    false_positives: &'a str,
    origin: String,
}

/// Converts to a plain JS value: objects, not `Map`s; `None` → `null`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

const MARKERS: [&str; 3] = ["What:", "Why:", "False positives:"];

/// The text after `marker` in a rule description, up to the next marker (or the end), trimmed.
/// Descriptions are "What: … Why: … False positives: …", on one line or several; a description
/// without the marker yields "".
pub fn section<'a>(description: &'a str, marker: &str) -> &'a str {
    let Some(at) = description.find(marker) else {
        return "";
    };
    let rest = &description[at + marker.len()..];
    let end = MARKERS
        .iter()
        .filter(|m| **m != marker)
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    rest[..end].trim()
}
