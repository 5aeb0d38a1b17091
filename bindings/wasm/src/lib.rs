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
  /** What the rule matches. */
  what: string;
  /** Why this is a scam signal (or, for counter-evidence, why it lowers the risk). */
  why: string;
  /** Known false positives of the rule. */
  false_positives: string;
}

/** A typed entity: an amount, a promised return, a contact or a wallet. */
export interface Entity {
  kind: "money" | "return" | "contact" | "wallet";
  /** Start of the span as a UTF-16 index: `text.slice(start, end) === entity.text`. */
  start: number;
  /** End (exclusive) as a UTF-16 index. */
  end: number;
  /** The entity's span of the original text. */
  text: string;
  /** The entity in plain words, e.g. "Telegram @hr_amy", "₹8,000 per day ≈ US$2,496/month". */
  description: string;
  /** money: amount, amount_max?, currency, period?, usd?, usd_per_month? */
  amount?: number; amount_max?: number; currency?: string; period?: string; usd?: number; usd_per_month?: number;
  /** return: form ("percent" | "multiple" | "testimonial"), percent?, percent_max?, factor?, hours?, invested?, received? */
  form?: string; percent?: number; percent_max?: number; factor?: number; hours?: number; invested?: number; received?: number;
  /** contact: contact (phone, telegram, whatsapp, line, wechat, zalo, viber, signal, email, url), value, domain?, shortener? */
  contact?: string; value?: string; domain?: string; shortener?: boolean;
  /** wallet: chain ("btc" | "eth" | "tron") and value (the address). */
  chain?: string;
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
  /** Amounts, promised returns, contacts and wallets found, in text order. */
  entities: Entity[];
  /** Points per category, the basis of the score (absent when there is no evidence). */
  evidence?: CategoryEvidence[];
  /** Evidence points of each family with any evidence, before the risk mapping. */
  points?: Record<string, number>;
  /** Present (true) when the text exceeded the input limit (1 MiB of UTF-8) and only its first part was classified. */
  truncated?: true;
  /** The risk band of `score` for display: "high" at the scam threshold, "mid" at the suspicious one, else "low". */
  band: "low" | "mid" | "high";
}

/** A rule as its pack declares it. */
export interface RuleInfo {
  id: string;
  category: string;
  family: string;
  weight: number;
  languages: string[];
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

/// A compiled, immutable scam-text classifier.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Classifier {
    core: Core,
}

#[wasm_bindgen]
impl Classifier {
    /// The classifier for the built-in indicator pack. Throws an `Error` if the pack does not compile.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Classifier, JsError> {
        console_error_panic_hook::set_once();
        Core::try_builtin()
            .map(Classifier::wrap)
            .map_err(|e| JsError::new(&e.to_string()))
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
        self.explain(text)
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
                what: &r.what,
                why: &r.why,
                false_positives: &r.false_positives,
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

    /// The display band of a risk score (0–1): `"high"` at or above the scam threshold, `"mid"` at or
    /// above the suspicious one, `"low"` below — the core's thresholds, so the page never hard-codes them.
    pub fn band(&self, risk: f64) -> String {
        self.core.thresholds().band(risk).to_owned()
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
        Classifier { core }
    }

    /// Classifies `text` into the object JavaScript gets from `classify`: the core's explained record
    /// with UTF-16 offsets, plus the display band the core derives from its thresholds.
    fn explain(&self, text: &str) -> Result<JsValue, JsError> {
        let v = self.core.classify(text);
        to_js(&VerdictOut {
            record: v.record(text).utf16(true).with_explanation(true),
            band: self.core.thresholds().band(v.score()),
        })
    }
}

/// What `classify` returns (`Verdict` in the `.d.ts`).
#[derive(Serialize)]
struct VerdictOut<'a> {
    #[serde(flatten)]
    record: scamsift::Record<'a>,
    band: &'static str,
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
