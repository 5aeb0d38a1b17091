//! Golden tests: each `tests/pack-errors/N.toml` must fail to compile with exactly the message in
//! `N.out`. Run with `UPDATE_GOLDEN=1` to rewrite the `.out` files after an intended change.

use std::path::Path;

use scamsift::Classifier;

#[test]
fn bad_packs_give_the_golden_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/pack-errors");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 10,
        "expected the golden inputs in {}",
        dir.display()
    );
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for input in inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&input).unwrap();
        let err = Classifier::builder()
            .include_builtin(false)
            .add_pack_str(&name, &text)
            .and_then(|b| b.build())
            .expect_err(&name);
        let got = format!("{err}\n");
        let golden = input.with_extension("out");
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", golden.display()));
        if got != want {
            mismatches.push(format!("{name}:\n  want: {want}  got:  {got}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden mismatches:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn errors_expose_structured_fields() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/pack-errors/03-bad-regex.toml"),
    )
    .unwrap();
    let err = Classifier::builder()
        .include_builtin(false)
        .add_pack_str("p.toml", &text)
        .and_then(|b| b.build())
        .unwrap_err();
    assert_eq!(err.kind(), scamsift::PackErrorKind::Regex);
    assert_eq!(err.file(), Some("p.toml"));
    assert_eq!(err.rule_id(), Some("r.three"));
    assert_eq!(err.field(), Some("regexes[0]"));
    assert_eq!(err.line(), Some(13));
}
