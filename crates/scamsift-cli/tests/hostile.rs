//! The CLI under hostile input (issue 15): oversized and endless records, failing inputs, exact ids,
//! thread counts, terminal escapes, Ctrl-C. Inputs are generated here; memory ceilings are checked
//! by `scripts/check-memory.sh`, not by timed tests.

use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const LURE: &str = "URGENT hiring! Part-time job, earn $300 a day from home, no experience needed. Interview on Telegram only: t.me/hr_amy_jobs";

fn cmd() -> Command {
    Command::cargo_bin("scamsift").unwrap()
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// A record far longer than --max-bytes is cut (or is an error record for JSONL), and the next
/// record is still read, in each format.
#[test]
fn oversized_records_are_cut_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let long = "ab ".repeat(100_000); // 300 kB
    let cases: &[(&str, String, &[&str])] = &[
        ("in.txt", format!("{long}\n{LURE}\n"), &["-f", "lines"]),
        (
            "in.jsonl",
            format!(
                "{}\n{}\n",
                serde_json::json!({"id": 1, "text": long}),
                serde_json::json!({"id": 2, "text": LURE})
            ),
            &[],
        ),
        (
            "in.csv",
            format!("id,text\n1,\"{long}\"\n2,\"{LURE}\"\n"),
            &[],
        ),
    ];
    for (name, content, extra) in cases {
        let p = write(&dir, name, content.as_bytes());
        let out = cmd()
            .args(["scan", "-q", "--max-bytes", "1000"])
            .args(*extra)
            .arg(&p)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let recs = records(&out);
        assert_eq!(recs.len(), 2, "{name}: {recs:?}");
        if *name == "in.jsonl" {
            assert!(
                recs[0]["error"].as_str().unwrap().contains("longer than"),
                "{name}: {}",
                recs[0]
            );
        } else {
            assert_eq!(recs[0]["truncated"], true, "{name}: {}", recs[0]);
        }
        assert_ne!(recs[1]["verdict"], "clean", "{name}: {}", recs[1]);
        assert!(recs[1].get("truncated").is_none(), "{name}");
    }
}

/// A line that never ends (here 30 MB without a newline, piped) yields one cut record.
#[test]
fn a_line_without_end_is_one_truncated_record() {
    for format in ["lines", "jsonl", "csv"] {
        let mut input = if format == "csv" {
            b"text\n".to_vec()
        } else {
            Vec::new()
        };
        input.resize(input.len() + 30_000_000, b'a');
        let out = cmd()
            .args(["scan", "-q", "--max-bytes", "4096", "-f", format])
            .write_stdin(input)
            .assert()
            .get_output()
            .clone();
        let recs = records(&out.stdout);
        assert_eq!(recs.len(), 1, "{format}");
        if format == "jsonl" {
            assert!(recs[0]["error"].is_string(), "{format}");
            assert_eq!(out.status.code(), Some(2), "{format}: every record failed");
        } else {
            assert_eq!(recs[0]["truncated"], true, "{format}");
            assert_eq!(out.status.code(), Some(0), "{format}");
        }
    }
}

