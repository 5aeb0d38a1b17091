//! Reading records from text, lines, JSONL and CSV inputs, streaming and without losing any.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use clap::ValueEnum;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// Guess from the file extension (.jsonl/.ndjson → jsonl, .csv → csv, else text).
    Auto,
    /// The whole file is one document.
    Text,
    /// One document per line.
    Lines,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl InputFormat {
    pub(crate) fn resolve(self, name: &str) -> InputFormat {
        if self != InputFormat::Auto {
            return self;
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            InputFormat::Jsonl
        } else if lower.ends_with(".csv") {
            InputFormat::Csv
        } else {
            InputFormat::Text
        }
    }
}

/// One input record: a text to classify, or the reason it could not be read.
#[derive(Debug, Default)]
pub(crate) struct Record {
    /// A JSONL line not parsed yet: parsing happens on the worker threads ([`Record::parse_json`]).
    pub(crate) raw_json: Option<String>,
    pub(crate) id: Value,
    pub(crate) line: u64,
    pub(crate) text: String,
    pub(crate) keep: Map<String, Value>,
    pub(crate) error: Option<String>,
    pub(crate) lossy_utf8: bool,
    /// Bytes of input this record consumed (for progress).
    pub(crate) bytes: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct FieldNames {
    pub(crate) text: String,
    pub(crate) id: Option<String>,
    pub(crate) keep: Vec<String>,
}

/// Opens a named input (`-` is stdin).
pub(crate) fn open(name: &str) -> io::Result<Box<dyn Read + Send>> {
    if name == "-" {
        Ok(Box::new(io::stdin()))
    } else {
        Ok(Box::new(File::open(Path::new(name))?))
    }
}

fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

fn default_id(name: &str, line: u64) -> Value {
    Value::String(format!("{name}:{line}"))
}

/// Streams records from one input to `sink`, in order. `sink` returns false to stop early.
pub(crate) fn read_records(
    name: &str,
    format: InputFormat,
    fields: &FieldNames,
    max_bytes: usize,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<(), String> {
    let reader = open(name).map_err(|e| format!("{name}: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    match format.resolve(name) {
        InputFormat::Text | InputFormat::Auto => {
            // Read at most max_bytes (+ a few for a cut char) so a huge file costs bounded memory;
            // the classifier marks the verdict truncated.
            let mut buf = Vec::new();
            let cap = max_bytes as u64 + 4;
            (&mut reader)
                .take(cap)
                .read_to_end(&mut buf)
                .map_err(|e| format!("{name}: {e}"))?;
            let mut total = buf.len() as u64;
            if buf.len() as u64 == cap {
                total +=
                    io::copy(&mut reader, &mut io::sink()).map_err(|e| format!("{name}: {e}"))?;
            }
            let (text, lossy) = decode(buf);
            let id = if name == "-" {
                Value::String("-".into())
            } else {
                Value::String(name.to_owned())
            };
            sink(Record {
                id,
                line: 1,
                text,
                lossy_utf8: lossy,
                bytes: total,
                ..Record::default()
            });
        }
        InputFormat::Lines => for_each_line(&mut reader, name, &mut |line_no, line, n| {
            let (text, lossy) = decode(line);
            sink(Record {
                id: default_id(name, line_no),
                line: line_no,
                text,
                lossy_utf8: lossy,
                bytes: n,
                ..Record::default()
            })
        })?,
        InputFormat::Jsonl => for_each_line(&mut reader, name, &mut |line_no, line, n| {
            if line.iter().all(u8::is_ascii_whitespace) {
                return true; // blank lines are not records
            }
            let (line, lossy) = decode(line);
            sink(Record {
                raw_json: Some(line),
                id: default_id(name, line_no),
                line: line_no,
                lossy_utf8: lossy,
                bytes: n,
                ..Record::default()
            })
        })?,
        InputFormat::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(false)
                .from_reader(reader);
            let headers = rdr
                .byte_headers()
                .map_err(|e| format!("{name}: cannot read the CSV header: {e}"))?
                .clone();
            let col = |field: &str| headers.iter().position(|h| h == field.as_bytes());
            let text_col = col(&fields.text).ok_or_else(|| {
                format!(
                    "{name}: the CSV header has no column `{}` (use --text-field)",
                    fields.text
                )
            })?;
            let id_col = match &fields.id {
                Some(f) => Some(col(f).ok_or_else(|| {
                    format!("{name}: the CSV header has no column `{f}` (use --id-field)")
                })?),
                None => None,
            };
            let keep_cols: Vec<(String, usize)> = fields
                .keep
                .iter()
                .filter_map(|k| col(k).map(|c| (k.clone(), c)))
                .collect();
            let mut rec = csv::ByteRecord::new();
            let mut last_pos = 0u64;
            loop {
                let line_no = rdr.position().line() + u64::from(rdr.position().line() == 0);
                match rdr.read_byte_record(&mut rec) {
                    Ok(false) => break,
                    Ok(true) => {
                        let pos = rdr.position().byte();
                        let bytes = pos.saturating_sub(last_pos);
                        last_pos = pos;
                        let line = rec.position().map_or(line_no, |p| p.line());
                        let (text, lossy) = decode(rec.get(text_col).unwrap_or_default().to_vec());
                        let id = id_col.and_then(|c| rec.get(c)).map_or_else(
                            || default_id(name, line),
                            |v| Value::String(String::from_utf8_lossy(v).into_owned()),
                        );
                        let keep = keep_cols
                            .iter()
                            .map(|(k, c)| {
                                (
                                    k.clone(),
                                    Value::String(
                                        String::from_utf8_lossy(rec.get(*c).unwrap_or_default())
                                            .into_owned(),
                                    ),
                                )
                            })
                            .collect();
                        if !sink(Record {
                            id,
                            line,
                            text,
                            keep,
                            lossy_utf8: lossy,
                            bytes,
                            ..Record::default()
                        }) {
                            break;
                        }
                    }
                    Err(e) => {
                        let line = e.position().map_or(line_no, csv::Position::line);
                        let msg = match e.kind() {
                            csv::ErrorKind::UnequalLengths {
                                expected_len, len, ..
                            } => format!("CSV row has {len} fields, the header has {expected_len}"),
                            csv::ErrorKind::Io(io) => return Err(format!("{name}: {io}")),
                            other => format!("malformed CSV row: {other:?}"),
                        };
                        let pos = rdr.position().byte();
                        let bytes = pos.saturating_sub(last_pos);
                        last_pos = pos;
                        if !sink(Record {
                            id: default_id(name, line),
                            line,
                            error: Some(msg),
                            bytes,
                            ..Record::default()
                        }) {
                            break;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Calls `f(line_number, line_without_newline, bytes_read)` for each line until it returns false.
fn for_each_line(
    reader: &mut dyn BufRead,
    name: &str,
    f: &mut dyn FnMut(u64, Vec<u8>, u64) -> bool,
) -> Result<(), String> {
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("{name}: {e}"))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        trim_newline(&mut buf);
        if !f(line_no, std::mem::take(&mut buf), n as u64) {
            return Ok(());
        }
    }
}

fn trim_newline(buf: &mut Vec<u8>) {
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
}

impl Record {
    /// Parses a pending JSONL line into id, text and kept fields, or an error.
    pub(crate) fn parse_json(&mut self, fields: &FieldNames) {
        let Some(raw) = self.raw_json.take() else {
            return;
        };
        let mut obj = match serde_json::from_str::<Value>(&raw) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                self.error = Some("not a JSON object".into());
                return;
            }
            Err(e) => {
                self.error = Some(format!("malformed JSON: {e}"));
                return;
            }
        };
        if let Some(idf) = &fields.id {
            if let Some(v) = obj.get(idf) {
                self.id = v.clone();
            }
        }
        for k in &fields.keep {
            if let Some(v) = obj.get(k) {
                self.keep.insert(k.clone(), v.clone());
            }
        }
        match obj.remove(&fields.text) {
            Some(Value::String(s)) => self.text = s,
            Some(Value::Null) | None => {
                self.error = Some(format!("missing text field `{}`", fields.text))
            }
            Some(_) => self.error = Some(format!("text field `{}` is not a string", fields.text)),
        }
    }
}
