//! The binding's tests in headless Chromium:
//! `WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test -p scamsift-wasm --target wasm32-unknown-unknown --test web`
//! (browser flags in `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

suite!(
    lure_is_flagged_with_consistent_spans,
    legit_ad_and_greeting_are_clean,
    result_is_plain_objects,
    spans_are_utf16_with_cjk_thai_emoji,
    custom_pack_adds_rules,
    bad_pack_throws_js_error_with_position,
    metadata_is_exposed,
    shared_cases,
);

/// The page's environment: a window and a document, not Node.
#[wasm_bindgen_test::wasm_bindgen_test]
fn runs_in_a_browser() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &"document".into()).unwrap());
}
