//! Packs written by someone else (issue 15): every limit is checked before the expensive work, and
//! each limit error names the file and, where there is one, the rule and the field.

use scamsift::{Classifier, Limits, PackError};

const HEADER: &str =
    "[pack]\nname = \"h\"\nversion = \"1\"\n\n[[category]]\nid = \"c\"\nfamily = \"f\"\n";

/// A pack of `rules` rules, each with the given phrases and regexes (TOML literal strings).
fn pack(rules: usize, phrases: &[&str], regexes: &dyn Fn(usize) -> Vec<String>) -> String {
    let mut s = HEADER.to_owned();
    for i in 0..rules {
        let ph: Vec<String> = phrases.iter().map(|p| format!("'{p} {i}'")).collect();
        let re: Vec<String> = regexes(i).iter().map(|r| format!("'{r}'")).collect();
        s.push_str(&format!(
            "\n[[rule]]\nid = \"r.n{i}\"\ncategory = \"c\"\nweight = 1.0\nphrases = [{}]\nregexes = [{}]\n",
            ph.join(", "),
            re.join(", ")
        ));
    }
    s
}

fn build(text: &str, limits: Limits) -> Result<Classifier, PackError> {
    Classifier::builder()
        .include_builtin(false)
        .limits(limits)
        .add_pack_str("hostile.toml", text)?
        .build()
}

