//! `scamsift scan`: stream records through the classifier in parallel, in input order.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use scamsift::Label;

use crate::input::{read_records, FieldNames, InputFormat, Record};
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
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// Exit 0 even when something was flagged.
    #[arg(long)]
    exit_zero: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    pack: PackArgs,
}

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
    let threads = args.threads.unwrap_or(0);
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
    let reader = std::thread::spawn(move || -> Result<(), String> {
        let fields = reader_fields;
        let mut batch = Vec::with_capacity(BATCH_RECORDS);
        let mut batch_bytes = 0usize;
        let mut closed = false;
        for f in &files {
            read_records(f, format, &fields, max_bytes, &mut |rec| {
                batch_bytes += rec.text.len();
                batch.push(rec);
                if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    if tx
                        .send(std::mem::replace(
                            &mut batch,
                            Vec::with_capacity(BATCH_RECORDS),
                        ))
                        .is_err()
                    {
                        closed = true;
                        return false;
                    }
                }
                true
            })?;
            if closed {
                return Ok(());
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        Ok(())
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Summary::default();
    let mut write_error: Option<io::Error> = None;
    for batch in rx {
        // Parse, classify and render on the worker threads; the main thread only writes, in order.
        let rendered: Vec<(io::Result<Vec<u8>>, bool, Label, u64)> = pool.install(|| {
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
                    (res.map(|()| buf), rec.error.is_some(), v.label(), rec.bytes)
                })
                .collect()
        });
        for (buf, is_error, verdict, bytes) in rendered {
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
        if write_error.is_some() {
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
    drop(out);
    let read_result = reader
        .join()
        .map_err(|_| "the reader thread panicked".to_string())?;
    if let Some(e) = write_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(format!("cannot write output: {e}"));
    }
    read_result?;
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
    Ok(if summary.flagged > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
