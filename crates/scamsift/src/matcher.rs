//! Stage 2 of the pipeline: one Aho-Corasick pass over the normalised text (plus, for the non-ASCII
//! patterns, short scans around the text's non-ASCII chars) finds every phrase of every rule, plus the
//! literals that trigger regexes; only triggered regexes then run, and only where they can match.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;

use crate::error::{PackError, PackErrorKind};

/// What a hit of one automaton pattern means.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A rule's phrase, with its word-boundary requirements.
    Phrase {
        rule: u32,
        bound_start: bool,
        bound_end: bool,
    },
    /// A prefix literal of a regex: a match may start here.
    Trigger { regex: u32 },
    /// A suffix literal of a regex without usable prefixes: a match may end here, so the regex runs
    /// on the stretch before it (or on the whole text, when its matches have no maximum length).
    Present { regex: u32 },
    /// The [`ascii_prefix_len`] first bytes of a longer ASCII pattern (see [`Tail`]): an occurrence
    /// of that pattern when the tail follows.
    Tail { tail: u32 },
}

/// The rest of an ASCII pattern longer than its [`ascii_prefix_len`], whose automaton holds only that
/// prefix, and the pattern's targets (phrases: regex literals are shorter), as a range into
/// [`Matcher::targets`]. The DFA's build time grows with its states, and the ends of long phrases
/// are most of them; their prefixes are rare in text, so checking the rest costs little.
#[derive(Debug, Clone)]
struct Tail {
    rest: Box<[u8]>,
    targets: (u32, u32),
}

/// How many bytes of an ASCII pattern the automaton holds (see [`Tail`]): through the first space
/// at or after its 6th byte and two bytes of the next word ("experience re" of "experience
/// required"), all of a shorter one. A prefix that ends in the middle of a first long word would
/// match that common word ("experience"). Measured on the built-in pack: 13 k DFA states instead of
/// 24 k (its build 195 to 107 M instructions, 6.2 to 3.5 MB), and the prefixes that are not
/// patterns occur ~1.4 times in 1 MB of SMS and job ads.
fn ascii_prefix_len(pattern: &[u8]) -> usize {
    pattern
        .iter()
        .skip(5)
        .position(|&b| b == b' ')
        .map_or(pattern.len(), |i| (5 + i + 3).min(pattern.len()))
}

/// A regex belonging to a rule.
#[derive(Debug, Clone)]
struct RuleRegex {
    rule: u32,
    re: Regex,
    /// The longest a match can be, in bytes, when that is bounded.
    max_len: Option<usize>,
    /// The same in chars, i.e. in bytes on ASCII text.
    max_chars: Option<usize>,
    /// A quick test that rules out most attempts (see [`AttemptGate`]).
    gate: Option<AttemptGate>,
}

/// A rule's occurrence in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct RawHit {
    pub(crate) rule: u32,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// A phrase to add, already normalised.
pub(crate) struct PhraseSpec {
    pub(crate) rule: u32,
    pub(crate) text: String,
    pub(crate) bound_start: bool,
    pub(crate) bound_end: bool,
}

/// One Aho-Corasick automaton and what each of its patterns means.
#[derive(Debug, Clone)]
struct Automaton {
    ac: AhoCorasick,
    /// Targets of each pattern, as a range into [`Matcher::targets`].
    pattern_targets: Vec<(u32, u32)>,
    /// When `ac` is an NFA: its patterns, to build the faster DFA the first time a text needs it
    /// (`None` inside if that build failed: the NFA keeps working).
    lazy_dfa: Option<LazyDfa>,
    /// The longest pattern, in bytes (with its tail: see [`Tail`]).
    max_len: usize,
}

/// Patterns, and the DFA over them once built.
type LazyDfa = (Vec<Vec<u8>>, OnceLock<Option<AhoCorasick>>);

/// The compiled matcher for all rules.
///
/// Patterns are split by script: one automaton holds the patterns written in ASCII, another those
/// with any other byte, which runs only around the non-ASCII chars of a text (see [`NonAsciiWindows`]). A DFA's rows are as wide as its byte
/// alphabet, and Chinese, Thai or Devanagari phrases widen it for every state: on the built-in pack
/// the ASCII automaton is 5 MB instead of 27 MB for one over everything, and it scans English text
/// about 30 % faster. The ASCII automaton holds only a prefix of a long pattern (see [`Tail`]),
/// which halves its states (3.5 MB). The other one starts as an NFA (cheap to build) and becomes a DFA (about 15 ms
/// to build, 4 MB) on the first non-ASCII text, so English-only users never pay for it.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    ascii: Option<Automaton>,
    other: Option<Automaton>,
    targets: Vec<Target>,
    tails: Vec<Tail>,
    /// Distinct phrases and regex literals.
    pattern_count: usize,
    regexes: Vec<RuleRegex>,
    /// Regexes without a usable prefix literal: they run on every text.
    always: Vec<u32>,
    /// Per rule, where its occurrences can come from (see [`Settle`]).
    settle: Vec<Settle>,
    /// Per regex: all its prefix literals are ASCII, so its candidate starts all come from the ASCII
    /// pass (in order of their end) and can be tried during it.
    triggers_ascii: Vec<bool>,
}

/// Whether a rule's occurrences can be settled during the ASCII automaton's pass: only when they all
/// come from that pass, whose matches arrive in order of their end (issue 15: the occurrences of
/// every phrase of a 100 MB text were kept until the end, 12 bytes each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settle {
    /// A regex of the rule (or no phrase) can add occurrences anywhere later.
    Never,
    /// Its phrases are all ASCII.
    Always,
    /// Some of its phrases are not ASCII: only on ASCII text, where they cannot occur.
    OnAsciiText,
}

/// Occurrences collected between two settle steps (the step sorts them all: the steps double).
const SETTLE_EVERY: usize = 1 << 16;

/// Rewrites `\b`/`\B` outside character classes to their ASCII forms `(?-u:\b)`/`(?-u:\B)`, as the
/// classifier does with every pack regex: Unicode word boundaries make the regex crate's fast engines
/// give up on non-ASCII text (about 1 MB/s instead of hundreds).
///
/// ```
/// assert_eq!(scamsift::ascii_word_boundaries(r"\bjob\b"), r"(?-u:\b)job(?-u:\b)");
/// ```
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// What building needs to know about one regex, from a single parse.
struct RegexPlan {
    /// The parsed regex, or the parser's message.
    hir: Result<Hir, String>,
    /// The longest a match can be, in bytes, when that is bounded.
    max_len: Option<usize>,
    /// Literals every match starts with, when there is a small set.
    prefixes: Option<Vec<Vec<u8>>>,
    /// Literals every match ends with, when there is a small set and the prefixes are short.
    suffixes: Option<Vec<Vec<u8>>>,
    /// A quick test that rules out most attempts (see [`AttemptGate`]).
    gate: Option<AttemptGate>,
    /// The regex is triggered by its suffixes (a longer literal than its prefixes).
    suffix_mode: bool,
    /// The longest a match can be in chars, i.e. in bytes on ASCII text, when that is bounded.
    max_chars: Option<usize>,
}

impl RegexPlan {
    /// The regex can search a whole text: it has no literal to trigger on, or its suffix literals
    /// trigger it and its matches have no maximum length. Others run anchored at their prefix
    /// literals ([`Matcher::attempt`]), or on the stretches of at most their maximum length before
    /// their suffix literals.
    fn searches_whole_texts(&self) -> bool {
        if self.suffix_mode {
            self.max_len.is_none()
        } else {
            self.prefixes.is_none()
        }
    }
}

fn plan_regex(pattern: &str) -> RegexPlan {
    match regex_syntax::ParserBuilder::new().build().parse(pattern) {
        Ok(hir) => {
            let prefixes = literals(&hir, ExtractKind::Prefix);
            let suffixes = if min_len(&prefixes) >= 3 {
                None
            } else {
                literals(&hir, ExtractKind::Suffix)
            };
            // Prefixes let the regex run anchored where a match can start; but a one-byte prefix such
            // as a digit occurs everywhere, so a longer required suffix is the better trigger then.
            let suffix_mode = min_len(&suffixes) > min_len(&prefixes);
            let (max_len, max_chars) = (hir.properties().maximum_len(), max_chars(&hir));
            RegexPlan {
                max_len,
                max_chars,
                gate: AttemptGate::of(
                    &hir,
                    suffix_mode,
                    if suffix_mode { &suffixes } else { &prefixes },
                    max_len.zip(max_chars),
                ),
                suffix_mode,
                hir: Ok(hir),
                prefixes,
                suffixes,
            }
        }
        Err(e) => RegexPlan {
            hir: Err(e.to_string()),
            max_len: None,
            max_chars: None,
            prefixes: None,
            suffixes: None,
            gate: None,
            suffix_mode: false,
        },
    }
}