/// (what, pack, limits, the rule and field the error must name, words the message must hold)
type Case<'a> = (&'a str, &'a str, Limits, &'a str, &'a str, &'a [&'a str]);

#[test]
fn limit_errors_name_file_rule_and_field() {
    let unprefixed = pack(10_000, &[], &|i| vec![format!(r"\d{{{}}}[a-z]", 3 + i % 5)]);
    let some_unprefixed = pack(3_000, &[], &|i| vec![format!(r"\d{{{}}}[a-z]", 3 + i % 5)]);
    let many_regexes = pack(40, &[], &|i| {
        vec![format!("pay{i} now"), format!("fee{i} due")]
    });
    let many_phrases = pack(30, &["gift card", "wire fee", "prepaid task"], &|_| vec![]);
    let big_regexes = pack(2_000, &[], &|i| {
        vec![format!("fee{i} [a-z]{{1,300}} [a-z]{{1,300}}")]
    });
    // Each `\w` parses to a class of hundreds of ranges: 2,000 of these held 8 GB of parse trees.
    let long_regexes = pack(2_000, &[], &|i| {
        vec![format!("fee{i} {}", r"\w{1,20}".repeat(600))]
    });
    let cases: Vec<Case> = vec![
        (
            "2,000 regexes longer than max_regex_len",
            &long_regexes,
            Limits::default(),
            "r.n0",
            "regexes[0]",
            &["longer than the limit of 4096", "max_regex_len"],
        ),
        (
            "10,000 regexes without a literal prefix",
            &unprefixed,
            Limits::default(),
            "r.n5000",
            "regexes[0]",
            &["more than 5000 regexes", "max_regexes"],
        ),
        (
            "3,000 regexes without a literal prefix",
            &some_unprefixed,
            Limits::default(),
            "r.n16",
            "regexes[0]",
            &["no literal", "max_unprefixed_regexes"],
        ),
        (
            "more regexes than max_regexes",
            &many_regexes,
            Limits {
                max_regexes: 50,
                ..Limits::default()
            },
            "r.n25",
            "regexes[0]",
            &["more than 50 regexes", "max_regexes"],
        ),
        (
            "more phrases than max_patterns",
            &many_phrases,
            Limits {
                max_patterns: 40,
                ..Limits::default()
            },
            "r.n13",
            "phrases[1]",
            &["max_patterns"],
        ),
        (
            "regexes over the size limit",
            &big_regexes,
            Limits {
                max_regex_size: 2_000,
                ..Limits::default()
            },
            "r.n0",
            "regexes[0]",
            &["size limit"],
        ),
        (
            "regexes over the memory limit",
            &big_regexes,
            Limits {
                max_regex_memory: 1 << 20,
                ..Limits::default()
            },
            "",
            "regexes[0]",
            &["max_regex_memory"],
        ),
    ];
    for (what, text, limits, rule, field, words) in cases {
        let err = build(text, limits).expect_err(what);
        assert_eq!(err.kind().code(), "E008", "{what}: {err}");
        assert_eq!(err.file(), Some("hostile.toml"), "{what}: {err}");
        if !rule.is_empty() {
            assert_eq!(err.rule_id(), Some(rule), "{what}: {err}");
        } else {
            assert!(err.rule_id().is_some(), "{what}: {err}");
        }
        assert_eq!(err.field(), Some(field), "{what}: {err}");
        assert!(err.line().is_some(), "{what}: {err}");
        for w in words {
            assert!(err.to_string().contains(w), "{what}: `{w}` not in {err}");
        }
    }
}

/// The same hostile packs build when the limits are raised on purpose: the limits are the only
/// reason they are refused.
#[test]
fn limits_are_configurable() {
    let unprefixed = pack(20, &[], &|i| vec![format!(r"\d{{{}}}[a-z]", 3 + i % 5)]);
    assert!(build(&unprefixed, Limits::default()).is_err());
    let c = build(
        &unprefixed,
        Limits {
            max_unprefixed_regexes: 20,
            ..Limits::default()
        },
    )
    .unwrap();
    assert!(c.classify("code 123456z").hits().len() > 0);
}

/// The built-in pack builds far inside the defaults: with every limit at a tenth or less of its default.
#[test]
fn builtin_pack_has_a_wide_margin() {
    let d = Limits::default();
    let tight = Limits {
        max_patterns: d.max_patterns / 10,
        max_regexes: d.max_regexes / 10,
        max_unprefixed_regexes: 0,
        max_regex_memory: d.max_regex_memory / 10,
        ..d
    };
    let c = Classifier::builder().limits(tight).build().unwrap();
    assert!(c.unprefixed_regex_rules().is_empty());
}

#[test]
fn out_of_range_values_are_refused() {
    let d = Limits::default();
    for (name, limits) in [
        (
            "max_input_bytes",
            Limits {
                max_input_bytes: 0,
                ..d
            },
        ),
        (
            "max_input_bytes",
            Limits {
                max_input_bytes: usize::MAX,
                ..d
            },
        ),
        (
            "max_hits_per_rule",
            Limits {
                max_hits_per_rule: 0,
                ..d
            },
        ),
        (
            "max_patterns",
            Limits {
                max_patterns: usize::MAX,
                ..d
            },
        ),
        (
            "max_unprefixed_regexes",
            Limits {
                max_regexes: 10,
                max_unprefixed_regexes: 11,
                ..d
            },
        ),
        (
            "max_regex_cache",
            Limits {
                max_regex_cache: 1,
                ..d
            },
        ),
    ] {
        let err = Classifier::builder().limits(limits).build().unwrap_err();
        assert_eq!(err.field(), Some(&*format!("limits.{name}")), "{err}");
    }
    for w in [f64::INFINITY, f64::NAN, 1e9, -101.0] {
        let err = Classifier::builder()
            .set_weight("salary.daily_pay_amount", w)
            .build()
            .unwrap_err();
        assert_eq!(err.field(), Some("weight"), "{w}: {err}");
    }
    let wide = format!(
        "{HEADER}\n[[rule]]\nid = \"r.a\"\ncategory = \"c\"\nweight = 1.0\nphrases = [\"gift card\"]\n\n[[combination]]\nid = \"k.wide\"\nfamily = \"f\"\nweight = 1.0\nall_of = [\"r.a\"]\nwithin = 18446744073709551615\n"
    );
    let err = build(&wide, Limits::default()).unwrap_err();
    assert_eq!(err.field(), Some("within"), "{err}");
}

#[cfg(unix)]
#[test]
fn pack_directories_do_not_follow_symlinks_out() {
    use std::os::unix::fs::symlink;
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("pack");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.toml"), pack(1, &["gift card"], &|_| vec![])).unwrap();
    // Unrelated TOML next to the pack, reachable through `up -> ..`: must not be read.
    std::fs::write(outer.path().join("unrelated.toml"), "not = [valid").unwrap();
    symlink("..", dir.join("up")).unwrap();
    symlink(dir.join("a.toml"), dir.join("same.toml")).unwrap_or(());
    let c = Classifier::builder()
        .include_builtin(false)
        .add_pack_file(&dir)
        .expect("the symlinked directory is not followed");
    // `same.toml` is the same file again: a duplicate rule id, so it was read (it is inside).
    assert!(c.build().is_err());
    std::fs::remove_file(dir.join("same.toml")).unwrap();
    Classifier::builder()
        .include_builtin(false)
        .add_pack_file(&dir)
        .unwrap()
        .build()
        .unwrap();
    // A symlinked file that resolves outside the directory is an error naming the link.
    symlink(outer.path().join("unrelated.toml"), dir.join("out.toml")).unwrap();
    let err = Classifier::builder()
        .include_builtin(false)
        .add_pack_file(&dir)
        .unwrap_err();
    assert_eq!(err.kind().code(), "E001");
    assert!(err.file().unwrap().ends_with("out.toml"), "{err}");
    assert!(
        err.to_string().contains("outside the pack directory"),
        "{err}"
    );
}
