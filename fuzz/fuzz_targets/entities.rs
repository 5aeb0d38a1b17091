//! Entity extraction on any text, on every text (`Entities::Always`): no panic, spans on char
//! boundaries in text order, values finite, canonical values non-empty.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scamsift::entity::EntityValue;
use scamsift::{Classifier, Entities};

fuzz_target!(|data: &[u8]| {
    static C: OnceLock<Classifier> = OnceLock::new();
    let c = C.get_or_init(|| {
        Classifier::builder()
            .entities(Entities::Always)
            .build()
            .expect("built-in pack")
    });
    let text = String::from_utf8_lossy(data);
    let v = c.classify(&text);
    let mut last = 0;
    for e in v.entities() {
        assert!(e.start() <= e.end() && e.end() <= text.len());
        assert!(text.is_char_boundary(e.start()) && text.is_char_boundary(e.end()));
        assert!(e.start() >= last, "entities in text order");
        last = e.start();
        match e.value() {
            EntityValue::Money(m) => {
                assert!(m.amount.is_finite() && m.amount >= 0.0);
                assert!(m.usd_per_month.is_none_or(f64::is_finite));
            }
            EntityValue::Return(r) => assert!(r.factor.is_none_or(f64::is_finite)),
            EntityValue::Contact(k) => assert!(!k.value.is_empty()),
            EntityValue::Wallet(w) => assert_eq!(w.address, &text[e.range()]),
            _ => {}
        }
        let _ = e.describe(&text);
    }
});