/// What an attempt needs to have a chance: the literals of another required part of the regex than the
/// one its trigger belongs to, somewhere in its reach (e.g. the digits of `earn[^.!?]{0,30}[0-9]+ ?usd`
/// or the "per" of `get[^.!?]{0,30}per (?:task|like)`), and, for an anchored attempt, the end of the
/// text within reach when the regex ends with `$`. Finding that out takes a memchr scan of the reach
/// instead of a walk through the regex's states; attempts at common trigger words such as "earn" or
/// "get" mostly end this way.
#[derive(Debug, Clone)]
struct AttemptGate {
    /// The bytes memchr looks for (at most three that every literal holds, the rarest such set
    /// by [`byte_frequency`]; else the rarest byte of each literal), as a table and as a list.
    rare: Box<[bool; 256]>,
    rare_bytes: Vec<u8>,
    /// When no three bytes are in every literal (too many for memchr): an automaton
    /// over them, built on the first attempt (a prefilter and a DFA instead of a table lookup per
    /// byte: job ads' attempts cost 16 M instructions less a pass; building them all eagerly would
    /// add 9 M to building the classifier). `None` inside if the build failed: the table is used.
    searcher: Option<OnceLock<Option<AhoCorasick>>>,
    /// Each literal with the offset of its byte in `rare_bytes`.
    literals: Vec<(usize, Vec<u8>)>,
    /// How far from the attempt's start a match can reach, in bytes.
    reach: usize,
    /// The same in chars, which is the reach in bytes on ASCII text.
    reach_chars: usize,
    /// The regex ends with `$`: a match reaches the end of the text.
    at_end: bool,
    /// Every literal holds a non-ASCII byte (a Russian regex): no match in ASCII text.
    non_ascii: bool,
}

impl AttemptGate {
    /// The gate of a regex triggered by its prefixes, or by its suffixes (`suffix_mode`), given the
    /// trigger literals and the most bytes and chars a match can span (`None`: unbounded, no gate).
    fn of(
        hir: &Hir,
        suffix_mode: bool,
        triggers: &Option<Vec<Vec<u8>>>,
        max_bytes_chars: Option<(usize, usize)>,
    ) -> Option<AttemptGate> {
        use regex_syntax::hir::HirKind;
        let (reach, reach_chars) = max_bytes_chars?;
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let at_end = !suffix_mode
            && matches!(
                parts.last().map(Hir::kind),
                Some(HirKind::Look(regex_syntax::hir::Look::End))
            );
        // The parts every match goes through, but the one its trigger literal belongs to.
        let mut required: Vec<&Hir> = parts
            .iter()
            .filter(|p| p.properties().minimum_len().is_some_and(|n| n > 0))
            .collect();
        if suffix_mode {
            required.pop()?;
        } else if required.is_empty() {
            return None;
        } else {
            required.remove(0);
        }
        let mut best: Option<(Vec<Vec<u8>>, f64)> = None;
        for part in required {
            let seq = Extractor::new().kind(ExtractKind::Prefix).extract(part);
            let Some(lits) = seq.literals() else { continue };
            if lits.is_empty() || lits.len() > 16 || lits.iter().any(|l| l.as_bytes().is_empty()) {
                continue;
            }
            let lits: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
            // A part the trigger literal already spells out ("per " of the suffix "per day") is
            // always there.
            let in_trigger = |l: &Vec<u8>| {
                triggers
                    .iter()
                    .flatten()
                    .any(|t| t.windows(l.len()).any(|w| w == l.as_slice()))
            };
            if lits.iter().any(in_trigger) {
                continue;
            }
            // Expected occurrences of one of the literals at a position, bytes taken as independent.
            let rate: f64 = lits
                .iter()
                .map(|l| l.iter().map(|&b| byte_frequency(b)).product::<f64>())
                .sum();
            if best.as_ref().is_none_or(|(_, r)| rate < *r) {
                best = Some((lits, rate));
            }
        }
        let (literals, rate) = best.unwrap_or_default();
        // Literals are worth testing only when a typical reach usually holds none of them.
        let literals = if rate * reach_chars.min(200) as f64 > 1.0 {
            Vec::new()
        } else {
            literals
        };
        if literals.is_empty() && !at_end {
            return None;
        }
        let mut rare = Box::new([false; 256]);
        // At most three bytes that every literal holds one of, when there are: memchr looks for
        // them (e.g. "h" for "hour", "hr", whose rarest bytes are "u" and "h").
        let cover = byte_cover(&literals);
        let literals: Vec<(usize, Vec<u8>)> = literals
            .into_iter()
            .map(|l| {
                let k = match &cover {
                    Some(set) => l.iter().position(|b| set.contains(b)).unwrap_or(0),
                    None => (0..l.len())
                        .min_by(|&a, &b| byte_frequency(l[a]).total_cmp(&byte_frequency(l[b])))
                        .unwrap_or(0),
                };
                rare[usize::from(l[k])] = true;
                (k, l)
            })
            .collect();
        let rare_bytes: Vec<u8> = (0..=255u8).filter(|&b| rare[usize::from(b)]).collect();
        let searcher = (rare_bytes.len() > 3).then(OnceLock::new);
        let non_ascii = !literals.is_empty() && literals.iter().all(|(_, l)| !l.is_ascii());
        Some(AttemptGate {
            rare,
            rare_bytes,
            searcher,
            literals,
            reach,
            reach_chars,
            at_end,
            non_ascii,
        })
    }

    /// Whether a match can start at `start`; `ascii`: the whole text is ASCII.
    fn may_match(&self, text: &[u8], start: usize, ascii: bool) -> bool {
        if ascii && self.non_ascii {
            return false;
        }
        let reach = if ascii { self.reach_chars } else { self.reach };
        let end = start.saturating_add(reach);
        if self.at_end && end < text.len() {
            return false;
        }
        let window = &text[start..end.min(text.len())];
        // `is_ascii` checks a word at a time: cheaper than looking for the literals' bytes.
        if self.non_ascii && window.is_ascii() {
            return false;
        }
        self.holds_literal(window)
    }

    /// Whether `window` holds one of the literals (true when there are none).
    fn holds_literal(&self, window: &[u8]) -> bool {
        if self.literals.is_empty() {
            return true;
        }
        // Look for the gate's bytes (with memchr when there are at most three, with the automaton
        // otherwise): few positions need a comparison.
        let found_at = |i: usize| {
            let b = window[i];
            self.literals.iter().any(|(k, l)| {
                l[*k] == b && i >= *k && window.get(i - k..i - k + l.len()) == Some(l.as_slice())
            })
        };
        let searcher = self.searcher.as_ref().and_then(|s| {
            s.get_or_init(|| AhoCorasick::new(self.literals.iter().map(|(_, l)| l)).ok())
                .as_ref()
        });
        if let Some(searcher) = searcher {
            return searcher.is_match(window);
        }
        match self.rare_bytes[..] {
            [a] => memchr::memchr_iter(a, window).any(found_at),
            [a, b] => memchr::memchr2_iter(a, b, window).any(found_at),
            [a, b, c] => memchr::memchr3_iter(a, b, c, window).any(found_at),
            _ => (0..window.len()).any(|i| self.rare[usize::from(window[i])] && found_at(i)),
        }
    }
}

/// The set of at most three bytes with the fewest expected occurrences (by [`byte_frequency`]) such
/// that every literal holds one of them; `None` when no three bytes do.
fn byte_cover(literals: &[Vec<u8>]) -> Option<Vec<u8>> {
    // Per byte, the literals that hold it (at most 16 literals: bits of a u32), rarest bytes first.
    let mut holders = [0u32; 256];
    for (i, l) in literals.iter().enumerate().take(32) {
        for &b in l {
            holders[usize::from(b)] |= 1 << i;
        }
    }
    let all = if literals.len() >= 32 {
        return None;
    } else {
        (1u32 << literals.len()) - 1
    };
    let mut bytes: Vec<(f64, u8)> = (0..=255u8)
        .filter(|&b| holders[usize::from(b)] != 0)
        .map(|b| (byte_frequency(b), b))
        .collect();
    bytes.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    let mut best: Option<(f64, Vec<u8>)> = None;
    let beats =
        |cost: f64, best: &Option<(f64, Vec<u8>)>| best.as_ref().is_none_or(|(c, _)| cost < *c);
    // Costs only grow along each loop (bytes by frequency): stop a loop once it cannot win.
    for (i, &(fi, bi)) in bytes.iter().enumerate() {
        if !beats(fi, &best) {
            break;
        }
        let hi = holders[usize::from(bi)];
        if hi == all {
            best = Some((fi, vec![bi]));
            break;
        }
        for (j, &(fj, bj)) in bytes.iter().enumerate().skip(i + 1) {
            if !beats(fi + fj, &best) {
                break;
            }
            let hj = hi | holders[usize::from(bj)];
            if hj == all {
                best = Some((fi + fj, vec![bi, bj]));
                break;
            }
            for &(fk, bk) in &bytes[j + 1..] {
                if !beats(fi + fj + fk, &best) {
                    break;
                }
                if hj | holders[usize::from(bk)] == all {
                    best = Some((fi + fj + fk, vec![bi, bj, bk]));
                    break;
                }
            }
        }
    }
    best.map(|(_, pick)| pick)
}

