//! Stage 2 of the pipeline: one Aho-Corasick pass over the normalised text finds every phrase of every
//! rule, plus the prefix literals that trigger regexes; only triggered regexes then run.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

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
    /// A prefix literal of a regex: the regex must run on this text.
    Trigger { regex: u32 },
}

/// A regex belonging to a rule.
#[derive(Debug, Clone)]
struct RuleRegex {
    rule: u32,
    re: Regex,
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

/// The compiled matcher for all rules.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    /// Targets of each automaton pattern, as a range into `targets`.
    pattern_targets: Vec<(u32, u32)>,
    targets: Vec<Target>,
    regexes: Vec<RuleRegex>,
    /// Regexes without a usable prefix literal: they run on every text.
    always: Vec<u32>,
}

/// Rewrites `\b`/`\B` to their ASCII forms: Unicode word boundaries make the regex crate's fast
/// engines give up on non-ASCII text (about 1 MB/s instead of hundreds).
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
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

/// Literal prefixes every match of `pattern` starts with, or `None` when there is no small finite set.
fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    // Shorter prefixes are still prefixes: trim until the set is small, keeping them as long as possible.
    for keep in (1..=8).rev() {
        let mut out: Vec<Vec<u8>> = lits
            .iter()
            .map(|l| l.as_bytes()[..l.as_bytes().len().min(keep)].to_vec())
            .collect();
        out.sort();
        out.dedup();
        if out.len() <= 32 {
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
        let mut regexes = Vec::new();
        let mut always = Vec::new();
        for (k, (rule, pattern)) in self.regexes.iter().enumerate() {
            let origin = origin_of(k);
            let rewritten = ascii_word_boundaries(pattern);
            let re = RegexBuilder::new(&rewritten)
                .size_limit(self.regex_size_limit)
                .dfa_size_limit(self.regex_size_limit.saturating_mul(2))
                .build()
                .map_err(|e| {
                    let kind = if matches!(e, regex::Error::CompiledTooBig(_)) { PackErrorKind::Limit } else { PackErrorKind::Regex };
                    let msg = match e {
                        regex::Error::CompiledTooBig(n) => format!("regex compiles past the size limit of {n} bytes; simplify it or raise the limit"),
                        other => format!("invalid regex: {}", other.to_string().replace('\n', " ").split_whitespace().collect::<Vec<_>>().join(" ")),
                    };
                    (origin.make_err)(kind, msg).with_rule(origin.rule_id).with_field(origin.field.clone())
                })?;
            if re.is_match("") {
                return Err((origin.make_err)(
                    PackErrorKind::Regex,
                    "regex matches the empty string, so it would fire on every text".into(),
                )
                .with_rule(origin.rule_id)
                .with_field(origin.field.clone()));
            }
            let idx = regexes.len() as u32;
            regexes.push(RuleRegex { rule: *rule, re });
            match prefix_literals(&rewritten) {
                Some(lits) => {
                    for lit in lits {
                        add(
                            lit,
                            Target::Trigger { regex: idx },
                            &mut patterns,
                            &mut per_pattern,
                        );
                    }
                }
                None => always.push(idx),
            }
        }
        if patterns.len() > self.max_patterns {
            return Err(PackError::new(
                PackErrorKind::Limit,
                format!(
                    "{} patterns exceed the limit of {}",
                    patterns.len(),
                    self.max_patterns
                ),
            ));
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            // The DFA is 3–4× faster than the default contiguous NFA at this many patterns, for a few MB.
            Some(
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| {
                        PackError::new(
                            PackErrorKind::Limit,
                            format!("cannot build the phrase automaton: {e}"),
                        )
                    })?,
            )
        };
        let mut targets = Vec::new();
        let mut pattern_targets = Vec::with_capacity(per_pattern.len());
        for ts in per_pattern {
            let start = targets.len() as u32;
            targets.extend(ts);
            pattern_targets.push((start, targets.len() as u32));
        }
        Ok(Matcher {
            ac,
            pattern_targets,
            targets,
            regexes,
            always,
        })
    }
}

impl Matcher {
    /// Finds every rule occurrence in `text` (already normalised). `max_per_rule` caps how many
    /// occurrences of one rule are kept, so a text repeating one phrase cannot blow up the output.
    pub(crate) fn find(&self, text: &str, max_per_rule: usize, scratch: &mut Vec<RawHit>) {
        scratch.clear();
        let mut triggered: Vec<u32> = Vec::new();
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(text) {
                let (a, b) = self.pattern_targets[m.pattern().as_usize()];
                for t in &self.targets[a as usize..b as usize] {
                    match *t {
                        Target::Phrase {
                            rule,
                            bound_start,
                            bound_end,
                        } => {
                            if bound_start
                                && text[..m.start()]
                                    .chars()
                                    .next_back()
                                    .is_some_and(is_spaced_word_char)
                            {
                                continue;
                            }
                            if bound_end
                                && text[m.end()..]
                                    .chars()
                                    .next()
                                    .is_some_and(is_spaced_word_char)
                            {
                                continue;
                            }
                            scratch.push(RawHit {
                                rule,
                                start: m.start() as u32,
                                end: m.end() as u32,
                            });
                        }
                        Target::Trigger { regex } => {
                            if !triggered.contains(&regex) {
                                triggered.push(regex);
                            }
                        }
                    }
                }
            }
        }
        triggered.extend_from_slice(&self.always);
        for &ri in &triggered {
            let r = &self.regexes[ri as usize];
            for m in r.re.find_iter(text).take(max_per_rule) {
                if m.start() < m.end() {
                    scratch.push(RawHit {
                        rule: r.rule,
                        start: m.start() as u32,
                        end: m.end() as u32,
                    });
                }
            }
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
    }

    /// Number of automaton patterns (phrases plus regex triggers, deduplicated).
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_targets.len()
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

    #[test]
    fn rewrites_word_boundaries_outside_classes() {
        assert_eq!(ascii_word_boundaries(r"\bjob\b"), r"(?-u:\b)job(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[\d\\]\B"), r"[\d\\](?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"\\b"), r"\\b");
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
    }
}
