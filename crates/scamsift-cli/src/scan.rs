//! `scamsift scan`: stream records through the classifier in parallel, in input order.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use scamsift::Label;

use crate::input::{read_records, FieldNames, InputFormat, Record};
use crate::interrupt;
use crate::output::{write_json_record, write_pretty_record, Style};
use crate::{MinVerdict, PackArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// One JSON object per input record (default when stdout is not a terminal).
    Jsonl,
    /// Coloured verdicts with highlighted spans and reasons (default on a terminal).
    Pretty,
}

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Input files; stdin when none or `-`.
    #[arg(value_name = "FILE")]
    files: Vec<String>,
    /// How to split inputs into records.
    #[arg(short = 'f', long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Output format (default: pretty on a terminal, jsonl otherwise).
    #[arg(short = 'o', long, value_enum)]
    output_format: Option<OutputFormat>,
    /// JSONL/CSV field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL/CSV field holding the record id (default: `id` for JSONL when present, else FILE:LINE).
    #[arg(long)]
    id_field: Option<String>,
    /// JSONL/CSV fields copied to the output record (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    keep_fields: Vec<String>,
    /// Print only records at or above --min-verdict (errors are always printed).
    #[arg(long)]
    only_flagged: bool,
    /// The least verdict that counts as flagged.
    #[arg(long, value_enum, default_value_t = MinVerdict::Suspicious)]
    min_verdict: MinVerdict,
    /// Worker threads (default: all cores; at most 4 × the cores, more is capped).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
    /// Exit 0 even when something was flagged.
    #[arg(long)]
    exit_zero: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Also write a block list to this file: every contact (phone, messaging handle or link, e-mail,
    /// URL) and wallet found in flagged records, deduplicated, with the number of flagged records it
    /// appears in (tab-separated: type, kind, value, domain, records; most frequent first).
    #[arg(long, value_name = "FILE")]
    blocklist: Option<std::path::PathBuf>,
    #[command(flatten)]
    pack: PackArgs,
}

/// One block-list entry: (type, kind, value, domain).
type BlockKey = (&'static str, &'static str, String, String);

