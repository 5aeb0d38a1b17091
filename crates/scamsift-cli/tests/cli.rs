//! The `scamsift` command as a user meets it.

use std::io::Write;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const LURE: &str = "URGENT hiring! Part-time job, earn $300 a day from home, no experience needed. Interview on Telegram only: t.me/hr_amy_jobs";

fn cmd() -> Command {
    Command::cargo_bin("scamsift").unwrap()
}

/// Runs `scamsift ARGS FILE`, checks the exit code and returns stdout.
fn scan_file(args: &[&str], file: &std::path::Path, code: i32) -> Vec<u8> {
    cmd()
        .args(args)
        .arg(file)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write_temp(name: &str, content: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(content)
        .unwrap();
    (dir, path)
}

#[test]
fn scan_stdin_text_flags_a_lure_with_exit_1() {
    let out = cmd()
        .args(["scan", "-q"])
        .write_stdin(LURE)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "-");
    assert_ne!(recs[0]["verdict"], "clean");
    assert_eq!(recs[0]["family"], "recruitment_lure");
    for h in recs[0]["hits"].as_array().unwrap() {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&LURE[s..e], h["text"].as_str().unwrap());
    }
}

#[test]
fn clean_input_exits_0_and_exit_zero_overrides() {
    cmd()
        .args(["scan", "-q"])
        .write_stdin("See you at lunch")
        .assert()
        .code(0);
    cmd()
        .args(["scan", "-q", "--exit-zero"])
        .write_stdin(LURE)
        .assert()
        .code(0);
}

#[test]
fn lines_format_one_record_per_line_with_file_line_ids() {
    let (_d, p) = write_temp(
        "msgs.txt",
        format!("hello there\n{LURE}\n\nbye\n").as_bytes(),
    );
    let out = scan_file(&["scan", "-q", "--input-format", "lines"], &p, 1);
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    assert!(recs[1]["id"].as_str().unwrap().ends_with("msgs.txt:2"));
    assert_eq!(recs[0]["verdict"], "clean");
    assert_ne!(recs[1]["verdict"], "clean");
}

#[test]
fn jsonl_errors_are_records_and_scan_goes_on() {
    let input = format!(
        "{{\"id\": \"a\", \"text\": \"hi mom\", \"lang\": \"en\"}}\n{{not json\n{{\"id\": \"c\"}}\n{{\"id\": \"d\", \"text\": 5}}\n{}\n",
        serde_json::json!({"id": "e", "text": LURE, "lang": "en"})
    );
    let (_d, p) = write_temp("in.jsonl", input.as_bytes());
    let out = scan_file(&["scan", "-q", "--keep-fields", "lang"], &p, 1);
    let recs = records(&out);
    assert_eq!(recs.len(), 5, "one output record per input record");
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[0]["lang"], "en");
    assert!(recs[1]["error"]
        .as_str()
        .unwrap()
        .contains("malformed JSON"));
    assert_eq!(recs[1]["line"], 2);
    assert!(recs[2]["error"]
        .as_str()
        .unwrap()
        .contains("missing text field"));
    assert!(recs[3]["error"].as_str().unwrap().contains("not a string"));
    assert_eq!(recs[4]["id"], "e");
    assert_ne!(recs[4]["verdict"], "clean");
}

#[test]
fn csv_with_wrong_field_count_yields_error_record() {
    let input = format!("id,body\n1,hello\n2,\"{LURE}\"\n3,too,many\n4,bye\n");
    let (_d, p) = write_temp("in.csv", input.as_bytes());
    let out = scan_file(
        &["scan", "-q", "--text-field", "body", "--id-field", "id"],
        &p,
        1,
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1]["id"], "2");
    assert_ne!(recs[1]["verdict"], "clean");
    assert!(recs[2]["error"].as_str().unwrap().contains("fields"));
    assert_eq!(recs[2]["line"], 4);
    assert_eq!(recs[3]["id"], "4");
    // A missing text column is a usage error.
    cmd()
        .args(["scan", "-q", "--text-field", "nope"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column `nope`"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_marked() {
    let mut bytes = b"hello \xff\xfe world\n".to_vec();
    bytes.extend_from_slice(LURE.as_bytes());
    let (_d, p) = write_temp("bad.txt", &bytes);
    let out = scan_file(&["scan", "-q", "-f", "lines"], &p, 1);
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["lossy_utf8"], true);
    assert!(recs[1].get("lossy_utf8").is_none());
}

