//! A pack over the regex size limit is refused at its first offending regex, before the others are
//! compiled (issue 15: 2,000 such regexes took 831 MB and 12 s to refuse): heap use measured by a
//! counting allocator, not by time (before the fix: 54 MB and 21 s for this pack; after: 14 MB and 1 s).

use std::alloc::System;

use cap::Cap;
use scamsift::{Classifier, Limits};

#[global_allocator]
static HEAP: Cap<System> = Cap::new(System, usize::MAX);

#[test]
fn an_oversized_pack_is_refused_before_compiling_it_all() {
    let mut toml = String::from(
        "[pack]\nname = \"h\"\nversion = \"1\"\n\n[[category]]\nid = \"c\"\nfamily = \"f\"\n",
    );
    // Each regex compiles past the default size limit (1 MiB); 2,000 of them make a 1.2 MB pack.
    for i in 0..2_000 {
        toml.push_str(&format!(
            "\n[[rule]]\nid = \"r.n{i}\"\ncategory = \"c\"\nweight = 1.0\nregexes = ['fee{i} {}']\n",
            "[a-z]{1,300} ".repeat(40)
        ));
    }
    let before = HEAP.allocated();
    let err = Classifier::builder()
        .include_builtin(false)
        .limits(Limits::default())
        .add_pack_str("hostile.toml", &toml)
        .unwrap()
        .build()
        .unwrap_err();
    let peak = HEAP.max_allocated().saturating_sub(before);
    eprintln!("peak {peak} bytes over {before}: {err}");
    assert_eq!(err.rule_id(), Some("r.n0"), "{err}");
    assert_eq!(err.field(), Some("regexes[0]"), "{err}");
    assert!(
        peak < 32 << 20,
        "refusing the pack took {peak} bytes of heap"
    );
}
