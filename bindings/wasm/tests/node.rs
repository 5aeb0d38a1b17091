//! The binding's tests under Node: `cargo test -p scamsift-wasm --target wasm32-unknown-unknown --test node`.
#![cfg(target_arch = "wasm32")]

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
