//! Classify any text: no panic, and every hit's and entity's spans are consistent in bytes, chars
//! and UTF-16, in the records every surface writes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scamsift::Classifier;

fuzz_target!(|data: &[u8]| {
    static C: OnceLock<Classifier> = OnceLock::new();
    let c = C.get_or_init(Classifier::builtin);
    let text = String::from_utf8_lossy(data);
    let v = c.classify(&text);
    assert!((0.0..=1.0).contains(&v.score()));
    let bytes = serde_json::to_value(v.record(&text)).unwrap();
    let utf16 = serde_json::to_value(v.record(&text).utf16(true)).unwrap();
    for list in ["hits", "entities"] {
        let (b, u) = (bytes[list].as_array().unwrap(), utf16[list].as_array().unwrap());
        assert_eq!(b.len(), u.len());
        for (b, u) in b.iter().zip(u) {
            let n = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap() as usize;
            let (s, e) = (n(b, "start"), n(b, "end"));
            assert!(s <= e && e <= text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert_eq!(&text[s..e], b["text"].as_str().unwrap());
            assert_eq!(text[..s].chars().count(), n(b, "char_start"));
            assert_eq!(text[..e].chars().count(), n(b, "char_end"));
            assert_eq!(text[..s].encode_utf16().count(), n(u, "start"));
            assert_eq!(text[..e].encode_utf16().count(), n(u, "end"));
        }
    }
});
