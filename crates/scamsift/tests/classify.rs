//! Behaviour of the classifier through its public API.

use scamsift::{Classifier, Label, Limits};

const LURE: &str =
    "URGENT hiring! Part-time job, earn $300 a day from home, no experience needed. \
                    Interview on Telegram only: t.me/hr_amy_jobs";

#[test]
fn builtin_pack_examples_all_pass() {
    let c = Classifier::builtin();
    let failures = c.check_examples();
    assert!(
        failures.is_empty(),
        "{} example failures, e.g. {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

#[test]
fn every_builtin_rule_is_documented_and_has_examples() {
    let c = Classifier::builtin();
    assert!(
        c.rules().len() >= 45,
        "the built-in pack has only {} rules",
        c.rules().len()
    );
    for r in c.rules() {
        assert!(
            !r.examples.positive.is_empty() && !r.examples.negative.is_empty(),
            "rule {} needs positive and negative examples",
            r.id
        );
        for (field, doc) in [
            ("what", &r.what),
            ("why", &r.why),
            ("false_positives", &r.false_positives),
        ] {
            assert!(
                !doc.trim().is_empty(),
                "rule {} documents no `{field}`",
                r.id
            );
        }
    }
    let cats: std::collections::HashSet<&str> = c.rules().iter().map(|r| &*r.category).collect();
    for needed in [
        "salary_bait",
        "overseas_travel_paid",
        "no_experience_low_skill_role",
        "destination_route",
        "encrypted_app_shift",
        "document_request",
        "urgency_pressure",
        "upfront_fee",
        "wrong_number_opener",
        "crypto_platform_push",
        "mentor_insider",
        "guaranteed_returns",
        "withdrawal_fee_tax",
        "task_scam",
        "prepaid_task_deposit",
    ] {
        assert!(cats.contains(needed), "no rule for category {needed}");
    }
}

#[test]
fn lure_is_flagged_and_explained_with_original_spans() {
    let c = Classifier::builtin();
    let v = c.classify(LURE);
    assert_ne!(v.label(), Label::Clean);
    assert_eq!(v.family(), Some("recruitment_lure"));
    assert!(v.hits().len() >= 3);
    let json = serde_json::to_value(v.record(LURE)).unwrap();
    for (h, j) in v.hits().zip(json["hits"].as_array().unwrap()) {
        assert_eq!(&LURE[h.range()], h.text(LURE));
        let (cs, ce) = (
            j["char_start"].as_u64().unwrap() as usize,
            j["char_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            LURE.chars().skip(cs).take(ce - cs).collect::<String>(),
            h.text(LURE)
        );
        assert_eq!(j["rule"], h.rule_id());
    }
    let fams: Vec<&str> = v.families().map(|(f, _)| f).collect();
    assert!(fams.contains(&"pig_butchering") && fams.contains(&"task_scam"));
    assert_eq!(json["verdict"], "scam");
}

#[test]
fn single_weak_indicators_are_never_scam() {
    let c = Classifier::builtin();
    for text in [
        "Salary: $3,000 per month",
        "No experience needed, we train you.",
        "WhatsApp me on +60 12 345 6789",
        "USDT",
        "I sent you 50 USDT yesterday",
        "Join our Telegram channel for updates",
        "Customer service representative wanted",
    ] {
        let v = c.classify(text);
        assert_ne!(v.label(), Label::Scam, "{text:?} → {v:?}");
    }
}

#[test]
fn ordinary_texts_are_clean() {
    let c = Classifier::builtin();
    for text in [
        "See you at lunch tomorrow?",
        "Your parcel will arrive on Monday.",
        "",
        "   ",
        "我们明天见",
        "สวัสดีครับ",
    ] {
        assert_eq!(c.classify(text).label(), Label::Clean, "{text:?}");
    }
}

#[test]
fn obfuscated_lure_is_still_caught() {
    let c = Classifier::builtin();
    let plain = c.classify(LURE);
    for text in [
        // Cyrillic homoglyphs
        "URGENT hiring! Pаrt-time job, eаrn $300 а dаy from home, no experience needed. Interview on Теlеgrаm only: t.me/hr_amy_jobs",
        // zero-width characters inside words
        "URGENT hi\u{200B}ring! Part-ti\u{200B}me job, ea\u{200D}rn $300 a d\u{200B}ay from ho\u{200B}me, no experi\u{2060}ence needed. Interview on Tele\u{200B}gram only: t.me/hr_amy_jobs",
        // spaced letters and separators
        "URGENT hiring! Part-time job, earn $300 a day from home, no experience needed. Interview on T e l e g r a m only: t.me/hr_amy_jobs",
        "URGENT hiring! Part-time job, earn $300 a day from home, no experience needed. Interview on W.h.a.t.s.A.p.p only",
        // fullwidth and mathematical letters, leetspeak
        "ＵＲＧＥＮＴ hiring! Ｐａｒｔ-ｔｉｍｅ job, ｅａｒｎ ＄３００ a day from home, no experience needed. Interview on 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦 only",
        "URGENT hiring! Part-time job, e4rn $300 a d4y fr0m h0me, no exper1ence needed. Interview on te1egr@m only",
    ] {
        let v = c.classify(text);
        assert_ne!(v.label(), Label::Clean, "{text}");
        assert!(
            v.score() >= plain.score() * 0.6,
            "{text}: {} vs {}",
            v.score(),
            plain.score()
        );
        for h in v.hits() {
            assert!(text.get(h.range()).is_some());
        }
    }
}

#[test]
fn repeats_of_one_rule_do_not_inflate_the_score() {
    let c = Classifier::builtin();
    let once = c.classify("Contact me on Telegram");
    let many = c.classify(&"Contact me on Telegram. ".repeat(50));
    assert_eq!(once.score(), many.score());
    assert!(many.hits().len() <= c.limits().max_hits_per_rule * 4);
}

#[test]
fn truncates_long_input_and_says_so() {
    let c = Classifier::builder()
        .limits(Limits {
            max_input_bytes: 64,
            ..Limits::default()
        })
        .build()
        .unwrap();
    let text = format!("{}{}", "é".repeat(40), LURE); // the cut falls inside the 2-byte chars region
    let v = c.classify(&text);
    assert!(v.truncated());
    assert!(v.hits().all(|h| h.end() <= 64));
    assert!(v.entities().iter().all(|e| e.end() <= 64));
    assert!(!c.classify("short").truncated());
}

#[test]
fn builder_overrides_weights_and_disables_rules() {
    let base = Classifier::builtin();
    let v = base.classify(LURE);
    let top = v
        .hits()
        .find(|h| !h.is_counter())
        .unwrap()
        .rule_id()
        .to_string();
    let c = Classifier::builder().disable_rule(&top).build().unwrap();
    assert!(c.classify(LURE).hits().all(|h| h.rule_id() != top));
    let c = Classifier::builder().set_weight(&top, 9.0).build().unwrap();
    assert!(c
        .classify(LURE)
        .hits()
        .any(|h| h.rule_id() == top && h.weight() == 9.0));
    let err = Classifier::builder()
        .disable_rule("no.such.rule")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no.such.rule"), "{err}");
}

#[test]
fn custom_pack_with_combination_and_counter_evidence() {
    let pack = r#"
[pack]
name = "test"
version = "0.1"

[[category]]
id = "bait"
family = "lure"

[[category]]
id = "chat"
family = "lure"

[[category]]
id = "warning"
family = "*"

[[rule]]
id = "t.bait"
category = "bait"
weight = 1.5
phrases = ["easy money"]

[[rule]]
id = "t.chat"
category = "chat"
weight = 1.0
regexes = ['t\.me/[a-z0-9_]{3,}']

[[rule]]
id = "t.beware"
category = "warning"
weight = -5.0
phrases = ["beware of"]

[[combination]]
id = "t.funnel"
family = "lure"
weight = 3.0
all_of = ["bait", "chat"]
within = 40
"#;
    let c = Classifier::builder()
        .include_builtin(false)
        .add_pack_str("test.toml", pack)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(c.packs()[0].name, "test");
    let near = c.classify("easy money, write to t.me/boss_01");
    assert_eq!(near.label(), Label::Scam);
    assert_eq!(near.combinations().len(), 1);
    let far = c.classify(&format!("easy money {} t.me/boss_01", "x ".repeat(40)));
    assert_eq!(far.combinations().len(), 0);
    assert_eq!(far.label(), Label::Suspicious);
    let warned = c.classify("Police: beware of easy money offers, write to t.me/boss_01");
    assert_eq!(warned.label(), Label::Clean);
    assert!(warned.hits().any(|h| h.is_counter()));
}

#[test]
fn batch_equals_one_by_one() {
    let c = Classifier::builtin();
    let texts = [LURE, "hello", "Hi, is this Anna? Sorry, wrong number. My uncle trades USDT on a platform with 30% daily profit", "加我微信，日赚500元，刷单返利"];
    let batch = c.classify_batch(&texts);
    for (t, v) in texts.iter().zip(batch) {
        assert_eq!(c.classify(t), v);
    }
}

#[test]
fn word_boundaries_for_latin_substrings_for_cjk() {
    let pack = r#"
[pack]
name = "wb"
version = "1"
[[category]]
id = "c"
family = "f"
[[rule]]
id = "r.latin"
category = "c"
weight = 1
phrases = ["usdt"]
[[rule]]
id = "r.prefix"
category = "c"
weight = 1
phrases = ["invest*"]
[[rule]]
id = "r.cjk"
category = "c"
weight = 1
phrases = ["刷单"]
"#;
    let c = Classifier::builder()
        .include_builtin(false)
        .add_pack_str("wb.toml", pack)
        .unwrap()
        .build()
        .unwrap();
    let rules = |t: &str| {
        c.classify(t)
            .hits()
            .map(|h| h.rule_id().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules("pay usdt now"), ["r.latin"]);
    assert!(rules("usdtx").is_empty());
    assert_eq!(rules("investment"), ["r.prefix"]);
    assert!(rules("reinvest").is_empty());
    assert_eq!(rules("兼职刷单日结"), ["r.cjk"]);
    assert_eq!(rules("转账usdt给我"), ["r.latin"]);
}

/// Framing is local: an advisory scales down the evidence near it (a short warning quoting a lure is
/// clean), but a warning in the footer of a long page does not clear a lure far above it.
#[test]
fn advisory_framing_reaches_only_nearby_evidence() {
    let c = Classifier::builder().build().expect("built-in pack");
    let lure = "Part-time staff wanted, work from your phone and earn 3,000 rupees daily. \
                Contact on WhatsApp: wa.me/919812345670. ";
    let warning =
        "Police warn the public: scammers offer part-time jobs with daily pay on WhatsApp.";
    let quoted = c.classify(&format!("{warning} {lure}"));
    assert!(quoted.framing_scale() < 0.5, "{quoted:?}");
    let filler = "The office is open from nine to five on weekdays. ".repeat(60); // ~3 KB
    let page = c.classify(&format!("{lure}{filler}{warning}"));
    assert!(page.is_flagged(), "{page:?}");
    assert!(page.framing_scale() > quoted.framing_scale(), "{page:?}");
}
