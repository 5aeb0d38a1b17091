//! Reading records from text, lines, JSONL and CSV inputs, streaming, in bounded memory, losing none.
//!
//! Invariants: every record of the input yields exactly one [`Record`] (an error record when it
//! cannot be read); no read holds more than a bounded number of bytes of one record, whatever the
//! input (a longer record is cut and marked `truncated`, or becomes an error record, and the rest of
//! it is skipped in fixed-size chunks); a failing input is reported as an error with the line where
//! it failed, after every record read before it.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use clap::ValueEnum;
use serde_json::value::RawValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
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
    pub fn resolve(self, name: &str) -> InputFormat {
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
#[derive(Debug)]
pub struct Record {
    /// A JSONL line not parsed yet: parsing happens on the worker threads ([`Record::parse_json`]).
    pub raw_json: Option<String>,
    /// The id as JSON text, written back verbatim (a JSON number id keeps its exact digits).
    pub id: Box<RawValue>,
    pub line: u64,
    pub text: String,
    /// Fields copied to the output, as JSON text.
    pub keep: BTreeMap<String, Box<RawValue>>,
    pub error: Option<String>,
    pub lossy_utf8: bool,
    /// The input record was longer than `--max-bytes` and was cut.
    pub truncated: bool,
    /// Bytes of input this record consumed (for progress).
    pub bytes: u64,
}

impl Record {
    /// An empty record with a string id.
    pub fn new(id: &str, line: u64) -> Record {
        Record {
            raw_json: None,
            id: json_string(id),
            line,
            text: String::new(),
            keep: BTreeMap::new(),
            error: None,
            lossy_utf8: false,
            truncated: false,
            bytes: 0,
        }
    }

    /// The record that stands for an input that failed at `line`.
    pub fn failed(name: &str, err: &ReadError) -> Record {
        let mut r = Record::new(name, err.line);
        r.error = Some(err.message.clone());
        r
    }

    /// The id as people read it: a JSON string without quotes, anything else as JSON.
    pub fn id_text(&self) -> String {
        serde_json::from_str::<String>(self.id.get()).unwrap_or_else(|_| self.id.get().to_owned())
    }
}

/// A JSON string holding `s`, as raw JSON.
fn json_string(s: &str) -> Box<RawValue> {
    // A String always serialises; the fallback is never used.
    serde_json::value::to_raw_value(s)
        .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"))
}

#[derive(Debug, Clone)]
pub struct FieldNames {
    pub text: String,
    pub id: Option<String>,
    /// `id` was given by the user: a CSV without that column is an error (otherwise ids are FILE:LINE).
    pub id_explicit: bool,
    pub keep: Vec<String>,
}

/// Why an input stopped before its end: the message says what failed; `line` is the line where it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: u64,
    pub message: String,
}

impl ReadError {
    fn new(name: &str, line: u64, message: impl std::fmt::Display) -> ReadError {
        ReadError {
            line,
            message: format!("{name}: {message}"),
        }
    }
}

/// How long a JSONL line may be: twice `--max-bytes` (escaped text, e.g. `\uXXXX`, is longer than
/// the text) plus room for the other fields.
pub fn jsonl_line_cap(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(2).saturating_add(64 << 10)
}

