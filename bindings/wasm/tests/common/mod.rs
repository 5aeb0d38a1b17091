//! Tests shared by `node.rs` (Node) and `web.rs` (headless Chromium). They go through the same
//! wasm-bindgen exports JavaScript uses and check the JS-visible results. The built-in pack changes
//! often, so they assert behaviour (flagged or clean, span consistency), never specific rule ids.

use std::collections::BTreeMap;

use js_sys::{JsString, Reflect};
use scamsift_wasm::Classifier;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// A recruitment lure with signals from many categories.
pub const LURE: &str = "URGENT HIRING!!! Part-time job from home, no experience needed. Earn $300 per day, \
salary paid daily. Free flight ticket, visa and accommodation provided, job in Sihanoukville, Cambodia. \
Contact HR on Telegram @hr_amy88 or WhatsApp wa.me/85512345678. Send a copy of your passport to apply.";

/// A plain, legitimate job ad.
pub const LEGIT_AD: &str = "Riverside Dental Clinic is hiring a full-time receptionist for our Leeds practice. \
You will greet patients, manage appointments and handle billing queries. At least one year of front-desk \
experience is required. Salary £24,000 per year, 28 days holiday and a pension scheme. To apply, send your \
CV and a cover letter through our careers page by 30 June. Interviews will be held in person at the clinic.";

pub const GREETING: &str = "Hi Sam, see you at lunch tomorrow? I'll book a table for 12:30.";

#[derive(Debug, Deserialize)]
pub struct HitJs {
    pub rule: String,
    pub category: String,
    pub family: String,
    pub weight: f64,
    pub counter: bool,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub what: String,
    pub why: String,
    pub false_positives: String,
}

