//! Output records: JSONL for machines, coloured text for people.

use std::collections::BTreeMap;
use std::io::{self, Write};

use scamsift::{Classifier, Label, Record as VerdictRecord, Verdict};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::input::Record;

/// The JSON record written for each input record: the input's id and line, the core's verdict record
/// (or the error), and the fields kept from the input.
#[derive(Serialize)]
struct OutRecord<'a> {
    id: &'a RawValue,
    line: u64,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    verdict: Option<VerdictRecord<'a>>,
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
        verdict: ok.then(|| v.record(&rec.text)),
        // The reader cut the record (past --max-bytes): say so even when the core did not cut it.
        truncated: ok && rec.truncated && !v.truncated(),
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

    /// The text with every hit's span marked: coloured on a terminal, `[[…]]` otherwise (`{{…}}` for
    /// counter-evidence). Spans are `(start, end, counter)` in text order.
    pub(crate) fn highlight(self, text: &str, hits: &[(usize, usize, bool)]) -> String {
        let mut out = String::with_capacity(text.len() + hits.len() * 12);
        let mut pos = 0;
        for &(start, end, counter) in hits {
            if start < pos || end > text.len() {
                continue; // overlapping spans: the first one wins the highlight
            }
            out.push_str(&terminal_safe(&text[pos..start]));
            let span = &*terminal_safe(&text[start..end]);
            if self.color {
                out.push_str(&self.paint(if counter { "4;32" } else { "1;4;33" }, span));
            } else if counter {
                out.push_str(&format!("{{{{{span}}}}}"));
            } else {
                out.push_str(&format!("[[{span}]]"));
            }
            pos = end;
        }
        out.push_str(&terminal_safe(&text[pos..]));
        out
    }
}

/// The spans of a verdict's hits, for [`Style::highlight`].
pub(crate) fn hit_spans(v: &Verdict) -> Vec<(usize, usize, bool)> {
    v.hits()
        .map(|h| (h.start(), h.end(), h.is_counter()))
        .collect()
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

const PRETTY_TEXT_LIMIT: usize = 4000;

pub(crate) fn write_pretty_record(
    out: &mut dyn Write,
    rec: &Record,
    v: &Verdict,
    _classifier: &Classifier,
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
    let family = v.family().unwrap_or("-");
    writeln!(
        out,
        "{} {} {}  score {:.2}  family {}{}",
        style.paint("2", "──"),
        style.paint("1", &id),
        style.verdict(v.label()),
        v.score(),
        family,
        if v.truncated() || rec.truncated {
            "  (truncated)"
        } else {
            ""
        }
    )?;
    if v.hits().len() > 0 {
        let spans = hit_spans(v);
        let shown = if rec.text.len() > PRETTY_TEXT_LIMIT {
            let cut = (0..=PRETTY_TEXT_LIMIT)
                .rev()
                .find(|&i| rec.text.is_char_boundary(i))
                .unwrap_or(0);
            let hits: Vec<_> = spans.iter().copied().filter(|h| h.1 <= cut).collect();
            format!("{} …", style.highlight(&rec.text[..cut], &hits))
        } else {
            style.highlight(&rec.text, &spans)
        };
        for line in shown.lines() {
            writeln!(out, "   {line}")?;
        }
        let mut seen = std::collections::HashSet::new();
        for h in v.hits() {
            if !seen.insert(h.rule_id()) {
                continue;
            }
            let desc = &h.rule().why;
            let sign = if h.is_counter() {
                style.paint("32", &format!("{:+.1}", h.weight()))
            } else {
                style.paint("33", &format!("{:+.1}", h.weight()))
            };
            writeln!(
                out,
                "   • {sign} {} [{}] “{}” — {desc}",
                h.rule_id(),
                h.category(),
                terminal_safe(h.text(&rec.text).trim())
            )?;
        }
        for c in v.combinations() {
            writeln!(
                out,
                "   • {} combination {} ({})",
                style.paint("35", &format!("{:+.1}", c.weight)),
                c.id,
                c.family
            )?;
        }
    }
    for e in v.entities() {
        writeln!(
            out,
            "   ◦ {} {}",
            style.paint("36", e.kind().as_str()),
            e.describe(&rec.text)
        )?;
    }
    if rec.lossy_utf8 {
        writeln!(out, "   (invalid UTF-8 replaced with U+FFFD)")?;
    }
    Ok(())
}
