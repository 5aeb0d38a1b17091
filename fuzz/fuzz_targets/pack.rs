//! Compile any pack text under tight limits: an error or a classifier, never a panic, and a
//! classifier that classifies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scamsift::{Classifier, Limits};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        max_patterns: 2_000,
        max_regexes: 64,
        max_unprefixed_regexes: 4,
        max_regex_size: 64 << 10,
        max_regex_memory: 8 << 20,
        ..Limits::default()
    };
    let built = Classifier::builder()
        .include_builtin(false)
        .limits(limits)
        .add_pack_str("fuzz.toml", text)
        .and_then(|b| b.build());
    if let Ok(c) = built {
        let _ = c.classify("earn $300 a day, contact us on telegram, no experience needed");
        let _ = c.check_examples();
    }
});