#[test]
fn output_order_is_input_order_with_threads() {
    let mut input = String::new();
    for i in 0..5000 {
        let text = if i % 7 == 0 {
            LURE.to_string()
        } else {
            format!("message number {i} about lunch")
        };
        input.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        input.push('\n');
    }
    let (_d, p) = write_temp("many.jsonl", input.as_bytes());
    let out = scan_file(&["scan", "-q", "-j", "2"], &p, 1);
    let recs = records(&out);
    assert_eq!(recs.len(), 5000);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], i);
        assert_eq!(r["verdict"] != "clean", i % 7 == 0, "record {i}");
    }
}

#[test]
fn hundred_thousand_records_in_give_hundred_thousand_out() {
    let mut input = String::with_capacity(6_000_000);
    for i in 0..100_000 {
        input.push_str(&format!(
            "{{\"id\":{i},\"text\":\"msg {i} see you at 5\"}}\n"
        ));
    }
    let (_d, p) = write_temp("big.jsonl", input.as_bytes());
    let assert = cmd().args(["scan"]).arg(&p).assert().code(0);
    let out = &assert.get_output();
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 100_000);
    assert!(String::from_utf8_lossy(&out.stderr).contains("100000 records, 0 flagged"));
}

#[test]
fn only_flagged_and_min_verdict_filter_output() {
    let input = format!("hello\n{LURE}\nbye\n");
    let out = cmd()
        .args(["scan", "-q", "-f", "lines", "--only-flagged"])
        .write_stdin(input.clone())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(records(&out).len(), 1);
    let out = cmd()
        .args([
            "scan",
            "-q",
            "-f",
            "lines",
            "--only-flagged",
            "--min-verdict",
            "scam",
        ])
        .write_stdin(input)
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(records(&out).iter().all(|r| r["verdict"] == "scam"));
}

#[test]
fn pretty_output_highlights_spans() {
    cmd()
        .args(["scan", "-q", "-o", "pretty"])
        .write_stdin(LURE)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("[[")
                .and(predicate::str::contains("SCAM").or(predicate::str::contains("SUSPICIOUS"))),
        );
}

#[test]
fn missing_file_is_exit_2() {
    cmd()
        .args(["scan", "-q", "/no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.txt"));
}

#[test]
fn custom_pack_and_no_builtin() {
    let pack = r#"
[pack]
name = "mine"
version = "1"
[[category]]
id = "c"
family = "f"
[[rule]]
id = "m.gift"
category = "c"
weight = 3.0
what = "gift cards."
why = "untraceable."
false_positives = "shops."
phrases = ["gift card"]
examples.positive = ["pay with a gift card"]
examples.negative = ["a card"]
"#;
    let (_d, p) = write_temp("mine.toml", pack.as_bytes());
    let out = cmd()
        .args(["scan", "-q", "--no-builtin", "--pack"])
        .arg(&p)
        .write_stdin("pay by gift card")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs[0]["hits"][0]["rule"], "m.gift");
    assert_eq!(recs[0]["family"], "f");
    let (_d2, bad) = write_temp("bad.toml", b"[pack]\nname='x'\nversion='1'\n[[rule]]\nid='r'\ncategory='zz'\nweight=1\nphrases=['a b']\n");
    cmd()
        .args(["scan", "-q", "--pack"])
        .arg(&bad)
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule `r`, field `category`"));
}

#[test]
fn explain_normalized_prints_the_text_rules_see() {
    cmd()
        .args(["explain", "--normalized", "Теlеgrаm ＷｈａｔｓＡｐｐ"])
        .assert()
        .success()
        .stdout("telegram whatsapp\n");
}

#[test]
fn entities_option_chooses_which_texts_get_entities() {
    // A clean text with a contact: no entities by default, all of them with `--entities always`.
    let text = "see you at the cafe, my number is +44 7700 900123\n";
    let run = |mode: &str| -> serde_json::Value {
        let out = cmd()
            .args(["scan", "-f", "lines", "--entities", mode])
            .write_stdin(text)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(run("indicated")["verdict"], "clean");
    assert_eq!(run("indicated")["entities"].as_array().unwrap().len(), 0);
    let all = run("always");
    assert_eq!(all["entities"][0]["kind"], "contact", "{all}");
    assert_eq!(run("off")["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn explain_shows_hits_combinations_and_score() {
    cmd().args(["explain", LURE]).assert().success().stdout(
        predicate::str::contains("Indicators")
            .and(predicate::str::contains("How the score was reached"))
            .and(predicate::str::contains("Why:")),
    );
    cmd()
        .args(["explain", "-", "--json"])
        .write_stdin(LURE)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"verdict\""));
}

#[test]
fn rules_subcommands() {
    cmd()
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("salary_bait"));
    let list = cmd().args(["rules", "list"]).output().unwrap();
    let first_id = String::from_utf8_lossy(&list.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    cmd()
        .args(["rules", "show", &first_id])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"false_positives\""));
    cmd().args(["rules", "show", "no.such"]).assert().code(2);
    cmd()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
    cmd().args(["rules", "lint"]).assert().success();
}