/// The most chars a match of `hir` can span, when bounded.
fn max_chars(hir: &Hir) -> Option<usize> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(lit) => {
            Some(std::str::from_utf8(&lit.0).map_or(lit.0.len(), |s| s.chars().count()))
        }
        HirKind::Class(_) => Some(1),
        HirKind::Repetition(rep) => rep
            .max
            .and_then(|m| max_chars(&rep.sub)?.checked_mul(m as usize)),
        HirKind::Capture(cap) => max_chars(&cap.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(0usize, |acc, p| acc.checked_add(max_chars(p)?)),
        HirKind::Alternation(alts) => alts
            .iter()
            .try_fold(0usize, |acc, p| Some(acc.max(max_chars(p)?))),
    }
}

/// A rough share of each byte in normalised prose (lower-case English letters by their usual
/// frequency, digits and punctuation rare).
fn byte_frequency(b: u8) -> f64 {
    match b {
        b' ' => 0.16,
        b'e' => 0.09,
        b't' | b'a' | b'o' | b'i' | b'n' => 0.065,
        b's' | b'r' => 0.055,
        b'h' | b'l' | b'd' => 0.035,
        b'c' | b'u' | b'm' | b'f' | b'p' | b'g' | b'w' | b'y' => 0.02,
        b'b' | b'v' | b'k' => 0.01,
        b'x' | b'j' | b'q' | b'z' => 0.002,
        b'0'..=b'9' => 0.003,
        b'.' | b',' => 0.01,
        _ => 0.002,
    }
}

/// Length of the shortest literal, 0 when there is no set.
fn min_len(lits: &Option<Vec<Vec<u8>>>) -> usize {
    lits.as_ref()
        .map_or(0, |v| v.iter().map(Vec::len).min().unwrap_or(0))
}

/// The literal prefixes (or suffixes) every match of `hir` starts (ends) with, or `None` when there
/// is no small finite set.
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let suffix = matches!(kind, ExtractKind::Suffix);
    let mut extractor = Extractor::new();
    extractor.kind(kind);
    let default = literals_with(hir, suffix, &extractor, 64);
    if min_len(&default) >= 5 {
        return default;
    }
    // A short literal such as "for " occurs everywhere; expanding a class that follows it (e.g. a digit)
    // gives a few longer ones ("for 1", "for 2" …) that are rare.
    let expanded = literals_with(hir, suffix, extractor.limit_class(16), 24);
    if min_len(&expanded) > min_len(&default) {
        expanded
    } else {
        default
    }
}

/// [`literals`] with one extractor, trimmed until at most `max_set` remain.
fn literals_with(
    hir: &Hir,
    suffix: bool,
    extractor: &Extractor,
    max_set: usize,
) -> Option<Vec<Vec<u8>>> {
    let seq = extractor.extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    // Shorter affixes are still affixes: trim until the set is small, keeping them as long as possible.
    for keep in (1..=8).rev() {
        let mut out: Vec<Vec<u8>> = lits
            .iter()
            .map(|l| {
                let b = l.as_bytes();
                let k = b.len().min(keep);
                if suffix {
                    b[b.len() - k..].to_vec()
                } else {
                    b[..k].to_vec()
                }
            })
            .collect();
        out.sort();
        out.dedup();
        // Up to 64 by default: longer literals mean fewer false candidates (measured: 15 % faster on
        // job ads than 32, 4x faster than 8), for a slightly larger automaton.
        if out.len() <= max_set {
            return Some(out);
        }
    }
    None
}

/// Letters and digits of scripts written with spaces between words need a word boundary; Chinese,
/// Japanese, Thai, Lao, Khmer and Myanmar are written without, so their phrases match as substrings.
pub(crate) fn is_spaced_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}'
        | '\u{2E80}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

pub(crate) struct MatcherBuilder {
    pub(crate) phrases: Vec<PhraseSpec>,
    pub(crate) regexes: Vec<(u32, String)>,
    pub(crate) max_patterns: usize,
    pub(crate) regex_size_limit: usize,
    /// Most regexes without a literal to trigger on (they run on every text).
    pub(crate) max_unprefixed: usize,
    /// Most memory of all compiled regexes together, in bytes.
    pub(crate) max_regex_memory: usize,
    /// Capacity of each regex's lazy-DFA cache (per thread), in bytes.
    pub(crate) regex_cache: usize,
}

/// Where a regex came from, for error messages.
pub(crate) struct RegexOrigin<'a> {
    pub(crate) rule_id: &'a str,
    pub(crate) field: String,
    pub(crate) make_err: &'a dyn Fn(PackErrorKind, String) -> PackError,
}