/// The contacts and wallets of a flagged verdict, each once.
fn block_entries(v: &scamsift::Verdict) -> Vec<BlockKey> {
    use scamsift::EntityValue;
    let mut out: Vec<BlockKey> = v
        .entities()
        .iter()
        .filter_map(|e| match e.value() {
            EntityValue::Contact(c) => Some((
                "contact",
                c.kind.as_str(),
                c.value.clone(),
                c.domain.clone().unwrap_or_default(),
            )),
            EntityValue::Wallet(w) => {
                Some(("wallet", w.chain.as_str(), w.address.clone(), String::new()))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Writes the block list: most frequent first, then by type, kind and value.
fn write_blocklist(
    path: &std::path::Path,
    counts: std::collections::HashMap<BlockKey, u64>,
) -> Result<(), String> {
    let mut rows: Vec<(BlockKey, u64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut f = io::BufWriter::new(
        std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?,
    );
    // Values come from untrusted text: tabs and newlines would break the columns.
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut write = || -> io::Result<()> {
        writeln!(f, "type\tkind\tvalue\tdomain\trecords")?;
        for ((ty, kind, value, domain), n) in &rows {
            writeln!(f, "{ty}\t{kind}\t{}\t{}\t{n}", clean(value), clean(domain))?;
        }
        f.flush()
    };
    write().map_err(|e| format!("{}: {e}", path.display()))
}

/// A record rendered on a worker: its output, whether it was an error, its verdict, its input bytes
/// and its block-list entries.
type Rendered = (io::Result<Vec<u8>>, bool, Label, u64, Vec<BlockKey>);

/// Records per batch sent from the reader to the classifier threads.
const BATCH_RECORDS: usize = 2048;
/// Text bytes per batch, so batches of long documents stay small.
const BATCH_BYTES: usize = 4 << 20;

#[derive(Default)]
struct Summary {
    records: u64,
    flagged: u64,
    scam: u64,
    errors: u64,
    bytes: u64,
}

pub(crate) fn run(args: &ScanArgs) -> Result<ExitCode, String> {
    let classifier = args.pack.build()?;
    interrupt::install();
    let threads = match args.threads {
        None => 0, // rayon: one per core
        Some(n) => {
            let max = max_threads();
            if n as usize > max {
                eprintln!("scamsift: -j {n} capped at {max} (4 × the available cores)");
            }
            (n as usize).min(max)
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| e.to_string())?;
    let stdout_tty = io::stdout().is_terminal();
    let output = args.output_format.unwrap_or(if stdout_tty {
        OutputFormat::Pretty
    } else {
        OutputFormat::Jsonl
    });
    let style = Style::detect(stdout_tty);
    let files: Vec<String> = if args.files.is_empty() {
        vec!["-".into()]
    } else {
        args.files.clone()
    };
    let id_default = matches!(args.input_format, InputFormat::Jsonl | InputFormat::Auto)
        .then(|| "id".to_owned());
    let fields = FieldNames {
        text: args.text_field.clone(),
        id: args.id_field.clone().or(id_default),
        id_explicit: args.id_field.is_some(),
        keep: args.keep_fields.clone(),
    };

    let total_size: Option<u64> = files
        .iter()
        .map(|f| {
            if f == "-" {
                None
            } else {
                std::fs::metadata(f).ok().map(|m| m.len())
            }
        })
        .sum();
    let progress =
        if !args.quiet && io::stderr().is_terminal() && total_size.is_none_or(|s| s > (8 << 20)) {
            let pb = match total_size {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{spinner} {bytes}/{total_bytes} {wide_bar} {bytes_per_sec} ETA {eta} · {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {bytes} read, {bytes_per_sec} · {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
            pb.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            Some(pb)
        } else {
            None
        };

    let started = Instant::now();
    let max_bytes = args.pack.max_bytes;
    let format = args.input_format;
    let (tx, rx) = sync_channel::<Vec<Record>>(2);
    let reader_fields = fields.clone();
    // The reader thread returns how many inputs failed; their error records are in the stream.
    let reader = std::thread::spawn(move || -> u64 {
        let fields = reader_fields;
        let mut batch = Vec::with_capacity(BATCH_RECORDS);
        let mut batch_bytes = 0usize;
        let mut closed = false;
        let mut failed = 0u64;
        let mut push = |rec: Record, batch: &mut Vec<Record>| -> bool {
            batch_bytes += rec.text.len() + rec.raw_json.as_ref().map_or(0, String::len);
            batch.push(rec);
            if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
                batch_bytes = 0;
                let full = std::mem::replace(batch, Vec::with_capacity(BATCH_RECORDS));
                if tx.send(full).is_err() {
                    return false;
                }
            }
            true
        };
        for f in &files {
            let res = read_records(f, format, &fields, max_bytes, &mut |rec| {
                closed = !push(rec, &mut batch);
                !closed
            });
            if closed {
                return failed;
            }
            if let Err(e) = res {
                // Said at once on stderr, and kept in order in the output as the input's error record.
                eprintln!("scamsift: {}", e.message);
                failed += 1;
                if !push(Record::failed(f, &e), &mut batch) {
                    return failed;
                }
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        failed
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Summary::default();
    let mut block_counts: std::collections::HashMap<BlockKey, u64> =
        std::collections::HashMap::new();
    let mut write_error: Option<io::Error> = None;
    let mut interrupted = false;
    loop {
        // Wake up now and then, so Ctrl-C is honoured while the reader waits for input.
        let batch = match rx.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(b) => b,
            Err(RecvTimeoutError::Timeout) => {
                if interrupt::requested() {
                    interrupted = true;
                    break;
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // Parse, classify and render on the worker threads; the main thread only writes, in order.
        let want_blocks = args.blocklist.is_some();
        let rendered: Vec<Rendered> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|mut rec| {
                    rec.parse_json(&fields);
                    let v = classifier.classify(if rec.error.is_some() { "" } else { &rec.text });
                    let mut buf = Vec::with_capacity(256);
                    let res = match output {
                        OutputFormat::Jsonl => write_json_record(&mut buf, &rec, &v),
                        OutputFormat::Pretty => {
                            write_pretty_record(&mut buf, &rec, &v, &classifier, style)
                        }
                    };
                    let blocks =
                        if want_blocks && rec.error.is_none() && args.min_verdict.admits(v.label())
                        {
                            block_entries(&v)
                        } else {
                            Vec::new()
                        };
                    (
                        res.map(|()| buf),
                        rec.error.is_some(),
                        v.label(),
                        rec.bytes,
                        blocks,
                    )
                })
                .collect()
        });
        for (buf, is_error, verdict, bytes, blocks) in rendered {
            for b in blocks {
                *block_counts.entry(b).or_insert(0) += 1;
            }
            // Checked between records, so every record written is whole.
            if interrupt::requested() {
                interrupted = true;
                break;
            }
            summary.records += 1;
            summary.bytes += bytes;
            let flagged = !is_error && args.min_verdict.admits(verdict);
            if is_error {
                summary.errors += 1;
            } else if flagged {
                summary.flagged += 1;
                if verdict == Label::Scam {
                    summary.scam += 1;
                }
            }
            if args.only_flagged && !flagged && !is_error {
                continue;
            }
            if let Err(e) = buf.and_then(|b| out.write_all(&b)) {
                write_error = Some(e);
                break;
            }
        }
        if write_error.is_some() || interrupted {
            break;
        }
        // Flush per batch so output starts before input ends.
        if let Err(e) = out.flush() {
            write_error = Some(e);
            break;
        }
        if let Some(pb) = &progress {
            pb.set_position(summary.bytes);
            pb.set_message(format!(
                "{} records, {} flagged, {} errors",
                summary.records, summary.flagged, summary.errors
            ));
        }
    }
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if write_error.is_none() {
        if let Err(e) = out.flush() {
            write_error = Some(e);
        }
    }
    drop(out);
    if interrupted {
        // The reader may be blocked on input: do not wait for it.
        eprintln!(
            "scamsift: interrupted after {} records (every record written is whole)",
            summary.records
        );
        return Ok(ExitCode::from(130));
    }
    let failed_inputs = reader
        .join()
        .map_err(|_| "the reader thread panicked".to_string())?;
    if let Some(path) = &args.blocklist {
        let entries = block_counts.len();
        write_blocklist(path, block_counts)?;
        if !args.quiet {
            eprintln!(
                "scamsift: block list of {entries} contacts and wallets written to {}",
                path.display()
            );
        }
    }
    if let Some(e) = write_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(format!("cannot write output: {e}"));
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "scamsift: {} records, {} flagged ({} scam), {} errors, {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} records/s)",
            summary.records,
            summary.flagged,
            summary.scam,
            summary.errors,
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            summary.records as f64 / secs.max(1e-9)
        );
    }
    Ok(exit_code(&summary, failed_inputs, args.exit_zero))
}

/// 2 when an input could not be read or no record could be (every record an error): something
/// failed; else 1 when something was flagged (unless `--exit-zero`); else 0.
fn exit_code(summary: &Summary, failed_inputs: u64, exit_zero: bool) -> ExitCode {
    if failed_inputs > 0 || (summary.records > 0 && summary.errors == summary.records) {
        ExitCode::from(2)
    } else if summary.flagged > 0 && !exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Most worker threads: 4 × the cores this process may use. More only adds memory and switching.
pub(crate) fn max_threads() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get().saturating_mul(4))
}
