//! Property tests: the classifier never panics, and every hit span is a char-boundary span of the
//! original text whose text is the reported text.

use proptest::prelude::*;
use scamsift::Classifier;

/// Text made of pieces that exercise the normaliser: scam words, homoglyphs, invisibles, separators,
/// leet symbols, combining marks, CJK and Thai, and arbitrary chars.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("telegram".to_string()),
        Just("T e l e g r a m".to_string()),
        Just("W.h.a.t.s.A.p.p".to_string()),
        Just("te1egr@m".to_string()),
        Just("Теlеgrаm".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{00AD}".to_string()),
        Just("e\u{0301}\u{0323}".to_string()),
        Just("lương 15 triệu".to_string()),
        Just("月薪3万 加微信".to_string()),
        Just("รายได้สูง".to_string()),
        Just("𝐔𝐒𝐃𝐓 ＵＳＤＴ".to_string()),
        Just("earn $5OOO/day".to_string()),
        Just("  \n\t ".to_string()),
        Just("-_.*|!$@0134579".to_string()),
        Just("t.me/abc wa.me/60123456789".to_string()),
        // Several words spelled in one run (split back into words), e-mail `@` (a rewrite window),
        // regex gaps next to CJK (byte-class gaps), a long plain stretch (windows far apart).
        Just("d a i l y s a l a r y o n l y n e e d a m o b i l e".to_string()),
        Just("hr@company.com".to_string()),
        Just("earn 日日日 500 usd per day, pay 日薪 fee to withdraw".to_string()),
        Just(" we are hiring analysts with three years of experience in our office ".repeat(3)),
        any::<String>(),
        "[a-z ]{0,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    // 400 cases by default; PROPTEST_CASES=5000 for a longer local run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn spans_are_valid_for_any_text(text in tricky_text()) {
        let c = Classifier::builtin();
        let v = c.classify(&text);
        prop_assert!((0.0..=1.0).contains(&v.score()));
        for (start, end) in v.hits().map(|h| (h.start(), h.end()))
            .chain(v.entities().iter().map(|e| (e.start(), e.end())))
        {
            prop_assert!(start <= end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
        check_record(&text, &v)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let v = Classifier::builtin().classify(&text);
        for h in v.hits() {
            prop_assert!(text.get(h.start()..h.end()).is_some());
        }
        for e in v.entities() {
            prop_assert!(text.get(e.start()..e.end()).is_some());
        }
    }
}

/// The records every surface writes: byte spans slice to `text`, char offsets count chars, UTF-16
/// offsets slice the UTF-16 encoding to the same text; for hits and entities alike.
fn check_record(text: &str, v: &scamsift::Verdict) -> Result<(), TestCaseError> {
    let bytes = serde_json::to_value(v.record(text)).unwrap();
    let utf16 = serde_json::to_value(v.record(text).utf16(true)).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    for list in ["hits", "entities"] {
        let (b, u) = (
            bytes[list].as_array().unwrap(),
            utf16[list].as_array().unwrap(),
        );
        prop_assert_eq!(b.len(), u.len());
        for (b, u) in b.iter().zip(u) {
            let n = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap() as usize;
            let (s, e) = (n(b, "start"), n(b, "end"));
            let span = b["text"].as_str().unwrap();
            prop_assert_eq!(&text[s..e], span);
            prop_assert_eq!(text[..s].chars().count(), n(b, "char_start"));
            prop_assert_eq!(text[..e].chars().count(), n(b, "char_end"));
            let (us, ue) = (n(u, "start"), n(u, "end"));
            prop_assert_eq!(String::from_utf16(&units[us..ue]).unwrap(), span);
        }
    }
    Ok(())
}