/// A `text` input that does not end yields its record once --max-bytes bytes have arrived.
#[test]
fn an_endless_text_input_yields_a_record() {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("scamsift"))
        .args(["scan", "-q", "-f", "text", "--max-bytes", "100000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Keep writing until the command has stopped reading; the pipe is never closed by us.
    let writer = std::thread::spawn(move || {
        let chunk = LURE.repeat(100);
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut out = String::new();
    let reader = std::thread::spawn(move || {
        stdout.read_to_string(&mut out).unwrap();
        out
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("no record from an endless text input after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.join().unwrap();
    writer.join().unwrap();
    let recs = records(out.as_bytes());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["truncated"], true);
    assert_eq!(status.code(), Some(1));
}

/// A good file, a missing file, a directory and another good file: every record of the good
/// files is written, each failing input is an error record in its place, and the exit status is 2.
#[test]
fn failing_inputs_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..3000)
        .map(|i| format!("line {i} about lunch\n"))
        .collect();
    let good = write(&dir, "good.txt", many.as_bytes());
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let last = write(&dir, "last.txt", format!("{LURE}\n").as_bytes());
    let missing = dir.path().join("missing.txt");
    let out = cmd()
        .args(["scan", "-q", "-f", "lines"])
        .arg(&good)
        .arg(&missing)
        .arg(&sub)
        .arg(&last)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"))
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 3000 + 1 + 1 + 1);
    assert!(recs[..3000].iter().all(|r| r["verdict"] == "clean"));
    assert!(recs[3000]["error"]
        .as_str()
        .unwrap()
        .contains("missing.txt"));
    assert_eq!(recs[3000]["id"], missing.display().to_string());
    assert!(recs[3001]["error"].as_str().unwrap().contains("sub"));
    assert_ne!(recs[3002]["verdict"], "clean");
}

/// Every record malformed: exit 2, not 0. Some malformed among good ones: the records say so,
/// the exit status follows the verdicts.
#[test]
fn all_records_malformed_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(&dir, "bad.jsonl", b"{oops\n[1,2]\n{\"text\": 5}\n");
    let out = cmd()
        .args(["scan", "-q"])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    assert!(recs.iter().all(|r| r["error"].is_string()));
    let mixed = write(
        &dir,
        "mixed.jsonl",
        b"{oops\n{\"text\": \"see you at lunch\"}\n",
    );
    cmd().args(["scan", "-q"]).arg(&mixed).assert().code(0);
}

/// Ids come back exactly as they were written: big integers, decimals, exponents, strings.
#[test]
fn json_ids_round_trip_exactly() {
    let ids = [
        "12345678901234567890123",
        "18446744073709551617",
        "0.1000000000000000055511151231257827",
        "1e400",
        "-0",
        "1.50",
        "\"a\\u00e9\\\"b\"",
        "{\"k\":[1,2]}",
    ];
    let input: String = ids
        .iter()
        .map(|id| format!("{{\"id\": {id}, \"text\": \"hello\", \"n\": {id}}}\n"))
        .collect();
    let out = cmd()
        .args(["scan", "-q", "--keep-fields", "n"])
        .write_stdin(input)
        .args(["-f", "jsonl"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ids.len());
    for (id, line) in ids.iter().zip(&lines) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{id}: {line}");
        assert!(line.contains(&format!("\"n\":{id}")), "{id}: {line}");
    }
}

/// An auto-detected CSV without an `id` column works: ids default to FILE:LINE.
#[test]
fn csv_without_id_column_defaults_ids() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "noid.csv",
        format!("text\nhello\n\"{LURE}\"\n").as_bytes(),
    );
    let out = cmd()
        .args(["scan", "-q"])
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], format!("{}:2", p.display()));
    assert_eq!(recs[1]["id"], format!("{}:3", p.display()));
    // Asked for by name, a missing id column is still an error.
    cmd()
        .args(["scan", "-q", "--id-field", "id"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column `id`"));
}

/// `-j` far beyond the cores is capped (with a note) and the scan finishes.
#[test]
fn huge_thread_counts_are_capped() {
    cmd()
        .args(["scan", "-j", "100000", "-f", "lines"])
        .write_stdin(format!("hello\n{LURE}\n"))
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("capped at"));
    cmd()
        .args(["scan", "-q", "-j", "0"])
        .write_stdin("x")
        .assert()
        .code(2);
}

/// Pretty output never writes the input's control characters raw.
#[test]
fn pretty_output_escapes_control_characters() {
    let hostile =
        format!("{LURE} \x1b]0;owned\x07 \x1b[2J \u{202e}evil\u{202c} \u{9b}31m del\x7f cr\rend");
    let out = cmd()
        .args(["scan", "-q", "-o", "pretty", "-f", "lines"])
        .write_stdin(format!("{hostile}\n{{bad json\n"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for bad in [
        '\x1b', '\x07', '\u{202e}', '\u{202c}', '\u{9b}', '\x7f', '\r',
    ] {
        assert!(!text.contains(bad), "{bad:?} written raw: {text}");
    }
    for shown in [
        "\\x1b]0;owned\\x07",
        "\\u{202e}evil",
        "\\u{9b}",
        "\\x7f",
        "\\x0d",
    ] {
        assert!(text.contains(shown), "{shown} not shown: {text}");
    }
}

/// Ctrl-C while records stream in: the command stops, exit 130, and every record written is whole.
#[test]
fn ctrl_c_leaves_no_torn_record() {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("scamsift"))
        .args(["scan", "-q", "-f", "lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let lines: String = (0..5000).map(|i| format!("{LURE} {i}\n")).collect();
    stdin.write_all(lines.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).unwrap();
        out
    });
    std::thread::sleep(Duration::from_millis(1500));
    let killed = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running 10 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let out = reader.join().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(out.is_empty() || out.ends_with(b"\n"), "torn last record");
    let recs = records(&out);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["line"], i as u64 + 1);
    }
}

/// A pack of regexes without a literal prefix is refused before compiling, naming file, rule and
/// field; the flag raises the limit.
#[test]
fn hostile_pack_is_refused_and_the_limit_is_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let mut pack = String::from(
        "[pack]\nname = \"h\"\nversion = \"1\"\n[[category]]\nid = \"c\"\nfamily = \"f\"\n",
    );
    for i in 0..20 {
        pack.push_str(&format!(
            "[[rule]]\nid = \"r.n{i}\"\ncategory = \"c\"\nweight = 3.0\nregexes = ['\\d{{{}}}[a-z]']\n",
            3 + i % 5
        ));
    }
    let p = write(&dir, "unprefixed.toml", pack.as_bytes());
    cmd()
        .args(["scan", "-q", "--no-builtin", "--pack"])
        .arg(&p)
        .write_stdin("code 123456z")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("E008")
                .and(predicate::str::contains("unprefixed.toml"))
                .and(predicate::str::contains("rule `r.n16`, field `regexes[0]`")),
        );
    cmd()
        .args([
            "scan",
            "-q",
            "--no-builtin",
            "--max-unprefixed-regexes",
            "20",
            "--pack",
        ])
        .arg(&p)
        .write_stdin("code 123456z")
        .assert()
        .code(1);
}
