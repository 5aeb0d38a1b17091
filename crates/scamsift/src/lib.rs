//! # scamsift
//!
//! An explainable classifier for scam text: **recruitment lures** (the fake job ads that traffic people
//! into scam compounds), **task scams** (paid likes, "app optimization", prepaid tasks) and
//! **pig-butchering** (wrong-number openers, a mentor, a fake crypto platform, a "tax" to withdraw).
//!
//! A declarative indicator pack (TOML, see `docs/pack-format.md`) is compiled once into an immutable
//! [`Classifier`]. Classifying a text runs a fixed pipeline:
//!
//! 1. **normalise** ([`normalize`]): fold obfuscation (homoglyphs, zero-width characters, fullwidth and
//!    mathematical letters, spaced letters, leetspeak) while keeping a map back to the original bytes;
//! 2. **match**: one Aho-Corasick pass (two on non-ASCII text) finds every phrase of every rule;
//!    regexes run only where one of their literal prefixes or suffixes occurs;
//! 3. **score**: per-category evidence with diminishing returns, family points from categories,
//!    combinations and counter-evidence, a 0–1 risk and a verdict ([`Thresholds`]);
//! 4. **explain**: every hit with its rule, category, family, weight and span of the *original* text.
//!
//! ## Example: classify a text
//!
//! ```
//! use scamsift::{Classifier, Label};
//!
//! let classifier = Classifier::builtin();
//! let text = "Hiring now! Earn $500/day, no experience. Interview on Теlеgrаm only: t.me/hr_jobs_88";
//! let verdict = classifier.classify(text);
//! assert_ne!(verdict.label(), Label::Clean);
//! for hit in verdict.hits() {
//!     // Spans point into the original text, whatever the normaliser did.
//!     println!("{} [{}] {:?}: {}", hit.rule_id(), hit.category(), hit.text(text), hit.rule().why);
//! }
//! // Typed entities: the amounts, contacts and wallets a trust-and-safety team acts on.
//! let contacts: Vec<&str> = verdict
//!     .entities()
//!     .iter()
//!     .filter_map(|e| e.as_contact())
//!     .map(|c| c.value.as_str())
//!     .collect();
//! assert!(contacts.contains(&"hr_jobs_88"));
//! ```
//!
//! ## Example: the JSON record
//!
//! ```
//! let classifier = scamsift::Classifier::builtin();
//! let text = "Earn ₹8,000 per day typing from home, WhatsApp wa.me/919812345678";
//! let v = classifier.classify(text);
//! let json = serde_json::to_value(v.record(text)).unwrap();
//! assert_eq!(json["verdict"], v.label().as_str());
//! assert!(json["entities"].as_array().unwrap().iter().any(|e| e["kind"] == "money"));
//! ```
//!
//! ## Example: add a custom pack
//!
//! ```
//! use scamsift::Classifier;
//!
//! let pack = r#"
//! [pack]
//! name = "acme-extra"
//! version = "1.0.0"
//!
//! [[rule]]
//! id = "acme.visa_run"
//! category = "destination_route"
//! weight = 1.0
//! what = "a visa run via a border town."
//! why = "a route into compounds."
//! false_positives = "travel blogs."
//! phrases = ["visa run via mae sot"]
//! examples.positive = ["We arrange the visa run via Mae Sot for you"]
//! examples.negative = ["Mae Sot has a market"]
//! "#;
//! let classifier = Classifier::builder().add_pack_str("acme-extra.toml", pack)?.build()?;
//! assert!(classifier.check_examples().is_empty());
//! # Ok::<(), scamsift::PackError>(())
//! ```
//!
//! ## Untrusted input
//!
//! Texts and packs may come from anyone. Matching is linear in the input (Aho-Corasick and the `regex`
//! crate, no backtracking); input past [`Limits::max_input_bytes`] is truncated (and the verdict says
//! so); patterns and compiled regex size are bounded by [`Limits`]. `classify` never panics.
//!
//! ## Crate features
//!
//! * `rayon` (default): [`Classifier::classify_batch`] runs on all cores. Turn it off for WebAssembly.
//! * `fast-regex` (default): the `regex` crate's lazy DFA and other speed-ups. Turn it off where code
//!   size matters more than regex speed on long texts (the WebAssembly package does).
//!
//! Regexes support Unicode case folding and Unicode `\d`, `\w`, `\s`, but not `\p{…}` classes: the
//! normalised text they run on has no need for them, and the tables would bloat the WebAssembly build.
#![deny(missing_docs)]

mod builtin;
mod classifier;
mod common_words;
pub mod entity;
mod error;
mod matcher;
mod model;
pub mod normalize;
mod offsets;
mod pack;
mod score;
mod verdict;

pub use classifier::{Classifier, ClassifierBuilder, Entities, ExampleFailure, Limits, PackArg};
pub use entity::{Entity, EntityKind, EntityValue};
pub use error::{PackError, PackErrorKind};
pub use matcher::ascii_word_boundaries;
pub use model::{CategoryInfo, CombinationInfo, Framing, RuleInfo};
pub use offsets::HostOffsets;
pub use pack::{Examples, PackInfo};
pub use score::{risk, Thresholds};
pub use verdict::{CategoryEvidence, Hit, Label, Record, Verdict};

#[cfg(test)]
mod testoibits {
    use super::*;
    use std::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe + 'static>() {}

    #[test]
    fn public_types_are_send_sync_unwindsafe() {
        assert_all::<Classifier>();
        assert_all::<ClassifierBuilder>();
        assert_all::<Verdict>();
        assert_all::<Hit<'static>>();
        assert_all::<Entity>();
        assert_all::<PackError>();
        assert_all::<RuleInfo>();
        assert_all::<normalize::Normalizer>();
    }
}