#[derive(Debug, Deserialize)]
pub struct EntityJs {
    pub kind: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct VerdictJs {
    pub verdict: String,
    pub score: f64,
    pub family: Option<String>,
    pub families: BTreeMap<String, f64>,
    pub hits: Vec<HitJs>,
    pub combinations: Vec<CombinationJs>,
    pub entities: Vec<EntityJs>,
    #[serde(default)]
    pub truncated: bool,
    pub band: String,
}

#[derive(Debug, Deserialize)]
pub struct CombinationJs {
    pub id: String,
    pub family: String,
    pub weight: f64,
    pub description: String,
}

fn classifier() -> Classifier {
    Classifier::new().unwrap_or_else(|e| panic!("built-in classifier: {:?}", JsValue::from(e)))
}

fn classify(c: &Classifier, text: &str) -> (JsValue, VerdictJs) {
    let raw = c
        .classify(text)
        .unwrap_or_else(|_| panic!("classify threw"));
    let v: VerdictJs =
        serde_wasm_bindgen::from_value(raw.clone()).expect("result has the documented shape");
    (raw, v)
}

/// `text.slice(start, end) === hit.text`, computed by JavaScript's own string indexing.
fn assert_spans_match(text: &str, v: &VerdictJs) {
    let js = JsString::from(text);
    let len = js.length();
    for h in &v.hits {
        assert!(
            h.start < h.end && h.end <= len,
            "span {}..{} out of range (len {len}) for {:?}",
            h.start,
            h.end,
            h.rule
        );
        let slice: String = js.slice(h.start, h.end).into();
        assert_eq!(slice, h.text, "rule {} span {}..{}", h.rule, h.start, h.end);
    }
    for e in &v.entities {
        assert!(
            e.start <= e.end && e.end <= len,
            "entity {e:?} out of range"
        );
        let slice: String = js.slice(e.start, e.end).into();
        assert_eq!(slice, e.text, "entity {e:?}");
        assert!(!e.description.is_empty() && !e.kind.is_empty());
    }
    // In text order.
    assert!(
        v.hits.windows(2).all(|w| w[0].start <= w[1].start),
        "hits not in text order"
    );
}

pub fn lure_is_flagged_with_consistent_spans() {
    let c = classifier();
    let (_, v) = classify(&c, LURE);
    assert_ne!(v.verdict, "clean", "{v:#?}");
    assert!(v.score > 0.0 && v.score <= 1.0);
    assert!(v.family.is_some());
    assert!(!v.hits.is_empty());
    assert!(!v.truncated);
    assert_spans_match(LURE, &v);
    let fam = v.family.as_deref().unwrap();
    assert!(
        v.families.contains_key(fam),
        "top family {fam} missing from families {:?}",
        v.families
    );
    for h in &v.hits {
        assert_eq!(h.counter, h.weight < 0.0);
        assert!(!h.category.is_empty() && !h.family.is_empty());
        // The documentation comes from the rule itself, as structured fields.
        let info = c.rule(&h.rule).unwrap();
        for (key, got) in [("what", &h.what), ("why", &h.why)] {
            let want = Reflect::get(&info, &key.into())
                .unwrap()
                .as_string()
                .unwrap();
            assert_eq!(got, &want, "{key} of {}", h.rule);
        }
        assert!(!h.why.is_empty() && !h.false_positives.is_empty());
    }
    // The band comes from the core's thresholds.
    assert_eq!(
        v.band,
        if v.score >= 0.8 {
            "high"
        } else if v.score >= 0.5 {
            "mid"
        } else {
            "low"
        }
    );
    for k in &v.combinations {
        assert!(!k.id.is_empty() && !k.family.is_empty() && k.weight.is_finite());
        let _ = &k.description;
    }
}

pub fn legit_ad_and_greeting_are_clean() {
    let c = classifier();
    for text in [LEGIT_AD, GREETING, ""] {
        let (_, v) = classify(&c, text);
        assert_eq!(v.verdict, "clean", "{text:?}: {v:#?}");
        assert_spans_match(text, &v);
    }
    let (raw, v) = classify(&c, "");
    assert!(v.hits.is_empty());
    assert!(
        Reflect::get(&raw, &"family".into()).unwrap().is_null(),
        "family is null when nothing was found"
    );
}

pub fn result_is_plain_objects() {
    let c = classifier();
    let (raw, _) = classify(&c, LURE);
    assert!(raw.is_object());
    assert!(raw.dyn_ref::<js_sys::Map>().is_none());
    let families = Reflect::get(&raw, &"families".into()).unwrap();
    assert!(
        families.is_object() && families.dyn_ref::<js_sys::Map>().is_none(),
        "families must be a plain object"
    );
    let hits = Reflect::get(&raw, &"hits".into()).unwrap();
    assert!(js_sys::Array::is_array(&hits));
    let first = js_sys::Array::from(&hits).get(0);
    assert!(first.dyn_ref::<js_sys::Map>().is_none());
    for key in [
        "rule",
        "category",
        "family",
        "weight",
        "start",
        "end",
        "text",
        "what",
        "why",
        "false_positives",
        "counter",
    ] {
        assert!(
            Reflect::has(&first, &key.into()).unwrap(),
            "hit lacks {key}"
        );
    }
    for key in [
        "verdict",
        "score",
        "family",
        "families",
        "hits",
        "combinations",
        "evidence",
        "points",
        "entities",
        "band",
    ] {
        assert!(
            Reflect::has(&raw, &key.into()).unwrap(),
            "verdict lacks {key}"
        );
    }
}

/// Text before the lure in scripts that take 1 (Thai), 1 (CJK) and 2 (emoji, astral CJK) UTF-16
/// units per char and 3–4 UTF-8 bytes: byte, char and UTF-16 offsets all differ.
pub fn spans_are_utf16_with_cjk_thai_emoji() {
    let c = classifier();
    let prefixes = [
        "🙂🎉💰 ",
        "您好！我们在招聘。 ",
        "สวัสดีค่ะ ยินดีที่ได้รู้จัก ",
        "𠀀𠀁 👨‍👩‍👧 ",
        "Ｈｅｌｌｏ ",
    ];
    for p in prefixes {
        for text in [
            format!("{p}{LURE}"),
            format!("{LURE} {p}{LURE}"),
            format!("{p}{LURE} 🙂"),
        ] {
            let (_, v) = classify(&c, &text);
            assert_ne!(v.verdict, "clean", "{text:?}");
            assert_spans_match(&text, &v);
            // UTF-16 offsets, not bytes or chars: the first hit starts after the prefix's UTF-16 length.
            let p16 = p.encode_utf16().count() as u32;
            assert!(v
                .hits
                .iter()
                .all(|h| h.start >= p16 || text.starts_with(LURE)));
        }
    }
    // Whatever the pack does with Chinese and Thai scam phrases, spans must stay consistent.
    for text in [
        "【高薪招聘】日结工资，每天轻松赚500元💰，包吃包住，机票报销，加微信 wx12345 或 Telegram @job88 面试。",
        "รับสมัครด่วน!! งานออนไลน์ รายได้วันละ 3,000 บาท 💵 ไม่ต้องมีประสบการณ์ ติดต่อ LINE @job888 หรือ Telegram",
        "Hi 😊 wrong number? 我是Lisa，我叔叔在做加密货币投资 📈 USDT 平台 daily profit 30%",
    ] {
        let (_, v) = classify(&c, text);
        assert_spans_match(text, &v);
    }
}

pub fn custom_pack_adds_rules() {
    let pack = r#"
[pack]
name = "test-extra"
version = "1.0.0"

[[rule]]
id = "test.purple_llama"
category = "upfront_fee"
weight = 3.0
what = "the purple llama fee."
why = "a made-up fee for this test."
false_positives = "none."
phrases = ["purple llama fee"]
examples.positive = ["Pay the purple llama fee first"]
"#;
    let c = Classifier::from_pack(pack, None).unwrap_or_else(|e| panic!("{:?}", JsValue::from(e)));
    let text = "🦙 Please pay the PURPLE LLAMA FEE today";
    let (_, v) = classify(&c, text);
    let hit = v
        .hits
        .iter()
        .find(|h| h.rule == "test.purple_llama")
        .expect("custom rule fires");
    assert_eq!(hit.why, "a made-up fee for this test.");
    assert_eq!(hit.text, "PURPLE LLAMA FEE");
    assert_spans_match(text, &v);
    assert!(c.rule_count() > 1, "built-in rules are included by default");
    // The built-in rules still work.
    assert_ne!(classify(&c, LURE).1.verdict, "clean");

    // The custom pack alone needs its own categories.
    let alone = format!("{pack}\n[[category]]\nid = \"upfront_fee\"\nfamily = \"test\"\n");
    let c = Classifier::from_pack(&alone, Some(false))
        .unwrap_or_else(|e| panic!("{:?}", JsValue::from(e)));
    assert_eq!(c.rule_count(), 1);
    let fams: Vec<String> = serde_wasm_bindgen::from_value(c.families().unwrap()).unwrap();
    assert_eq!(fams, ["test"]);
}

pub fn bad_pack_throws_js_error_with_position() {
    let bad = "[pack]\nname = \"x\"\nversion = \"1\"\n[[rule]]\nid = \"r1\"\ncategory = \"nope\"\nweight = 1.0\nphrases = [\"hi there\"]\n";
    let err = match Classifier::from_pack(bad, Some(false)) {
        Ok(_) => panic!("a pack with an unknown category must not compile"),
        Err(e) => JsValue::from(e),
    };
    let err: js_sys::Error = err.dyn_into().expect("a JS Error");
    let msg: String = err.message().into();
    assert!(msg.contains("custom.toml:6:"), "{msg}");
    assert!(msg.contains("r1") && msg.contains("category"), "{msg}");

    let syntax = Classifier::from_pack("[pack\nname=", None)
        .map(|_| ())
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(syntax.is_instance_of::<js_sys::Error>());
}

pub fn metadata_is_exposed() {
    let c = classifier();
    assert!(c.rule_count() > 0);
    assert!(!scamsift_wasm::version().is_empty());
    let ids: Vec<String> = serde_wasm_bindgen::from_value(c.rule_ids().unwrap()).unwrap();
    assert_eq!(ids.len(), c.rule_count());
    let fams: Vec<String> = serde_wasm_bindgen::from_value(c.families().unwrap()).unwrap();
    assert!(!fams.is_empty());
    let cats = c.categories().unwrap();
    assert!(js_sys::Array::is_array(&cats) && js_sys::Array::from(&cats).length() > 0);
    assert!(c.rule("no.such.rule").unwrap().is_undefined());
    let packs = js_sys::Array::from(&c.packs().unwrap());
    assert!(packs.length() >= 1);
    assert!(c.max_input_bytes() > 0);
    // Zero-width characters are folded away by the normaliser.
    assert!(!c.normalize("tele\u{200b}gram").contains('\u{200b}'));
}

/// The data-driven cases shared with the Rust and Python suites (`tests/data/cases.toml`), checked on
/// the object JavaScript gets: verdict, family, categories, rules, spans (UTF-16) and entities.
pub fn shared_cases() {
    let cases: toml::Table = toml::from_str(include_str!("../../../../tests/data/cases.toml"))
        .expect("cases.toml parses");
    let cases = cases["case"].as_array().expect("[[case]] list");
    assert!(cases.len() >= 20);
    let c = classifier();
    let mut failures = Vec::new();
    let same = |j: &serde_json::Value, t: &toml::Value| match (j, t) {
        (serde_json::Value::String(a), toml::Value::String(b)) => a == b,
        (serde_json::Value::Bool(a), toml::Value::Boolean(b)) => a == b,
        (serde_json::Value::Number(a), toml::Value::Integer(b)) => a
            .as_f64()
            .is_some_and(|a| (a - *b as f64).abs() <= 1e-6 * a.abs().max(1.0)),
        (serde_json::Value::Number(a), toml::Value::Float(b)) => a
            .as_f64()
            .is_some_and(|a| (a - b).abs() <= 1e-6 * a.abs().max(1.0)),
        _ => false,
    };
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let raw = c
            .classify(text)
            .unwrap_or_else(|_| panic!("classify threw"));
        let v: serde_json::Value = serde_wasm_bindgen::from_value(raw).unwrap();
        let mut problems = Vec::new();
        if let Some(want) = case.get("verdict").and_then(|x| x.as_str()) {
            if v["verdict"] != want {
                problems.push(format!("verdict {} (want {want})", v["verdict"]));
            }
        }
        if case.get("flagged").and_then(|x| x.as_bool()) == Some(true) && v["verdict"] == "clean" {
            problems.push("clean (want flagged)".to_owned());
        }
        if let Some(f) = case.get("family").and_then(|x| x.as_str()) {
            if v["family"] != f {
                problems.push(format!("family {} (want {f})", v["family"]));
            }
        }
        let hits = v["hits"].as_array().cloned().unwrap_or_default();
        let list = |k: &str| -> Vec<toml::Value> {
            case.get(k)
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        };
        for cat in list("categories") {
            if !hits.iter().any(|h| h["category"] == cat.as_str().unwrap()) {
                problems.push(format!("no hit in category {cat:?}"));
            }
        }
        for r in list("rules") {
            if !hits.iter().any(|h| h["rule"] == r.as_str().unwrap()) {
                problems.push(format!("rule {r:?} did not fire"));
            }
        }
        let js = JsString::from(text);
        let slice = |x: &serde_json::Value| -> String {
            let n = |k: &str| x[k].as_u64().unwrap_or(0) as u32;
            js.slice(n("start"), n("end")).into()
        };
        for pair in list("spans") {
            let pair = pair.as_array().unwrap();
            let (rule, span) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            if !hits
                .iter()
                .any(|h| h["rule"] == rule && h["text"] == span && slice(h) == span)
            {
                problems.push(format!("no hit of {rule} on {span:?}"));
            }
        }
        let found = v["entities"].as_array().cloned().unwrap_or_default();
        for e in &found {
            if slice(e) != e["text"].as_str().unwrap_or("") {
                problems.push(format!("entity span is not its text: {e}"));
            }
        }
        for want in list("entities") {
            let want = want.as_table().unwrap();
            if !found.iter().any(|e| {
                want.iter()
                    .all(|(k, t)| e.get(k.as_str()).is_some_and(|j| same(j, t)))
            }) {
                problems.push(format!("no entity {want:?} among {found:?}"));
            }
        }
        for kind in list("no_entities") {
            if found.iter().any(|e| e["kind"] == kind.as_str().unwrap()) {
                problems.push(format!("an unexpected {kind:?} entity"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{:?}: {}", case["name"], problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Expands to one `#[wasm_bindgen_test]` per shared test.
#[macro_export]
macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $name() {
                common::$name();
            }
        )*
    };
}
