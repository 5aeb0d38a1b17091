//! Output records: JSONL for machines, coloured text for people.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use scamsift::{Classifier, CombinationHit, Hit, Label, Verdict};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::input::Record;

/// The JSON record written for each input record.
#[derive(Serialize)]
struct OutRecord<'a> {
    id: &'a RawValue,
    line: u64,
    verdict: Option<Label>,
    score: Option<f64>,
    family: Option<&'a Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    families: Option<&'a BTreeMap<Arc<str>, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hits: Option<&'a [Hit]>,
    #[serde(skip_serializing_if = "<[CombinationHit]>::is_empty")]
    combinations: &'a [CombinationHit],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    lossy_utf8: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(flatten)]
    keep: &'a BTreeMap<String, Box<RawValue>>,
}

pub(crate) fn write_json_record(out: &mut dyn Write, rec: &Record, v: &Verdict) -> io::Result<()> {
    let ok = rec.error.is_none();
    let r = OutRecord {
        id: &rec.id,
        line: rec.line,
        verdict: ok.then_some(v.verdict),
        score: ok.then_some(v.score),
        family: if ok { v.family.as_ref() } else { None },
        families: ok.then_some(&v.families),
        hits: ok.then_some(v.hits.as_slice()),
        combinations: if ok { &v.combinations } else { &[] },
        truncated: ok && (v.truncated || rec.truncated),
        lossy_utf8: rec.lossy_utf8,
        error: rec.error.as_deref(),
        keep: &rec.keep,
    };
    serde_json::to_writer(&mut *out, &r)?;
    out.write_all(b"\n")
}

/// ANSI styling, off when output is not a terminal or NO_COLOR is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    color: bool,
}

impl Style {
    pub(crate) fn detect(tty: bool) -> Style {
        Style {
            color: tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub(crate) fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }

    pub(crate) fn verdict(self, l: Label) -> String {
        let code = match l {
            Label::Scam => "1;97;41",
            Label::Suspicious => "1;30;43",
            Label::Clean => "1;30;42",
        };
        self.paint(code, &format!(" {} ", l.as_str().to_uppercase()))
    }

    /// The text with every hit's span marked: coloured on a terminal, `[[…]]` otherwise.
    pub(crate) fn highlight(self, text: &str, hits: &[Hit]) -> String {
        let mut out = String::with_capacity(text.len() + hits.len() * 12);
        let mut pos = 0;
        for h in hits {
            if h.start < pos {
                continue; // overlapping spans: the first one wins the highlight
            }
            out.push_str(&terminal_safe(&text[pos..h.start]));
            let span = &*terminal_safe(&text[h.start..h.end]);
            if self.color {
                out.push_str(&self.paint(if h.is_counter() { "4;32" } else { "1;4;33" }, span));
            } else if h.is_counter() {
                out.push_str(&format!("{{{{{span}}}}}"));
            } else {
                out.push_str(&format!("[[{span}]]"));
            }
            pos = h.end;
        }
        out.push_str(&terminal_safe(&text[pos..]));
        out
    }
}

/// Whether a char of the input must not reach a terminal raw: C0 controls but newline and tab
/// (ESC starts escape and OSC sequences, CR overwrites the line), DEL, C1 controls (U+009B is a
/// one-char CSI), and the bidi controls that reorder what is shown (Trojan Source).
fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with every unsafe char written as an escape (`\x1b`, `\u{202e}`), so the terminal
/// shows it instead of obeying it. Backslashes stay as they are: the output is for people.
pub(crate) fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !is_unsafe_char(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The `Why:` line of a rule description, or its first line.
pub(crate) fn why(description: &str) -> &str {
    description
        .lines()
        .find_map(|l| l.trim().strip_prefix("Why:"))
        .map(str::trim)
        .or_else(|| description.lines().next().map(str::trim))
        .unwrap_or("")
}

const PRETTY_TEXT_LIMIT: usize = 4000;

pub(crate) fn write_pretty_record(
    out: &mut dyn Write,
    rec: &Record,
    v: &Verdict,
    classifier: &Classifier,
    style: Style,
) -> io::Result<()> {
    let id = terminal_safe(&rec.id_text()).into_owned();
    if let Some(err) = &rec.error {
        let err = terminal_safe(err);
        writeln!(
            out,
            "{} {} line {}: {}",
            style.paint("1;31", "ERROR"),
            id,
            rec.line,
            err
        )?;
        return Ok(());
    }
    let family = v.family.as_deref().unwrap_or("-");
    writeln!(
        out,
        "{} {} {}  score {:.2}  family {}{}",
        style.paint("2", "──"),
        style.paint("1", &id),
        style.verdict(v.verdict),
        v.score,
        family,
        if v.truncated || rec.truncated {
            "  (truncated)"
        } else {
            ""
        }
    )?;
    if !v.hits.is_empty() {
        let shown = if rec.text.len() > PRETTY_TEXT_LIMIT {
            let cut = (0..=PRETTY_TEXT_LIMIT)
                .rev()
                .find(|&i| rec.text.is_char_boundary(i))
                .unwrap_or(0);
            let hits: Vec<Hit> = v.hits.iter().filter(|h| h.end <= cut).cloned().collect();
            format!("{} …", style.highlight(&rec.text[..cut], &hits))
        } else {
            style.highlight(&rec.text, &v.hits)
        };
        for line in shown.lines() {
            writeln!(out, "   {line}")?;
        }
        let mut seen = std::collections::HashSet::new();
        for h in &v.hits {
            if !seen.insert(h.rule.clone()) {
                continue;
            }
            let desc = classifier
                .rule(&h.rule)
                .map(|r| why(&r.description))
                .unwrap_or("");
            let sign = if h.is_counter() {
                style.paint("32", &format!("{:+.1}", h.weight))
            } else {
                style.paint("33", &format!("{:+.1}", h.weight))
            };
            writeln!(
                out,
                "   • {sign} {} [{}] “{}” — {desc}",
                h.rule,
                h.category,
                terminal_safe(h.text.trim())
            )?;
        }
        for c in &v.combinations {
            writeln!(
                out,
                "   • {} combination {} ({})",
                style.paint("35", &format!("{:+.1}", c.weight)),
                c.id,
                c.family
            )?;
        }
    }
    if rec.lossy_utf8 {
        writeln!(out, "   (invalid UTF-8 replaced with U+FFFD)")?;
    }
    Ok(())
}