#[test]
fn rules_test_reports_failing_examples_by_id() {
    let pack = r#"
[pack]
name = "t"
version = "1"
[[category]]
id = "c"
family = "f"
[[rule]]
id = "t.broken"
category = "c"
weight = 1.0
what = "x."
why = "y."
false_positives = "z."
phrases = ["alpha beta"]
examples.positive = ["gamma"]
examples.negative = ["alpha beta"]
"#;
    let (_d, p) = write_temp("t.toml", pack.as_bytes());
    cmd()
        .args(["rules", "test", "--no-builtin"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL t.broken").and(predicate::str::contains("2 failed")),
        );
}

#[test]
fn rules_lint_finds_unmatchable_patterns() {
    let pack = r#"
[pack]
name = "t"
version = "1"
[[category]]
id = "c"
family = "f"
[[rule]]
id = "t.upper"
category = "c"
weight = 1.0
what = "x."
why = "y."
false_positives = "z."
regexes = ['Telegram \d+', 'lương']
examples.positive = ["telegram 5"]
"#;
    let (_d, p) = write_temp("t.toml", pack.as_bytes());
    cmd()
        .args(["rules", "lint", "--no-builtin"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("`T` can never match")
                .and(predicate::str::contains("`ư` can never match"))
                .and(predicate::str::contains("no negative example")),
        );
}

#[test]
fn generated_rule_reference_is_up_to_date() {
    let out = cmd().args(["rules", "doc"]).output().unwrap();
    assert!(out.status.success());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out.stdout).unwrap();
        return;
    }
    assert!(
        committed == String::from_utf8_lossy(&out.stdout),
        "docs/rules.md is stale: run `cargo run -p scamsift-cli -- rules doc > docs/rules.md`"
    );
}

#[test]
fn blocklist_lists_contacts_and_wallets_of_flagged_records_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(
        &input,
        "Earn $300 a day from home, DM @hr_amy_jobs on Telegram\n\
         Earn $500 a day from home, no experience, DM @hr_amy_jobs now\n\
         See you at lunch, call me at +1 415 555 0100\n\
         Earn $300 a day, send the registration fee to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n",
    )
    .unwrap();
    let list = dir.path().join("block.tsv");
    cmd()
        .args(["scan", "-q", "-f", "lines", "-o", "jsonl", "--blocklist"])
        .arg(&list)
        .arg(&input)
        .assert()
        .code(1);
    let tsv = std::fs::read_to_string(&list).unwrap();
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["type", "kind", "value", "domain", "records"]);
    // Deduplicated with counts, most frequent first.
    assert_eq!(rows[1], ["contact", "telegram", "hr_amy_jobs", "", "2"]);
    assert!(rows.contains(&vec![
        "wallet",
        "tron",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "",
        "1"
    ]));
    // The clean record's phone is not on the list.
    assert!(!tsv.contains("4155550100"), "{tsv}");
}

#[test]
fn json_records_carry_entities_and_explain_lists_them() {
    let out = cmd()
        .args(["scan", "-q", "-f", "text", "-o", "jsonl"])
        .write_stdin("Earn ₹8,000 per day typing from home, WhatsApp wa.me/919812345670")
        .output()
        .unwrap();
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ents = rec["entities"].as_array().unwrap();
    let money = ents
        .iter()
        .find(|e| e["kind"] == "money")
        .expect("a money entity");
    assert_eq!(money["currency"], "INR");
    assert_eq!(money["period"], "day");
    assert_eq!(money["text"], "₹8,000 per day");
    let contact = ents
        .iter()
        .find(|e| e["kind"] == "contact")
        .expect("a contact");
    assert_eq!(contact["contact"], "whatsapp");
    assert_eq!(contact["value"], "+919812345670");
    cmd()
        .args([
            "explain",
            "Earn ₹8,000 per day typing from home, WhatsApp wa.me/919812345670",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Entities").and(predicate::str::contains("≈ US$")));
}
