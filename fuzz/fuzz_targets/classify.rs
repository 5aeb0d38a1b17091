//! Classify any text: no panic, and every hit's spans are consistent in bytes, chars and UTF-16.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scamsift::Classifier;

fuzz_target!(|data: &[u8]| {
    static C: OnceLock<Classifier> = OnceLock::new();
    let c = C.get_or_init(Classifier::builtin);
    let text = String::from_utf8_lossy(data);
    let v = c.classify(&text);
    assert!((0.0..=1.0).contains(&v.score));
    let utf16 = v.utf16_spans(&text);
    assert_eq!(utf16.len(), v.hits.len());
    for (h, &(u16s, u16e)) in v.hits.iter().zip(&utf16) {
        assert!(h.start <= h.end && h.end <= text.len());
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
        assert_eq!(&text[h.start..h.end], h.text);
        assert_eq!(text[..h.start].chars().count(), h.char_start);
        assert_eq!(text[..h.end].chars().count(), h.char_end);
        assert_eq!(text[..h.start].encode_utf16().count(), u16s);
        assert_eq!(text[..h.end].encode_utf16().count(), u16e);
    }
});