/// Opens a named input (`-` is stdin).
pub fn open(name: &str) -> io::Result<Box<dyn Read + Send>> {
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

/// Cuts `bytes` to at most `cap` bytes, backing off to the start of a UTF-8 sequence so a cut
/// character does not turn into U+FFFD. Returns whether anything was cut.
fn cut(bytes: &mut Vec<u8>, cap: usize) -> bool {
    if bytes.len() <= cap {
        return false;
    }
    let mut i = cap;
    while i > 0 && cap - i < 3 && (bytes[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    if (bytes[i] & 0xC0) == 0x80 {
        i = cap; // not UTF-8 anyway: cut at the limit
    }
    bytes.truncate(i);
    true
}

/// Streams records from one input to `sink`, in order. `sink` returns false to stop early.
/// An input that cannot be opened or read returns the error; the records before it were given to `sink`.
pub fn read_records(
    name: &str,
    format: InputFormat,
    fields: &FieldNames,
    max_bytes: usize,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<(), ReadError> {
    let reader = open(name).map_err(|e| ReadError::new(name, 0, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    read_from(&mut reader, name, format, fields, max_bytes, sink)
}

/// [`read_records`] on an open reader (the fuzz targets and property tests call this).
pub fn read_from(
    reader: &mut dyn BufRead,
    name: &str,
    format: InputFormat,
    fields: &FieldNames,
    max_bytes: usize,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<(), ReadError> {
    match format.resolve(name) {
        InputFormat::Text | InputFormat::Auto => read_text(reader, name, max_bytes, sink),
        InputFormat::Lines => {
            for_each_line(reader, name, max_bytes, &mut |line_no, line, n, cut| {
                let (text, lossy) = decode(line);
                let mut r = Record::new(&format!("{name}:{line_no}"), line_no);
                r.text = text;
                r.lossy_utf8 = lossy;
                r.truncated = cut;
                r.bytes = n;
                sink(r)
            })
        }
        InputFormat::Jsonl => {
            let cap = jsonl_line_cap(max_bytes);
            for_each_line(reader, name, cap, &mut |line_no, line, n, cut| {
                if !cut && line.iter().all(u8::is_ascii_whitespace) {
                    return true; // blank lines are not records
                }
                let mut r = Record::new(&format!("{name}:{line_no}"), line_no);
                r.bytes = n;
                if cut {
                    r.error = Some(format!(
                        "JSON record longer than {cap} bytes (2 × --max-bytes + 64 KiB): skipped; raise --max-bytes"
                    ));
                } else {
                    let (line, lossy) = decode(line);
                    r.raw_json = Some(line);
                    r.lossy_utf8 = lossy;
                }
                sink(r)
            })
        }
        InputFormat::Csv => read_csv(reader, name, fields, max_bytes, sink),
    }
}

/// A `text` input: one record of at most `max_bytes` bytes. The rest of a longer input is not read,
/// so an endless input (a pipe from `/dev/zero`) still yields its record.
fn read_text(
    reader: &mut dyn BufRead,
    name: &str,
    max_bytes: usize,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<(), ReadError> {
    let limit = max_bytes.saturating_add(1);
    let mut buf = Vec::with_capacity(limit.min(1 << 16));
    let mut chunk = reader.take(limit as u64);
    // read_to_end on a Take grows the buffer at most to the limit (doubling), never beyond 2×.
    chunk
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::new(name, 1, e))?;
    let total = buf.len() as u64;
    let truncated = cut(&mut buf, max_bytes);
    let (text, lossy) = decode(buf);
    let mut r = Record::new(name, 1);
    r.text = text;
    r.lossy_utf8 = lossy;
    r.truncated = truncated;
    r.bytes = total;
    sink(r);
    Ok(())
}

/// Reads one line, keeping at most `cap` bytes of it in `buf` (newline removed) and skipping the
/// rest in the reader's buffer-sized chunks. Returns `None` at the end of input, else the bytes
/// consumed (newline included) and whether the line was cut.
fn read_bounded_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<(u64, bool)>> {
    buf.clear();
    // Room for the newline (and a CR) of a line of exactly `cap` bytes.
    let keep = cap.saturating_add(2);
    let mut consumed = 0u64;
    let mut overflow = false;
    let mut ended = false;
    while !ended {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        let n = match memchr::memchr(b'\n', avail) {
            Some(i) => {
                ended = true;
                i + 1
            }
            None => avail.len(),
        };
        let room = keep.saturating_sub(buf.len());
        if n > room {
            overflow = true;
        }
        buf.extend_from_slice(&avail[..n.min(room)]);
        reader.consume(n);
        consumed += n as u64;
    }
    if consumed == 0 {
        return Ok(None);
    }
    if !overflow && buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    let truncated = cut(buf, cap) || overflow;
    Ok(Some((consumed, truncated)))
}

/// Calls `f(line_number, line_without_newline, bytes_read, cut)` for each line until it returns false.
fn for_each_line(
    reader: &mut dyn BufRead,
    name: &str,
    cap: usize,
    f: &mut dyn FnMut(u64, Vec<u8>, u64, bool) -> bool,
) -> Result<(), ReadError> {
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    loop {
        let Some((n, truncated)) = read_bounded_line(reader, &mut buf, cap)
            .map_err(|e| ReadError::new(name, line_no + 1, e))?
        else {
            return Ok(());
        };
        line_no += 1;
        if !f(line_no, std::mem::take(&mut buf), n, truncated) {
            return Ok(());
        }
    }
}

/// One CSV field being read: at most `cap` bytes are kept.
#[derive(Default)]
struct Field {
    bytes: Vec<u8>,
    over: bool,
}

/// The columns of a CSV input that are read: text, id, kept fields (name, column).
struct Columns {
    text: usize,
    id: Option<usize>,
    keep: Vec<(String, usize)>,
}

/// CSV with a header row, read field by field with `csv_core` so that no field, row or header is
/// held beyond a bound: only the text, id and kept columns are stored, each up to `--max-bytes`.
fn read_csv(
    reader: &mut dyn BufRead,
    name: &str,
    fields: &FieldNames,
    max_bytes: usize,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<(), ReadError> {
    /// Header names longer than this are not any field we look for.
    const HEADER_FIELD_CAP: usize = 4096;
    let mut core = csv_core::Reader::new();
    let mut out = [0u8; 1 << 14];
    // Newlines skipped before a record (csv-core does not count them in `line()`).
    let mut skipped_lines = 0u64;
    let mut header: Option<Columns> = None;
    let mut header_cols = 0usize;
    let mut header_names: Vec<(String, usize)> = Vec::new();
    let mut wanted: Vec<(usize, Field)> = Vec::new();
    let mut field = Field::default();
    let mut col = 0usize;
    let mut at_record_start = true;
    let mut record_line = 1u64;
    let mut record_bytes = 0u64;
    let mut first = true;
    loop {
        if at_record_start {
            // Skip blank lines ourselves, so a record's line number is where it starts.
            loop {
                let avail = reader
                    .fill_buf()
                    .map_err(|e| ReadError::new(name, core.line() + skipped_lines, e))?;
                if first && avail.starts_with(b"\xEF\xBB\xBF") {
                    reader.consume(3);
                    record_bytes += 3;
                    first = false;
                    continue;
                }
                first = false;
                let n = avail
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                if n == 0 {
                    break;
                }
                skipped_lines += avail[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                reader.consume(n);
                record_bytes += n as u64;
            }
            record_line = core.line() + skipped_lines;
            at_record_start = false;
        }
        let (res, nin, nout) = {
            let input = reader
                .fill_buf()
                .map_err(|e| ReadError::new(name, core.line() + skipped_lines, e))?;
            core.read_field(input, &mut out)
        };
        reader.consume(nin);
        record_bytes += nin as u64;
        // Keep the bytes only of a column we need, up to its cap.
        let field_cap = match &header {
            None => HEADER_FIELD_CAP,
            Some(_) => {
                if wanted.iter().any(|(c, _)| *c == col) {
                    max_bytes
                } else {
                    0
                }
            }
        };
        let room = field_cap
            .saturating_add(4)
            .saturating_sub(field.bytes.len());
        if nout > room {
            field.over = true;
        }
        field.bytes.extend_from_slice(&out[..nout.min(room)]);
        match res {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::End => return Ok(()),
            csv_core::ReadFieldResult::Field { record_end } => {
                let f = std::mem::take(&mut field);
                match &header {
                    None => {
                        if !f.over {
                            header_names
                                .push((String::from_utf8_lossy(&f.bytes).into_owned(), col));
                        }
                    }
                    Some(_) => {
                        if let Some((_, slot)) = wanted.iter_mut().find(|(c, _)| *c == col) {
                            *slot = f;
                        }
                    }
                }
                col += 1;
                if !record_end {
                    continue;
                }
                let ncols = col;
                col = 0;
                at_record_start = true;
                let bytes = std::mem::take(&mut record_bytes);
                match &header {
                    None => {
                        header_cols = ncols;
                        let find =
                            |f: &str| header_names.iter().find(|(h, _)| h == f).map(|&(_, c)| c);
                        let text_col = find(&fields.text).ok_or_else(|| {
                            ReadError::new(
                                name,
                                record_line,
                                format_args!(
                                    "the CSV header has no column `{}` (use --text-field)",
                                    fields.text
                                ),
                            )
                        })?;
                        let id_col = match &fields.id {
                            Some(f) => match find(f) {
                                Some(c) => Some(c),
                                None if fields.id_explicit => {
                                    return Err(ReadError::new(
                                        name,
                                        record_line,
                                        format_args!(
                                            "the CSV header has no column `{f}` (use --id-field)"
                                        ),
                                    ))
                                }
                                None => None,
                            },
                            None => None,
                        };
                        let keep: Vec<(String, usize)> = fields
                            .keep
                            .iter()
                            .filter_map(|k| find(k).map(|c| (k.clone(), c)))
                            .collect();
                        wanted.clear();
                        for c in std::iter::once(text_col)
                            .chain(id_col)
                            .chain(keep.iter().map(|&(_, c)| c))
                        {
                            if !wanted.iter().any(|(w, _)| *w == c) {
                                wanted.push((c, Field::default()));
                            }
                        }
                        header = Some(Columns {
                            text: text_col,
                            id: id_col,
                            keep,
                        });
                        header_names = Vec::new();
                    }
                    Some(Columns {
                        text: text_col,
                        id: id_col,
                        keep,
                    }) => {
                        // A column may be wanted twice (text and id): copy, and clear after the row.
                        let take = |wanted: &mut Vec<(usize, Field)>, c: usize| {
                            wanted
                                .iter()
                                .find(|(k, _)| *k == c)
                                .map(|(_, f)| Field {
                                    bytes: f.bytes.clone(),
                                    over: f.over,
                                })
                                .unwrap_or_default()
                        };
                        let mut r = Record::new(&format!("{name}:{record_line}"), record_line);
                        r.bytes = bytes;
                        if ncols != header_cols {
                            r.error = Some(format!(
                                "CSV row has {ncols} fields, the header has {header_cols}"
                            ));
                            for (_, f) in wanted.iter_mut() {
                                *f = Field::default();
                            }
                        } else {
                            let mut t = take(&mut wanted, *text_col);
                            r.truncated = t.over | cut(&mut t.bytes, max_bytes);
                            (r.text, r.lossy_utf8) = decode(t.bytes);
                            if let Some(c) = id_col {
                                let mut f = take(&mut wanted, *c);
                                cut(&mut f.bytes, max_bytes);
                                r.id = json_string(&String::from_utf8_lossy(&f.bytes));
                            }
                            for (k, c) in keep {
                                let mut f = take(&mut wanted, *c);
                                cut(&mut f.bytes, max_bytes);
                                r.keep.insert(
                                    k.clone(),
                                    json_string(&String::from_utf8_lossy(&f.bytes)),
                                );
                            }
                            for (_, f) in wanted.iter_mut() {
                                *f = Field::default();
                            }
                        }
                        if !sink(r) {
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

impl Record {
    /// Parses a pending JSONL line into id, text and kept fields, or an error.
    pub fn parse_json(&mut self, fields: &FieldNames) {
        let Some(raw) = self.raw_json.take() else {
            return;
        };
        let obj = match serde_json::from_str::<BTreeMap<String, &RawValue>>(&raw) {
            Ok(o) => o,
            Err(e) => {
                self.error = Some(match serde_json::from_str::<&RawValue>(&raw) {
                    Ok(_) => "not a JSON object".into(),
                    Err(_) => format!("malformed JSON: {e}"),
                });
                return;
            }
        };
        if let Some(idf) = &fields.id {
            if let Some(v) = obj.get(idf) {
                self.id = (*v).to_owned();
            }
        }
        for k in &fields.keep {
            if let Some(v) = obj.get(k) {
                self.keep.insert(k.clone(), (*v).to_owned());
            }
        }
        match obj.get(&fields.text).map(|v| v.get()) {
            Some(v) if v.starts_with('"') => match serde_json::from_str::<String>(v) {
                Ok(s) => self.text = s,
                Err(e) => self.error = Some(format!("malformed JSON: {e}")),
            },
            Some("null") | None => {
                self.error = Some(format!("missing text field `{}`", fields.text))
            }
            Some(_) => self.error = Some(format!("text field `{}` is not a string", fields.text)),
        }
    }
}