impl MatcherBuilder {
    pub(crate) fn build<'a>(
        self,
        origin_of: &dyn Fn(usize) -> RegexOrigin<'a>,
    ) -> Result<Matcher, PackError> {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        let mut per_pattern: Vec<Vec<Target>> = Vec::new();
        let mut add = |bytes: Vec<u8>,
                       t: Target,
                       patterns: &mut Vec<Vec<u8>>,
                       per_pattern: &mut Vec<Vec<Target>>| {
            let id = *index.entry(bytes.clone()).or_insert_with(|| {
                patterns.push(bytes);
                per_pattern.push(Vec::new());
                patterns.len() - 1
            });
            per_pattern[id].push(t);
        };
        for p in &self.phrases {
            add(
                p.text.as_bytes().to_vec(),
                Target::Phrase {
                    rule: p.rule,
                    bound_start: p.bound_start,
                    bound_end: p.bound_end,
                },
                &mut patterns,
                &mut per_pattern,
            );
        }
        let err_at = |k: usize, kind: PackErrorKind, msg: String| {
            let origin = origin_of(k);
            (origin.make_err)(kind, msg)
                .with_rule(origin.rule_id)
                .with_field(origin.field.clone())
        };
        let (size_limit, cache, max_memory) = (
            self.regex_size_limit,
            self.regex_cache,
            self.max_regex_memory,
        );
        // In pack order, a chunk at a time: parse and analyse the chunk's regexes (in parallel),
        // check the counts they add (regexes without a trigger literal, patterns), then compile them
        // (in parallel) and drop their parse trees. So the first regex over a limit, or the first
        // invalid one, stops the build before any later regex is parsed or compiled, and the parse
        // trees held at once are one chunk's.
        const CHUNK: usize = 16;
        let mut always = Vec::new();
        let mut regexes: Vec<RuleRegex> = Vec::with_capacity(self.regexes.len());
        let mut memory = 0usize;
        for (c, chunk) in self.regexes.chunks(CHUNK).enumerate() {
            let plans = par_map(chunk, |(_, p)| plan_regex(&ascii_word_boundaries(p)));
            for (i, plan) in plans.iter().enumerate() {
                let k = c * CHUNK + i;
                let idx = k as u32;
                if plan.suffix_mode {
                    for lit in plan.suffixes.iter().flatten() {
                        add(
                            lit.clone(),
                            Target::Present { regex: idx },
                            &mut patterns,
                            &mut per_pattern,
                        );
                    }
                } else if let Some(lits) = &plan.prefixes {
                    for lit in lits {
                        add(
                            lit.clone(),
                            Target::Trigger { regex: idx },
                            &mut patterns,
                            &mut per_pattern,
                        );
                    }
                } else if plan.hir.is_ok() {
                    always.push(idx);
                    if always.len() > self.max_unprefixed {
                        return Err(err_at(
                            k,
                            PackErrorKind::Limit,
                            format!(
                                "more than {} regexes have no literal to start from, so each would run on every whole text \
                                 (Limits::max_unprefixed_regexes, --max-unprefixed-regexes); begin this regex with a word",
                                self.max_unprefixed
                            ),
                        ));
                    }
                }
                if patterns.len() > self.max_patterns {
                    return Err(err_at(
                        k,
                        PackErrorKind::Limit,
                        format!(
                            "the phrases and regex literals up to this regex exceed the pattern limit of {} \
                             (Limits::max_patterns, --max-patterns)",
                            self.max_patterns
                        ),
                    ));
                }
            }
            let compiled = par_map(&plans, |plan| compile_regex(plan, size_limit, cache));
            for (i, (res, plan)) in compiled.into_iter().zip(plans).enumerate() {
                let k = c * CHUNK + i;
                let re = res.map_err(|(kind, msg)| err_at(k, kind, msg))?;
                memory = memory.saturating_add(re.memory_usage());
                if memory > max_memory {
                    return Err(err_at(
                        k,
                        PackErrorKind::Limit,
                        format!(
                            "the regexes up to this one take {memory} bytes compiled, over the limit of {max_memory} \
                             (Limits::max_regex_memory, --max-regex-memory)"
                        ),
                    ));
                }
                regexes.push(RuleRegex {
                    rule: chunk[i].0,
                    re,
                    max_len: plan.max_len,
                    max_chars: plan.max_chars,
                    gate: plan.gate,
                });
            }
        }
        if patterns.len() > self.max_patterns {
            return Err(PackError::new(
                PackErrorKind::Limit,
                format!(
                    "{} phrases exceed the pattern limit of {} (Limits::max_patterns, --max-patterns)",
                    patterns.len(),
                    self.max_patterns
                ),
            ));
        }
        let pattern_count = patterns.len();
        // The ASCII automaton holds the `ascii_prefix_len` first bytes of a longer pattern, the
        // pattern itself becomes a tail of that prefix (a pattern of its own if it is not one).
        let ascii_max_len = patterns
            .iter()
            .filter(|b| b.is_ascii())
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let mut long: Vec<(Vec<u8>, Vec<Target>)> = Vec::new();
        let mut kept: Vec<(Vec<u8>, Vec<Target>)> = Vec::with_capacity(patterns.len());
        for (bytes, ts) in patterns.into_iter().zip(per_pattern) {
            if bytes.is_ascii() && ascii_prefix_len(&bytes) < bytes.len() {
                long.push((bytes, ts));
            } else {
                kept.push((bytes, ts));
            }
        }
        let mut prefixes: std::collections::HashMap<Vec<u8>, usize> = kept
            .iter()
            .enumerate()
            .filter(|(_, (b, _))| b.is_ascii())
            .map(|(i, (b, _))| (b.clone(), i))
            .collect();
        let mut targets = Vec::new();
        let mut tails = Vec::with_capacity(long.len());
        for (mut rest, ts) in long {
            let prefix = rest.drain(..ascii_prefix_len(&rest)).collect::<Vec<u8>>();
            let id = *prefixes.entry(prefix).or_insert_with_key(|prefix| {
                kept.push((prefix.clone(), Vec::new()));
                kept.len() - 1
            });
            kept[id].1.push(Target::Tail {
                tail: tails.len() as u32,
            });
            let start = targets.len() as u32;
            targets.extend(ts);
            tails.push(Tail {
                rest: rest.into(),
                targets: (start, targets.len() as u32),
            });
        }
        let (mut ascii, mut other) = (Vec::new(), Vec::new());
        for (bytes, ts) in kept {
            let start = targets.len() as u32;
            targets.extend(ts);
            let range = (start, targets.len() as u32);
            if bytes.is_ascii() {
                ascii.push((bytes, range));
            } else {
                other.push((bytes, range));
            }
        }
        let rules = targets
            .iter()
            .filter_map(|t| match *t {
                Target::Phrase { rule, .. } => Some(rule as usize + 1),
                _ => None,
            })
            .chain(regexes.iter().map(|r| r.rule as usize + 1))
            .max()
            .unwrap_or(0);
        let mut settle = vec![Settle::Never; rules];
        for (_, (a, b)) in &ascii {
            for t in &targets[*a as usize..*b as usize] {
                if let Target::Phrase { rule, .. } = *t {
                    settle[rule as usize] = Settle::Always;
                }
            }
        }
        for (_, (a, b)) in &other {
            for t in &targets[*a as usize..*b as usize] {
                if let Target::Phrase { rule, .. } = *t {
                    if settle[rule as usize] == Settle::Always {
                        settle[rule as usize] = Settle::OnAsciiText;
                    }
                }
            }
        }
        for r in &regexes {
            settle[r.rule as usize] = Settle::Never;
        }
        let mut triggers_ascii = vec![true; regexes.len()];
        for (_, (a, b)) in &other {
            for t in &targets[*a as usize..*b as usize] {
                if let Target::Trigger { regex } = *t {
                    triggers_ascii[regex as usize] = false;
                }
            }
        }
        let (ascii, other) = join(
            || Automaton::build(ascii, false, ascii_max_len),
            || Automaton::build(other, true, 0),
        );
        Ok(Matcher {
            ascii: ascii?,
            other: other?,
            targets,
            tails,
            pattern_count,
            regexes,
            always,
            settle,
            triggers_ascii,
        })
    }
}

/// The end-of-find merge of one rule's occurrences (sorted), if it is final before `finished`: the
/// kept occurrences, when the first one past the cap that does not overlap the last kept starts
/// before `finished`.
fn settled_merge(hits: &[RawHit], finished: usize, max_per_rule: usize) -> Option<Vec<RawHit>> {
    let mut kept: Vec<RawHit> = Vec::with_capacity(max_per_rule.min(64));
    for &h in hits {
        if h.start as usize >= finished {
            return None;
        }
        if let Some(last) = kept.last_mut() {
            if h.start < last.end {
                if h.end > last.end && h.start == last.start {
                    last.end = h.end;
                }
                continue;
            }
            if kept.len() >= max_per_rule {
                return Some(kept);
            }
        }
        kept.push(h);
    }
    None
}

/// The stretches of a text that hold its non-ASCII bytes, each widened by `reach - 1` bytes on both
/// sides and merged where they overlap: every occurrence of a pattern of at most `reach` bytes that
/// holds a non-ASCII byte lies inside one of them.
struct NonAsciiWindows<'a> {
    bytes: &'a [u8],
    reach: usize,
    /// Where to look for the next non-ASCII byte.
    at: usize,
}

impl<'a> NonAsciiWindows<'a> {
    fn new(bytes: &'a [u8], reach: usize) -> Self {
        NonAsciiWindows {
            bytes,
            reach: reach.max(1),
            at: 0,
        }
    }

    /// The first byte at or after `from` that is non-ASCII (`want_non_ascii`) or ASCII, eight bytes at
    /// a time.
    fn next_kind(&self, from: usize, want_non_ascii: bool) -> Option<usize> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let b = self.bytes;
        let mut i = from;
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let hits = if want_non_ascii { word } else { !word } & HIGH;
            if hits != 0 {
                return Some(i + hits.trailing_zeros() as usize / 8);
            }
            i += 8;
        }
        (i..b.len()).find(|&j| (b[j] >= 0x80) == want_non_ascii)
    }
}

impl Iterator for NonAsciiWindows<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let first = self.next_kind(self.at, true)?;
        let lo = first.saturating_sub(self.reach - 1);
        let mut last = first;
        loop {
            // To the end of this run of non-ASCII bytes, then to the next one if the gap of ASCII
            // between them is short enough for their windows to touch.
            let Some(ascii) = self.next_kind(last + 1, false) else {
                last = self.bytes.len() - 1;
                break;
            };
            last = ascii - 1;
            match self.next_kind(ascii, true) {
                Some(next) if next - last <= 2 * self.reach => last = next,
                _ => break,
            }
        }
        let hi = (last + self.reach).min(self.bytes.len());
        self.at = last + 1;
        Some(lo..hi)
    }
}

/// Whether a phrase occurrence at `start..end` has the word boundaries it requires.
#[inline]
fn phrase_bounds_hold(
    text: &str,
    start: usize,
    end: usize,
    bound_start: bool,
    bound_end: bool,
) -> bool {
    let word_before = || {
        text[..start]
            .chars()
            .next_back()
            .is_some_and(is_spaced_word_char)
    };
    let word_after = || text[end..].chars().next().is_some_and(is_spaced_word_char);
    !(bound_start && word_before() || bound_end && word_after())
}

/// The first char boundary of `text` at or after `i`.
fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `items.map(f)`, in parallel with the `rayon` feature.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        items.iter().map(f).collect()
    }
}

/// Runs both closures, in parallel with the `rayon` feature.
fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "rayon")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "rayon"))]
    {
        (a(), b())
    }
}

