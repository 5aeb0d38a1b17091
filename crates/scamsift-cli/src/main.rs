//! `scamsift`: scan text, files, JSONL and CSV for recruitment lures, task scams and pig-butchering.

mod eval;
mod explain;
mod interrupt;
mod output;
mod rules;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use scamsift::{Classifier, Entities, Label, Limits};
use scamsift_cli::input;

/// Explainable scam-text classifier: recruitment lures, task scams, pig-butchering.
#[derive(Debug, Parser)]
#[command(name = "scamsift", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Classify texts from files or stdin; one output record per input record.
    Scan(scan::ScanArgs),
    /// Explain the verdict on one text: each hit, its rule, the combinations and the score.
    Explain(explain::ExplainArgs),
    /// List, show, test and lint rules (for pack authors).
    Rules {
        #[command(subcommand)]
        command: rules::RulesCommand,
    },
    /// Measure detection on labelled JSONL corpora ({id, text, label, source, lang}).
    Eval(eval::EvalArgs),
}

/// Options shared by every command that builds a classifier.
#[derive(Debug, Clone, Args)]
pub(crate) struct PackArgs {
    /// A custom pack file or directory (repeatable). Compiled together with the built-in pack.
    #[arg(long = "pack", value_name = "FILE")]
    pub(crate) packs: Vec<PathBuf>,
    /// Use only the packs given with --pack.
    #[arg(long)]
    pub(crate) no_builtin: bool,
    /// Longest record read and text classified, in bytes (1 to 128 MiB); longer ones are cut and
    /// marked truncated (a longer JSONL line, over 2 × this + 64 KiB, is an error record).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_bytes)]
    pub(crate) max_bytes: usize,
    /// Most regexes in all packs together (a pack over it is refused before compiling).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_regexes)]
    pub(crate) max_regexes: usize,
    /// Most regexes without a literal to start from (each runs over every whole text).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_unprefixed_regexes)]
    pub(crate) max_unprefixed_regexes: usize,
    /// Most phrases plus regex literals in all packs together.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_patterns)]
    pub(crate) max_patterns: usize,
    /// Largest compiled size of one regex, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_regex_size)]
    pub(crate) max_regex_size: usize,
    /// Most memory of all compiled regexes together, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_regex_memory)]
    pub(crate) max_regex_memory: usize,
    /// Longest regex source, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_regex_len)]
    pub(crate) max_regex_len: usize,
    /// Which texts get entities (amounts, returns, contacts, wallets): `indicated` reads them only
    /// from texts with a positive rule hit (fast; every flagged text has its entities), `always` from
    /// every text (entity rules can then flag texts no phrase matched), `off` never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = EntitiesArg::Indicated)]
    pub(crate) entities: EntitiesArg,
}

/// `--entities`: the CLI spelling of [`Entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EntitiesArg {
    Off,
    Indicated,
    Always,
}

impl From<EntitiesArg> for Entities {
    fn from(a: EntitiesArg) -> Entities {
        match a {
            EntitiesArg::Off => Entities::Off,
            EntitiesArg::Indicated => Entities::WhenIndicated,
            EntitiesArg::Always => Entities::Always,
        }
    }
}

impl PackArgs {
    /// The given packs with every limit at its default.
    pub(crate) fn with_default_limits(packs: Vec<PathBuf>, no_builtin: bool) -> PackArgs {
        let d = Limits::default();
        PackArgs {
            packs,
            no_builtin,
            max_bytes: d.max_input_bytes,
            max_regexes: d.max_regexes,
            max_unprefixed_regexes: d.max_unprefixed_regexes,
            max_patterns: d.max_patterns,
            max_regex_size: d.max_regex_size,
            max_regex_memory: d.max_regex_memory,
            max_regex_len: d.max_regex_len,
            entities: EntitiesArg::Indicated,
        }
    }

    pub(crate) fn build(&self) -> Result<Classifier, String> {
        if self.no_builtin && self.packs.is_empty() {
            return Err("--no-builtin needs at least one --pack".into());
        }
        let mut b = Classifier::builder()
            .include_builtin(!self.no_builtin)
            .entities(self.entities.into())
            .limits(Limits {
                max_input_bytes: self.max_bytes,
                max_regexes: self.max_regexes,
                max_unprefixed_regexes: self.max_unprefixed_regexes,
                max_patterns: self.max_patterns,
                max_regex_size: self.max_regex_size,
                max_regex_memory: self.max_regex_memory,
                max_regex_len: self.max_regex_len,
                ..Limits::default()
            });
        for p in &self.packs {
            b = b.add_pack_file(p).map_err(|e| e.to_string())?;
        }
        b.build().map_err(|e| e.to_string())
    }
}

/// Minimum verdict for a record to count as flagged or to be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MinVerdict {
    Suspicious,
    Scam,
}

impl MinVerdict {
    pub(crate) fn admits(self, l: Label) -> bool {
        match self {
            MinVerdict::Suspicious => l != Label::Clean,
            MinVerdict::Scam => l == Label::Scam,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(a) => scan::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Rules { command } => rules::run(&command),
        Command::Eval(a) => eval::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("scamsift: {msg}");
            ExitCode::from(2)
        }
    }
}