/// Compiles one pack regex (already rewritten to ASCII word boundaries), with its wide gaps made
/// byte classes (see [`byte_gaps`]).
fn compile_regex(
    plan: &RegexPlan,
    size_limit: usize,
    cache_capacity: usize,
) -> Result<Regex, (PackErrorKind, String)> {
    let invalid = |detail: String| {
        (
            PackErrorKind::Regex,
            format!(
                "invalid regex: {}",
                detail.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
        )
    };
    let hir = plan.hir.as_ref().map_err(|e| invalid(e.clone()))?;
    let re = Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(size_limit))
                .hybrid_cache_capacity(cache_capacity)
                // Prefilters (and the reverse-suffix and reverse-inner searches, which need one)
                // speed up searches of whole texts; building them was a twentieth of building the
                // built-in pack, for regexes that never search one.
                .auto_prefilter(plan.searches_whole_texts()),
        )
        .build_from_hir(&byte_gaps(hir))
        .map_err(|e| match e.size_limit() {
            Some(n) => (
                PackErrorKind::Limit,
                format!("regex compiles past the size limit of {n} bytes; simplify it or raise the limit"),
            ),
            None => invalid(
                std::error::Error::source(&e).map_or_else(|| e.to_string(), ToString::to_string),
            ),
        })?;
    if re.is_match("") {
        return Err((
            PackErrorKind::Regex,
            "regex matches the empty string, so it would fire on every text".into(),
        ));
    }
    Ok(re)
}

/// Rewrites each repeated class that takes every non-ASCII char (`[^.!?]{0,40}`, `.{0,20}`) to a class of
/// bytes: its ASCII part plus every byte from 0x80. Such a gap compiled over Unicode is one UTF-8
/// automaton per repetition, and those made up most of the time spent building the built-in pack
/// (a `[^.!?]{0,50}` gap compiled 8× faster as bytes). The gap then counts bytes, not chars, and a
/// match may end inside a char; the matcher moves such ends to the next char boundary.
fn byte_gaps(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, HirKind, Repetition};
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let sub = match rep.sub.kind() {
                // Only when the class holds every char from U+0080 on (its last range, since the
                // class is canonical): the byte form then accepts the same chars.
                HirKind::Class(Class::Unicode(cls))
                    if rep.max.is_none_or(|m| m >= 4)
                        && cls
                            .ranges()
                            .last()
                            .is_some_and(|r| r.start() <= '\u{80}' && r.end() == char::MAX) =>
                {
                    let mut ranges: Vec<ClassBytesRange> = cls
                        .ranges()
                        .iter()
                        .filter(|r| r.start() < '\u{80}')
                        .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\u{7F}') as u8))
                        .collect();
                    ranges.push(ClassBytesRange::new(0x80, 0xFF));
                    Hir::class(Class::Bytes(ClassBytes::new(ranges)))
                }
                _ => byte_gaps(&rep.sub),
            };
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..rep.clone()
            })
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(byte_gaps).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(byte_gaps).collect()),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(byte_gaps(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Class(Class::Unicode(cls)) => match ascii_part_if_rest_is_space(cls) {
            Some(ascii) => Hir::class(Class::Unicode(ascii)),
            None => hir.clone(),
        },
        _ => hir.clone(),
    }
}

/// The ASCII part of a class whose other chars are all whitespace (`\s`, `[\s,]`), which the normaliser
/// turns into ASCII spaces, so they never occur in the texts regexes run on: the same matches, without
/// a UTF-8 automaton for U+0085, U+00A0, U+1680, U+2000… in every place a pack writes `\s`.
fn ascii_part_if_rest_is_space(
    cls: &regex_syntax::hir::ClassUnicode,
) -> Option<regex_syntax::hir::ClassUnicode> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let (ascii, rest): (Vec<ClassUnicodeRange>, Vec<ClassUnicodeRange>) =
        cls.ranges().iter().partition(|r| r.end() < '\u{80}');
    // Few chars to look at: the whitespace outside ASCII is 19 chars.
    let rest_chars = rest
        .iter()
        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
        .sum::<u32>();
    if ascii.is_empty()
        || rest.is_empty()
        || rest_chars > 64
        || rest.iter().any(|r| r.start() < '\u{80}')
    {
        return None;
    }
    rest.iter()
        .flat_map(|r| r.start()..=r.end())
        .all(char::is_whitespace)
        .then(|| ClassUnicode::new(ascii))
}

impl Automaton {
    /// An automaton over `patterns`: a DFA now, or an NFA now and a DFA on first use (`lazy`).
    /// `longest`: the longest pattern it stands for, with tails, when longer than its own.
    fn build(
        patterns: Vec<(Vec<u8>, (u32, u32))>,
        lazy: bool,
        longest: usize,
    ) -> Result<Option<Automaton>, PackError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let (bytes, pattern_targets): (Vec<Vec<u8>>, Vec<(u32, u32)>) =
            patterns.into_iter().unzip();
        let max_len = bytes.iter().map(Vec::len).max().unwrap_or(0).max(longest);
        let kind = if lazy {
            AhoCorasickKind::ContiguousNFA
        } else {
            AhoCorasickKind::DFA
        };
        let ac = ac_of(&bytes, kind).map_err(|e| {
            PackError::new(
                PackErrorKind::Limit,
                format!("cannot build the phrase automaton: {e}"),
            )
        })?;
        Ok(Some(Automaton {
            ac,
            pattern_targets,
            lazy_dfa: lazy.then(|| (bytes, OnceLock::new())),
            max_len,
        }))
    }

    /// The fastest automaton available.
    fn searcher(&self) -> &AhoCorasick {
        match &self.lazy_dfa {
            Some((patterns, dfa)) => dfa
                .get_or_init(|| ac_of(patterns, AhoCorasickKind::DFA).ok())
                .as_ref()
                .unwrap_or(&self.ac),
            None => &self.ac,
        }
    }
}

fn ac_of(
    patterns: &[Vec<u8>],
    kind: AhoCorasickKind,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    // The DFA is 3–4× faster than the default contiguous NFA at this many patterns, for a few MB.
    AhoCorasick::builder()
        .kind(Some(kind))
        .match_kind(MatchKind::Standard)
        .build(patterns)
}

impl Matcher {
    /// Finds every rule occurrence in `text` (already normalised). `max_per_rule` caps how many
    /// occurrences of one rule are kept, so a text repeating one phrase cannot blow up the output.
    pub(crate) fn find(&self, text: &str, max_per_rule: usize, scratch: &mut Vec<RawHit>) {
        self.find_settling(text, max_per_rule, scratch, SETTLE_EVERY);
    }

    /// [`find`](Self::find), settling rules each time `settle_every` more occurrences were collected;
    /// returns how many rules settled.
    fn find_settling(
        &self,
        text: &str,
        max_per_rule: usize,
        scratch: &mut Vec<RawHit>,
        settle_every: usize,
    ) -> usize {
        scratch.clear();
        // (regex, start) of every occurrence of a regex's prefix literal: the only places a match can start.
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        // (regex, end) of every occurrence of a suffix literal of a regex without a prefix.
        let mut present: Vec<(u32, u32)> = Vec::new();
        let ascii = text.is_ascii();
        // Rules settled during the ASCII pass: their later occurrences cannot change the result.
        let mut settled: Vec<bool> = Vec::new();
        // Per regex, once tried during the ASCII pass: (end of its last match, matches found).
        let mut tried: Vec<(usize, usize)> = Vec::new();
        let mut fresh: (u32, (usize, usize)) = (u32::MAX, (0, 0));
        let mut on_match = |automaton: &Automaton,
                            m: aho_corasick::Match,
                            scratch: &mut Vec<RawHit>,
                            candidates: &mut Vec<(u32, u32)>,
                            settled: &[bool],
                            tried: &[(usize, usize)]| {
            let (a, b) = automaton.pattern_targets[m.pattern().as_usize()];
            // A phrase target's hit at `start..end`, if its word bounds hold and its rule is open.
            let phrase_hit = |t: &Target, start: usize, end: usize, scratch: &mut Vec<RawHit>| {
                if let Target::Phrase {
                    rule,
                    bound_start,
                    bound_end,
                } = *t
                {
                    if phrase_bounds_hold(text, start, end, bound_start, bound_end)
                        && settled.get(rule as usize) != Some(&true)
                    {
                        scratch.push(RawHit {
                            rule,
                            start: start as u32,
                            end: end as u32,
                        });
                    }
                }
            };
            for t in &self.targets[a as usize..b as usize] {
                match *t {
                    Target::Phrase { .. } => phrase_hit(t, m.start(), m.end(), scratch),
                    Target::Tail { tail } => {
                        // Only in the ASCII automaton, which searches the whole text.
                        let tail = &self.tails[tail as usize];
                        if !text.as_bytes()[m.end()..].starts_with(&tail.rest) {
                            continue;
                        }
                        let (start, end) = (m.start(), m.end() + tail.rest.len());
                        for t in &self.targets[tail.targets.0 as usize..tail.targets.1 as usize] {
                            phrase_hit(t, start, end, scratch);
                        }
                    }
                    Target::Trigger { regex } => {
                        if tried.get(regex as usize).is_none_or(|t| t.1 < max_per_rule) {
                            candidates.push((regex, m.start() as u32));
                        }
                    }
                    Target::Present { regex } => present.push((regex, m.end() as u32)),
                }
            }
        };
        if let Some(automaton) = &self.ascii {
            let mut next_settle = settle_every;
            for m in automaton.searcher().find_overlapping_iter(text) {
                on_match(automaton, m, scratch, &mut candidates, &settled, &tried);
                if scratch.len() + candidates.len() >= next_settle {
                    // Every occurrence still to come ends at or after this one, so starts at or
                    // after `finished`.
                    let finished = m.end().saturating_sub(automaton.max_len);
                    self.try_candidates(
                        text,
                        &mut candidates,
                        &mut tried,
                        finished,
                        max_per_rule,
                        scratch,
                    );
                    self.settle_rules(scratch, &mut settled, finished, ascii, max_per_rule);
                    // Doubling steps keep the sorts linearithmic in all; tests step by a few.
                    let step = if settle_every < SETTLE_EVERY {
                        settle_every
                    } else {
                        scratch.len().max(settle_every)
                    };
                    next_settle = (scratch.len() + candidates.len()).saturating_add(step);
                }
            }
        }
        if let Some(automaton) = self.other.as_ref().filter(|_| !ascii) {
            // Its patterns all hold a non-ASCII byte, so only the stretches around those need a scan:
            // a few bullets or accents in an English text cost a few short scans, not a second pass.
            let searcher = automaton.searcher();
            for window in NonAsciiWindows::new(text.as_bytes(), automaton.max_len) {
                let input = aho_corasick::Input::new(text).span(window);
                for m in searcher.find_overlapping_iter(input) {
                    on_match(automaton, m, scratch, &mut candidates, &settled, &tried);
                }
            }
        }
        // Triggered regexes run anchored at their candidate starts only, so a long text with many
        // regexes costs one automaton pass plus a few short anchored attempts, not a scan per regex.
        candidates.sort_unstable();
        candidates.dedup();
        for &(ri, start) in &candidates {
            let state = match tried.get_mut(ri as usize) {
                Some(t) => t,
                None => {
                    // Not tried during the pass: a fresh state per regex, as candidates are by regex.
                    if fresh.0 != ri {
                        fresh = (ri, (0, 0));
                    }
                    &mut fresh.1
                }
            };
            self.attempt(
                ri,
                text,
                start as usize,
                ascii,
                state,
                max_per_rule,
                scratch,
            );
        }
        for &ri in &self.always {
            self.search(ri, text, 0..text.len(), max_per_rule, scratch);
        }
        // A suffix-triggered regex whose matches have a maximum length runs only on the stretches
        // that end at its suffix occurrences (merged where they overlap); others on the whole text.
        present.sort_unstable();
        present.dedup();
        let mut i = 0;
        while i < present.len() {
            let ri = present[i].0;
            let group_end = i + present[i..].iter().take_while(|p| p.0 == ri).count();
            let r = &self.regexes[ri as usize];
            let Some(mut len) = r.max_len else {
                self.search(ri, text, 0..text.len(), max_per_rule, scratch);
                i = group_end;
                continue;
            };
            if ascii {
                len = r.max_chars.unwrap_or(len).min(len);
            }
            let mut budget = max_per_rule;
            while i < group_end && budget > 0 {
                let mut lo = (present[i].1 as usize).saturating_sub(len);
                while !text.is_char_boundary(lo) {
                    lo -= 1;
                }
                let mut hi = present[i].1 as usize;
                i += 1;
                while i < group_end && (present[i].1 as usize).saturating_sub(len) <= hi {
                    hi = present[i].1 as usize;
                    i += 1;
                }
                if r.gate
                    .as_ref()
                    .is_some_and(|g| !g.holds_literal(&text.as_bytes()[lo..hi]))
                {
                    continue;
                }
                budget -= self.search(ri, text, lo..hi, budget, scratch);
            }
            i = group_end;
        }
        // One rule's occurrences: sorted, overlaps merged into the first, capped.
        scratch.sort_unstable();
        let mut out = 0usize;
        let mut kept_for_rule = 0usize;
        for i in 0..scratch.len() {
            let h = scratch[i];
            if out > 0 {
                let last = scratch[out - 1];
                if last.rule == h.rule {
                    if h.start < last.end {
                        if h.end > last.end && h.start == last.start {
                            scratch[out - 1].end = h.end; // keep the longest at one start
                        }
                        continue;
                    }
                    if kept_for_rule >= max_per_rule {
                        continue;
                    }
                } else {
                    kept_for_rule = 0;
                }
            }
            scratch[out] = h;
            out += 1;
            kept_for_rule += 1;
        }
        scratch.truncate(out);
        settled.iter().filter(|&&s| s).count()
    }

    /// One anchored attempt of regex `ri` at candidate `start`; `state` is the regex's (end of its
    /// last match, matches found), its candidates tried in order of start.
    #[allow(clippy::too_many_arguments)]
    fn attempt(
        &self,
        ri: u32,
        text: &str,
        start: usize,
        ascii: bool,
        state: &mut (usize, usize),
        max_per_rule: usize,
        scratch: &mut Vec<RawHit>,
    ) {
        let r = &self.regexes[ri as usize];
        let (next_free, found) = *state;
        if start < next_free || found >= max_per_rule {
            return;
        }
        if r.gate
            .as_ref()
            .is_some_and(|g| !g.may_match(text.as_bytes(), start, ascii))
        {
            return;
        }
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        // Anchored, so the match starts here: only its end is needed (no reverse scan).
        if let Some(m) = r.re.search_half(&input) {
            if start < m.offset() {
                let end = ceil_char_boundary(text, m.offset());
                scratch.push(RawHit {
                    rule: r.rule,
                    start: start as u32,
                    end: end as u32,
                });
                *state = (end, found + 1);
            }
        }
    }

    /// During the ASCII pass: tries the candidates that start before `finished` of the regexes whose
    /// candidates all come from that pass (no later candidate can start before them), and drops them
    /// with those of regexes that found their cap, so the list stays short.
    fn try_candidates(
        &self,
        text: &str,
        candidates: &mut Vec<(u32, u32)>,
        tried: &mut Vec<(usize, usize)>,
        finished: usize,
        max_per_rule: usize,
        scratch: &mut Vec<RawHit>,
    ) {
        tried.resize(self.regexes.len(), (0, 0));
        let ascii = text.is_ascii();
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = 0;
        for i in 0..candidates.len() {
            let (ri, start) = candidates[i];
            let early = (ascii || self.triggers_ascii[ri as usize]) && (start as usize) < finished;
            if early {
                self.attempt(
                    ri,
                    text,
                    start as usize,
                    ascii,
                    &mut tried[ri as usize],
                    max_per_rule,
                    scratch,
                );
            } else if tried[ri as usize].1 < max_per_rule {
                candidates[out] = (ri, start);
                out += 1;
            }
        }
        candidates.truncate(out);
    }

    /// Settles the rules whose merged occurrences are final: the merge at the end of `find`
    /// walks a rule's occurrences by start and, once it has kept `max_per_rule`, drops everything from
    /// the first one that does not overlap the last kept. When that one starts before `finished`
    /// (before which every occurrence of a rule that can settle has been collected), the rule's kept
    /// occurrences are the final ones: they replace its list, and later ones are not collected.
    fn settle_rules(
        &self,
        scratch: &mut Vec<RawHit>,
        settled: &mut Vec<bool>,
        finished: usize,
        ascii: bool,
        max_per_rule: usize,
    ) {
        settled.resize(self.settle.len(), false);
        scratch.sort_unstable();
        let (mut out, mut i) = (0usize, 0usize);
        while i < scratch.len() {
            let rule = scratch[i].rule as usize;
            let end = i + scratch[i..]
                .iter()
                .take_while(|h| h.rule as usize == rule)
                .count();
            let can_settle = match self.settle.get(rule) {
                Some(Settle::Always) => true,
                Some(Settle::OnAsciiText) => ascii,
                _ => false,
            };
            let merged = (can_settle && settled.get(rule) == Some(&false))
                .then(|| settled_merge(&scratch[i..end], finished, max_per_rule))
                .flatten();
            if let Some(kept) = merged {
                settled[rule] = true; // in range: `get` above
                scratch[out..out + kept.len()].copy_from_slice(&kept);
                out += kept.len();
                i = end;
                continue;
            }
            let keep = end - i;
            scratch.copy_within(i..i + keep, out);
            out += keep;
            i = end;
        }
        scratch.truncate(out);
    }

    /// Runs regex `ri` over `text[range]` (look-arounds see the whole text), keeping at most `limit`
    /// non-empty matches; returns how many it kept.
    fn search(
        &self,
        ri: u32,
        text: &str,
        range: std::ops::Range<usize>,
        limit: usize,
        scratch: &mut Vec<RawHit>,
    ) -> usize {
        let r = &self.regexes[ri as usize];
        let mut kept = 0;
        for m in r.re.find_iter(Input::new(text).range(range)) {
            if kept >= limit {
                break;
            }
            if m.start() < m.end() {
                // Byte-class gaps (see `byte_gaps`) can put either end inside a char.
                let mut start = m.start();
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                scratch.push(RawHit {
                    rule: r.rule,
                    start: start as u32,
                    end: ceil_char_boundary(text, m.end()) as u32,
                });
                kept += 1;
            }
        }
        kept
    }

    /// Number of automaton patterns (phrases plus regex triggers, deduplicated).
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_count
    }

    /// Number of regexes.
    pub(crate) fn regex_count(&self) -> usize {
        self.regexes.len()
    }

    /// Regexes that run on every text because they have no literal prefix.
    pub(crate) fn unprefixed_regex_rules(&self) -> impl Iterator<Item = u32> + '_ {
        self.always.iter().map(|&i| self.regexes[i as usize].rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
        plan_regex(pattern).prefixes
    }

    #[test]
    fn rewrites_word_boundaries_outside_classes() {
        assert_eq!(ascii_word_boundaries(r"\bjob\b"), r"(?-u:\b)job(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[\d\\]\B"), r"[\d\\](?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"\\b"), r"\\b");
    }

    fn regex_matcher(pattern: &str) -> Matcher {
        test_matcher(Vec::new(), vec![(0, pattern.to_owned())])
    }

    /// A matcher of these phrases and regexes under generous test limits.
    fn test_matcher(phrases: Vec<PhraseSpec>, regexes: Vec<(u32, String)>) -> Matcher {
        let make_err = |kind, msg: String| PackError::new(kind, msg);
        MatcherBuilder {
            phrases,
            regexes,
            max_patterns: 1000,
            regex_size_limit: 1 << 20,
            max_unprefixed: 10,
            max_regex_memory: 64 << 20,
            regex_cache: 1 << 20,
        }
        .build(&|_| RegexOrigin {
            rule_id: "r",
            field: "regexes[0]".into(),
            make_err: &make_err,
        })
        .unwrap()
    }

    /// Settling rules while the ASCII pass runs (issue 15: bounded working memory) gives exactly the
    /// occurrences of collecting them all: overlapping and nested phrases, a phrase shared by two
    /// rules, a rule that also has a regex (never settles), a rule with a non-ASCII phrase (settles on
    /// ASCII text only); settling after every occurrence or every few, caps of 1 to 16.
    #[test]
    fn settling_rules_early_changes_no_occurrence() {
        let phrase = |rule: u32, text: &str| PhraseSpec {
            rule,
            text: text.to_owned(),
            bound_start: rule % 2 == 0,
            bound_end: rule % 3 == 0,
        };
        let m = test_matcher(
            vec![
                phrase(0, "telegram"),
                phrase(0, "tele"),
                phrase(0, "gram"),
                phrase(1, "apply on telegram"),
                phrase(1, "on telegram"),
                phrase(2, "a"),
                phrase(2, "a p"),
                phrase(3, "telegram"),
                phrase(4, "apply"),
                phrase(5, "on"),
                phrase(5, "电报"),
                phrase(6, "gram a"),
                // A longer phrase of the rule starts before and ends after shorter ones: it arrives
                // late and must win.
                phrase(7, "x"),
                phrase(7, "q x x x x"),
            ],
            // Triggered regexes are tried during the ASCII pass too: overlapping attempts (a match
            // blocks the attempts inside it), one whose prefix literal is not ASCII.,
            vec![
                (4, r"apply\s+on".to_owned()),
                (8, r"tele(gram)?( x)?".to_owned()),
                (9, r"x x( x)*".to_owned()),
                (10, r"电报 ?on".to_owned()),
                // A longer prefix literal starts before and ends after a shorter one.
                (11, r"(xyz|qqq xyz xyz xyz)".to_owned()),
            ],
        );
        assert_eq!(m.settle[0], Settle::Always);
        assert_eq!(m.settle[4], Settle::Never);
        assert_eq!(m.settle[5], Settle::OnAsciiText);
        assert!(m.triggers_ascii.iter().filter(|&&a| !a).count() == 1);
        let texts = [
            "apply on telegram a p p l y ".repeat(40),
            "telegram telegramgram a a a p ".repeat(30),
            "apply on telegram 电报 on ".repeat(25),
            "x ".repeat(10) + &"a ".repeat(200) + "telegram",
            "q x x x x ".repeat(30),
            "telegram x x x tele x ".repeat(30) + "电报 on",
            "qqq xyz xyz xyz ".repeat(30),
        ];
        for text in &texts {
            for cap in [1, 2, 3, 16] {
                let mut all = Vec::new();
                assert_eq!(m.find_settling(text, cap, &mut all, usize::MAX), 0);
                for every in [1, 2, 5, 17, 64] {
                    let mut settled = Vec::new();
                    let rules = m.find_settling(text, cap, &mut settled, every);
                    assert_eq!(settled, all, "cap {cap}, every {every}: {text:.40}");
                    if every == 1 && cap < 16 {
                        assert!(rules > 0, "nothing settled: cap {cap}, {text:.40}");
                    }
                }
            }
        }
    }

    /// The ASCII automaton holds only a prefix of long phrases (see [`Tail`]): every occurrence is
    /// still found, with its word boundaries checked at the end of the whole phrase, whether the
    /// prefix is a phrase itself, begins several phrases, or occurs without its tail.
    #[test]
    fn long_phrases_match_through_their_tails() {
        let phrases = [
            "experience required",
            "experience requested",
            "experience re",
            "experience",
            "work from home",
            "work from",
            "apply on telegram now",
            "tele",
            "cash out fast",
        ];
        let cut: Vec<&str> = phrases
            .iter()
            .filter(|p| ascii_prefix_len(p.as_bytes()) < p.len())
            .copied()
            .collect();
        assert_eq!(cut.len(), 5, "{cut:?}");
        let m = test_matcher(
            phrases
                .iter()
                .enumerate()
                .map(|(i, p)| PhraseSpec {
                    rule: i as u32,
                    text: (*p).to_owned(),
                    bound_start: i % 2 == 0,
                    bound_end: i % 3 != 2,
                })
                .collect(),
            Vec::new(),
        );
        assert_eq!(m.pattern_count(), phrases.len());
        let texts = [
            "experience required, experience requested; experience re",
            "experience requiredx xexperience required experience requ",
            "work from home work from hom work from homes",
            "apply on telegram no apply on telegram now apply on telegram nowadays",
            "cash out fas cash out fast. 电报 cash out fast",
            "experience re",
            "",
        ];
        for text in texts {
            let mut want = Vec::new();
            for (i, p) in phrases.iter().enumerate() {
                for start in 0..text.len() {
                    let end = start + p.len();
                    if text.is_char_boundary(start)
                        && text[start..].starts_with(p)
                        && phrase_bounds_hold(text, start, end, i % 2 == 0, i % 3 != 2)
                    {
                        want.push(RawHit {
                            rule: i as u32,
                            start: start as u32,
                            end: end as u32,
                        });
                    }
                }
            }
            let mut got = Vec::new();
            m.find(text, 100, &mut got);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn suffix_triggered_regex_searches_only_before_its_suffixes() {
        // A one-byte prefix (a digit) is useless, so the suffix triggers it; its matches are bounded.
        let m = regex_matcher(r"\b[0-9]{1,6} ?usd per month\b");
        assert!(m.regexes[0].max_len.is_some());
        assert!(m.always.is_empty());
        let filler = "we pay 30 usd per week and 12 usd per year. ".repeat(20);
        let text = format!(
            "500 usd per month {filler} then 1200 usd per month, {filler}ends 9 usd per month"
        );
        let mut hits = Vec::new();
        m.find(&text, 10, &mut hits);
        let whole: Vec<(u32, u32)> = m.regexes[0]
            .re
            .find_iter(&text)
            .map(|x| (x.start() as u32, x.end() as u32))
            .collect();
        let got: Vec<(u32, u32)> = hits.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(got, whole);
        assert_eq!(got.len(), 3);
        // The per-rule cap still holds.
        m.find(&text, 2, &mut hits);
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn lazy_dfa_finds_what_the_nfa_finds() {
        let pats: Vec<(Vec<u8>, (u32, u32))> = ["日薪", "兼职刷单", "薪", "ทำงาน", "घर बैठे"]
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_bytes().to_vec(), (i as u32, i as u32 + 1)))
            .collect();
        let a = Automaton::build(pats, true, 0).unwrap().unwrap();
        let text = "兼职刷单，日薪500元 ทำงานที่บ้าน घर बैठे कमाएं 日薪";
        let all = |ac: &AhoCorasick| -> Vec<(usize, usize, usize)> {
            ac.find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let nfa = all(&a.ac);
        assert_eq!(a.ac.kind(), AhoCorasickKind::ContiguousNFA);
        assert_eq!(a.searcher().kind(), AhoCorasickKind::DFA);
        assert_eq!(all(a.searcher()), nfa);
        assert_eq!(nfa.len(), 7);
    }

    #[test]
    fn whitespace_classes_compile_to_their_ascii_part() {
        let class_of = |re: &str| {
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(re)
                .unwrap();
            match hir.into_kind() {
                regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => c,
                k => panic!("{re}: not a class: {k:?}"),
            }
        };
        for (re, ascii) in [
            (r"\s", Some(r"[\t-\r ]")),
            (r"[\s,]", Some(r"[\t-\r ,]")),
            (r"[\s\u{3000}]", Some(r"[\t-\r ]")),
            (r"\S", None),
            (r"[^.!?]", None),
            (r"[а-я\s]", None),
            (r"[\u{A0}\u{2000}]", None),
            (r"[a-z]", None),
        ] {
            let got = ascii_part_if_rest_is_space(&class_of(re));
            assert_eq!(got, ascii.map(class_of), "{re}");
        }
    }

    /// What lets a regex's whitespace classes drop their non-ASCII chars: no normalised text holds one,
    /// whatever char it was folded from.
    #[test]
    fn normalised_texts_hold_no_non_ascii_whitespace() {
        let n = crate::normalize::Normalizer::default();
        let all: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for chunk in all.chunks(4096) {
            let text: String = chunk.iter().flat_map(|&c| ['a', c, 'b', ' ']).collect();
            let out = n.normalize(&text);
            let bad = out
                .as_str()
                .chars()
                .find(|c| !c.is_ascii() && c.is_whitespace());
            assert_eq!(bad, None, "from chars {:?}..", chunk[0]);
        }
    }

    #[test]
    fn byte_gaps_keep_hits_on_char_boundaries() {
        let re = regex_syntax::ParserBuilder::new()
            .build()
            .parse(r"[^.!?]{0,5}pay")
            .unwrap();
        assert!(
            !byte_gaps(&re).properties().is_utf8(),
            "the gap became bytes"
        );
        // The gap counts 5 bytes back from "pay": inside the second "日" (3 bytes each).
        let m = regex_matcher(r"[^.!?]{0,5}pay(?:ment)?");
        let text = "日日日pay now, 日日日payment";
        let mut hits = Vec::new();
        m.find(text, 10, &mut hits);
        assert_eq!(hits.len(), 2, "{hits:?}");
        for h in &hits {
            let span = &text[h.start as usize..h.end as usize];
            assert!(span.ends_with("pay") || span.ends_with("payment"), "{span}");
        }
        // Ends inside a char are moved forward: a gap at the end of the pattern.
        let m = regex_matcher(r"earn[^.!?]{0,4}");
        m.find("earn日日日", 10, &mut hits);
        assert_eq!(hits.len(), 1);
        assert!("earn日日日".is_char_boundary(hits[0].end as usize));
    }

    #[test]
    fn non_ascii_windows_cover_every_pattern_reach() {
        let texts = [
            "plain ascii only",
            "• first bullet, then a long stretch of plain english text, then • another",
            "日收益5%",
            "abc日def",
            "ééé",
            "x é y é z",
        ];
        for text in texts {
            let b = text.as_bytes();
            for reach in [1, 2, 3, 6, 20] {
                let windows: Vec<_> = NonAsciiWindows::new(b, reach).collect();
                for pair in windows.windows(2) {
                    assert!(pair[0].end < pair[1].start, "{text:?} {reach}: {windows:?}");
                }
                for p in (0..b.len()).filter(|&p| b[p] >= 0x80) {
                    let need = p.saturating_sub(reach - 1)..(p + reach).min(b.len());
                    assert!(
                        windows
                            .iter()
                            .any(|w| w.start <= need.start && need.end <= w.end),
                        "{text:?} reach {reach}: byte {p} not covered by {windows:?}"
                    );
                }
                if text.is_ascii() {
                    assert!(windows.is_empty());
                }
            }
        }
    }

    #[test]
    fn byte_cover_picks_the_rarest_bytes_every_literal_holds() {
        let cases: [(&[&str], Option<&str>); 5] = [
            // Four rarest bytes (y, u, k, m), three of them cover all, and cost less than "s".
            (&["days", "hours", "weeks", "minutes"], Some("kuy")),
            (&["hour", "hr"], Some("h")),
            (&["day", "daily"], Some("y")),
            (&["xq", "zj", "kw"], Some("jkq")),
            (&["xq", "zj", "kw", "vb"], None),
        ];
        for (literals, want) in cases {
            let literals: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
            let got = byte_cover(&literals).map(|mut set| {
                set.sort_unstable();
                String::from_utf8(set).unwrap()
            });
            assert_eq!(got.as_deref(), want, "{literals:?}");
        }
    }

    #[test]
    fn gates_never_reject_a_match() {
        let cases = [
            r"(?:earn|\bget|paid)[^!?]{0,30}?(?:[0-9][0-9,.]{0,15}) ?(?:usd|\$)",
            r"\banalyst [a-z]{1,20} [a-z]{1,20}$",
            r"(?:earn|\bget|receive|paid)[^.!?]{0,30}per ?(?:task|like|review)",
            r"\b(?:hiring|recruiting) manager (?:at|of|from)\b",
            // No three bytes are in every literal: searched with an automaton, not memchr.
            r"(?:earn|make)[^.!?]{0,40}(?:jpy|gbp|usd|eur|inr|zar|chf)",
            // Three bytes cover them (k, u, y): memchr.
            r"(?:earn|make)[^.!?]{0,40}(?:days|hours|weeks|minutes)",
        ];
        let texts = [
            "earn 500 usd a day, get paid per task, paid 20$",
            "you can earn from home and get paid per like",
            "get ünïcödé ñ 5 usd and earn ₹ 7 usd",
            "earn ..... 9 usd",
            "I am the hiring manager at a bank, senior analyst john smith",
            "analyst john smith and more text after the name",
            "earn in 3 days or hours, make it weekly in minutes. earn in a week. make 5 minute",
            "earn 5 jpy, make 3 chf and earn in usd or inr. make it eu",
        ];
        for pattern in cases {
            let rewritten = ascii_word_boundaries(pattern);
            let plan = plan_regex(&rewritten);
            let gate = plan.gate.clone().expect("a gate");
            assert_eq!(
                gate.searcher.is_some(),
                pattern.contains("chf"),
                "{pattern}"
            );
            let re = compile_regex(&plan, 1 << 20, 2 << 20).unwrap();
            let mut rejected = 0;
            for text in texts {
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                    let matches = re.search_half(&input).is_some();
                    let may = gate.may_match(text.as_bytes(), start, text.is_ascii());
                    assert!(may || !matches, "{pattern} at {start} of {text:?}");
                    rejected += usize::from(!may);
                }
            }
            assert!(rejected > 0, "{pattern}: the gate never rejects anything");
        }
    }

    #[test]
    fn every_match_holds_its_gate_literal() {
        // Suffix-triggered regexes test their gate on the stretch before each suffix: any stretch
        // that holds a match must pass.
        let pattern =
            ascii_word_boundaries(r"[0-9]{1,12} ?(?:usd|dollars)[^.]{0,20}per (?:day|week)");
        let plan = plan_regex(&pattern);
        assert!(plan.suffix_mode, "a one-digit prefix loses to the suffixes");
        let gate = plan.gate.clone().expect("a gate on usd|dollars");
        let re = compile_regex(&plan, 1 << 20, 2 << 20).unwrap();
        let texts = [
            "earn 50 usd per day",
            "5 dollars, paid per week",
            "10 per day",
            "7usd per week",
        ];
        let mut matched = 0;
        for text in texts {
            for m in re.find_iter(text) {
                assert!(gate.holds_literal(&text.as_bytes()[m.range()]), "{text:?}");
                matched += 1;
            }
        }
        assert_eq!(matched, 3);
        assert!(!gate.holds_literal(b"10 per day"));
    }

    #[test]
    fn extracts_prefixes() {
        assert_eq!(
            prefix_literals(r"wa\.me/\d+"),
            Some(vec![b"wa.me/".to_vec()])
        );
        let lits = prefix_literals(r"(?:rs|inr) ?[0-9]").unwrap();
        assert!(
            lits.iter()
                .all(|l| l.starts_with(b"rs") || l.starts_with(b"inr")),
            "{lits:?}"
        );
        assert!(prefix_literals(r".*x").is_none());
        // "for " alone would trigger on every "for"; the class after it is expanded instead.
        let lits = prefix_literals(r"for (?:[0-9x]{1,12}|a few) minutes").unwrap();
        assert!(lits.contains(&b"for 7".to_vec()), "{lits:?}");
        assert!(!lits.contains(&b"for ".to_vec()), "{lits:?}");
    }
}
