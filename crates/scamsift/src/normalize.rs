//! Stage 1 of the pipeline: fold obfuscated text into a canonical form, keeping a map back to the
//! original bytes.
//!
//! The normaliser runs in two passes:
//!
//! * **fold** (always): NFKC compatibility decomposition, lower case, removal of invisible format
//!   characters, homoglyph and diacritic folding to a Latin skeleton, whitespace collapsing, `-`/`_`
//!   between letters to a space, emoji and symbols between letters or digits to a space, and digits
//!   or Latin letters written for Cyrillic ones inside words of Russian text (`зара6отка`) to those
//!   letters. Pure ASCII input takes a byte loop that never decodes a char.
//! * **rewrite** (only when the fold pass saw a candidate): collapsing of letter-by-letter spelling
//!   (`t e l e g r a m`), leetspeak inside words (`te1egr@m`, `5OOO`), and pieces of a word split by
//!   emoji joined again when they make a vocabulary word (`tele📱gram`).
//!
//! Each pass records an [`OffsetMap`]; a match found on the normalised text maps back through both to a
//! span of the original text that starts and ends on char boundaries.

use std::collections::HashSet;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The normalised form of a text plus the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    fold_map: OffsetMap,
    rewrite_map: OffsetMap,
}

impl Normalized {
    /// The normalised text that patterns are matched against.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a half-open byte span of the normalised text to the smallest span of the original text
    /// that produced it. Both ends land on char boundaries of the original.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = (
            self.rewrite_map.start(start, &self.text),
            self.rewrite_map.end(end, &self.text),
        );
        // The fold map has no spelled pieces: it needs no text.
        let (s, e) = (self.fold_map.start(s, ""), self.fold_map.end(e, ""));
        (s, e.max(s))
    }

    /// True when the rewrite pass changed something (letter-by-letter spelling or leetspeak was
    /// collapsed): the text was obfuscated in ASCII.
    pub(crate) fn was_rewritten(&self) -> bool {
        !self.rewrite_map.anchors.is_empty()
    }

    /// The span of the normalised text that covers the original byte span `start..end`, the inverse of
    /// [`original_span`](Self::original_span) up to the granularity of the map (for proximity windows
    /// around things found in the original text). O(log n) per call.
    pub fn normalized_span(&self, start: usize, end: usize) -> (usize, usize) {
        // The original start of a normalised offset is monotonic in it: binary search.
        let first_at_or_after = |target: usize| -> usize {
            let (mut lo, mut hi) = (0usize, self.text.len());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let orig = self
                    .fold_map
                    .start(self.rewrite_map.start(mid, &self.text), "");
                if orig < target {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let s = first_at_or_after(start);
        let e = first_at_or_after(end).max(s);
        (s, e)
    }
}

/// A piecewise map from normalised byte offsets to original byte offsets.
///
/// Anchors are sorted by `norm`. Inside a *linear* piece, normalised and original bytes correspond one to
/// one (the text is unchanged, or each char was replaced by one of the same UTF-8 length). An *atomic*
/// piece is one original unit (a char, or a char plus its dropped marks) replaced by text of another
/// length: any offset inside it maps to the whole unit.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    anchors: Vec<Anchor>,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    norm: u32,
    orig: u32,
    piece: Piece,
}

/// How the normalised bytes from an anchor up to the next one map to the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Byte for byte.
    Linear,
    /// One original unit: any offset inside maps to the whole unit.
    Atomic,
    /// A run of single chars (units) whose original has one separator byte after each unit, dropped
    /// or kept as a space (a letter-by-letter run, `t e l e g r a m`): the original offset of a
    /// normalised one follows from the normalised bytes before it, so a whole run needs one anchor per
    /// [`SPELLED_PIECE_MAX`] bytes instead of one per letter (issue 15: 100 MB of spaced letters).
    Spelled,
}

/// Longest [`Piece::Spelled`] in normalised bytes: bounds the bytes a lookup counts.
const SPELLED_PIECE_MAX: usize = 512;

/// Original offset of the normalised offset `pos` inside the spelled piece at `a`, given the
/// normalised text `text`. Units before `pos` each took their bytes plus one separator; a space in
/// the normalised text is the separator after the unit before it; `pos` on a space or inside a unit
/// is one separator short of the next unit's start.
fn spelled_start(a: &Anchor, pos: usize, text: &[u8]) -> usize {
    let from = a.norm as usize;
    if pos >= text.len() {
        // At or past the text's end (the last piece only): linear after its last byte.
        return if text.len() > from {
            spelled_start(a, text.len() - 1, text) + 1 + (pos - text.len())
        } else {
            a.orig as usize + pos.saturating_sub(from)
        };
    }
    let (mut bytes, mut units) = (0usize, 0usize);
    for &b in &text[from.min(pos)..pos] {
        if b != b' ' {
            bytes += 1;
            units += usize::from(b & 0xC0 != 0x80);
        }
    }
    let short = text[pos] == b' ' || text[pos] & 0xC0 == 0x80;
    (a.orig as usize + bytes + units).saturating_sub(usize::from(short))
}

impl OffsetMap {
    /// `text` is the normalised side of the map (read only by [`Piece::Spelled`] pieces).
    fn start(&self, pos: usize, text: &str) -> usize {
        if self.anchors.is_empty() {
            return pos;
        }
        let idx = self.anchors.partition_point(|a| a.norm as usize <= pos);
        if idx == 0 {
            return pos; // before the first anchor the map is the identity
        }
        let a = self.anchors[idx - 1];
        match a.piece {
            Piece::Linear => a.orig as usize + (pos - a.norm as usize),
            Piece::Atomic => a.orig as usize,
            Piece::Spelled => spelled_start(&a, pos, text.as_bytes()),
        }
    }

    fn end(&self, pos: usize, text: &str) -> usize {
        if self.anchors.is_empty() {
            return pos;
        }
        let idx = self.anchors.partition_point(|a| (a.norm as usize) < pos);
        if idx == 0 {
            return pos;
        }
        let a = self.anchors[idx - 1];
        match a.piece {
            Piece::Linear => a.orig as usize + (pos - a.norm as usize),
            // An atomic piece is always followed by an anchor at the end of its original unit.
            Piece::Atomic => self
                .anchors
                .get(idx)
                .map_or(a.orig as usize, |next| next.orig as usize),
            // The end of the byte before `pos`, which lies in the piece.
            Piece::Spelled => spelled_start(&a, pos - 1, text.as_bytes()) + 1,
        }
    }
}

/// A single char other than a space: what a [`Piece::Spelled`] is made of.
fn is_unit(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c != ' ') && chars.next().is_none()
}

/// Builds output text and its [`OffsetMap`] together.
struct Emitter {
    out: String,
    anchors: Vec<Anchor>,
    /// When the last anchor is [`Piece::Spelled`]: the original offset right after its last unit (of
    /// its separator), and whether the last thing emitted was a unit (not a kept separator).
    spelled_sep: usize,
    spelled_after_unit: bool,
}

impl Emitter {
    fn with_capacity(n: usize) -> Self {
        Emitter {
            out: String::with_capacity(n + 8),
            anchors: Vec::new(),
            spelled_sep: 0,
            spelled_after_unit: false,
        }
    }

    /// Emits text whose bytes correspond one to one with the original bytes at `orig`.
    #[inline]
    fn linear(&mut self, orig: usize, s: &str) {
        self.place(orig, s);
        self.out.push_str(s);
    }

    #[inline]
    fn linear_byte(&mut self, orig: usize, b: u8) {
        // Only ASCII bytes come through here.
        let c = b as char;
        self.place(orig, c.encode_utf8(&mut [0; 4]));
        self.out.push(c);
    }

    /// Records what the map needs before `s` (from `orig`) is appended: nothing when it continues the
    /// last piece, else a new anchor.
    #[inline]
    fn place(&mut self, orig: usize, s: &str) {
        let norm = self.out.len();
        let unit = is_unit(s);
        match self.anchors.last_mut() {
            Some(a)
                if a.piece == Piece::Spelled && norm - (a.norm as usize) < SPELLED_PIECE_MAX =>
            {
                if unit && orig == self.spelled_sep + 1 {
                    self.spelled_sep = orig + s.len();
                    self.spelled_after_unit = true;
                    return;
                }
                if s == " " && self.spelled_after_unit && orig == self.spelled_sep {
                    self.spelled_after_unit = false;
                    return;
                }
            }
            Some(a) if a.piece == Piece::Linear => {
                let at = a.orig as usize + (norm - a.norm as usize);
                if at == orig {
                    return;
                }
                // One unit since the anchor, then another after one dropped byte: a spelled piece.
                let last = &self.out[a.norm as usize..];
                if unit && orig == at + 1 && is_unit(last) {
                    a.piece = Piece::Spelled;
                    self.spelled_sep = orig + s.len();
                    self.spelled_after_unit = true;
                    return;
                }
            }
            Some(_) => {}
            None if norm == orig => return,
            None => {}
        }
        self.anchors.push(Anchor {
            norm: norm as u32,
            orig: orig as u32,
            piece: Piece::Linear,
        });
    }

    fn finish(self) -> (String, OffsetMap) {
        // An empty anchor list means the identity map.
        let identity = self
            .anchors
            .iter()
            .all(|a| a.piece == Piece::Linear && a.norm == a.orig);
        let anchors = if identity { Vec::new() } else { self.anchors };
        (self.out, OffsetMap { anchors })
    }
}

/// Separators that may stand between the letters of a word spelled out letter by letter.
fn is_spacing_separator(b: u8) -> bool {
    matches!(b, b' ' | b'.' | b'_' | b'-' | b'*')
}

fn is_spacing_separator_char(c: char) -> bool {
    c.is_ascii() && is_spacing_separator(c as u8)
}

fn is_leet_symbol(b: u8) -> bool {
    matches!(
        b,
        b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'@' | b'$' | b'!' | b'|'
    )
}

/// The letter a leet symbol stands for; `1` and `!` are resolved against the pack vocabulary.
fn leet_letter(b: u8, one_as_l: bool) -> u8 {
    match b {
        b'0' => b'o',
        b'1' | b'!' => {
            if one_as_l {
                b'l'
            } else {
                b'i'
            }
        }
        b'|' => b'l',
        b'3' => b'e',
        b'4' | b'@' => b'a',
        b'5' | b'$' => b's',
        b'7' => b't',
        _ => b,
    }
}

/// Invisible format characters that obfuscators insert inside words.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{E0000}'..='\u{E007F}')
}

/// Scripts whose text passes through unchanged: no compatibility decomposition applies to them, and
/// skipping the lookup keeps Chinese and Thai text fast.
fn is_passthrough(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3040}'..='\u{30FF}'
        | '\u{0E01}'..='\u{0E32}' | '\u{0E34}'..='\u{0E7F}' | '\u{AC00}'..='\u{D7A3}'
        | '\u{0900}'..='\u{0957}' | '\u{0960}'..='\u{097F}')
}

/// Look-alikes folded to their Latin skeleton. Applied before lower-casing, because some upper-case
/// forms look like a different Latin letter than their lower-case forms (Greek `Η` is `H`, `η` is `n`).
fn confusable(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'А' | 'а' => 'a',
        'В' | 'в' => 'b',
        'С' | 'с' => 'c',
        'Е' | 'е' | 'Ё' | 'ё' => 'e',
        'Н' | 'н' | 'һ' | 'Һ' => 'h',
        'І' | 'і' | 'Ї' | 'ї' | 'ӏ' | 'Ӏ' => 'i',
        'Ј' | 'ј' => 'j',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' => 't',
        'У' | 'у' => 'y',
        'Х' | 'х' => 'x',
        // Letters obfuscated Russian spam swaps for Latin look-alikes in lower case ("пoдpoбнoстu",
        // "nишu", "дpyr"), so both spellings meet in one skeleton.
        'И' | 'и' => 'u',
        'П' | 'п' => 'n',
        'Г' | 'г' => 'r',
        'Ь' | 'ь' => 'b',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' | 'Ԝ' => 'w',
        'ғ' => 'f',
        'ɡ' => 'g',
        // Greek
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ε' | 'ε' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'η' => 'n',
        'Ι' | 'ι' => 'i',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' => 'n',
        'ν' => 'v',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'Υ' => 'y',
        'υ' => 'u',
        'Χ' | 'χ' => 'x',
        'γ' => 'y',
        'ω' => 'w',
        // Small capitals and other Latin-like letters
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ǫ' => 'q',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        // Greek and Cyrillic small capitals and turned letters that Russian spam writes for л, п, р,
        // м, ш, г ("ᴧюдᴇй", "ᴨᴩᴏᴇᴋᴛᴇ", "нᴏʙᴏʍ", "ᴨиɯиᴛᴇ"): folded to the letters' own skeleton.
        'ᴧ' | 'ᴫ' => 'л',
        'ᴨ' => 'n',
        'ᴩ' => 'p',
        'ᴦ' => 'r',
        'ʍ' => 'm',
        'ɯ' => 'ш',
        // Letters with a stroke or bar have no canonical decomposition.
        'Đ' | 'đ' | 'Ɖ' | 'ɖ' => 'd',
        'Ł' | 'ł' => 'l',
        'Ø' | 'ø' => 'o',
        'Ɍ' | 'ɍ' => 'r',
        'Ƀ' | 'ƀ' => 'b',
        'Ħ' | 'ħ' => 'h',
        'Ŧ' | 'ŧ' => 't',
        'Ɨ' | 'ɨ' => 'i',
        'Ƶ' | 'ƶ' => 'z',
        'Ǥ' | 'ǥ' => 'g',
        'Ɉ' | 'ɉ' => 'j',
        'ı' => 'i',
        'ȷ' => 'j',
        // The Unicode hyphen (U+2011, the non-breaking one, decomposes to it) is a hyphen.
        '\u{2010}' => '-',
        _ => return None,
    })
}

/// True for Cyrillic letters (the Cyrillic and Cyrillic Supplement blocks).
fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// True for Latin, Greek and Cyrillic letters: the scripts whose diacritics are folded away.
fn is_foldable_base(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{052F}').contains(&c)
        || ('\u{1E00}'..='\u{1FFF}').contains(&c)
}

/// Folds one non-ASCII char into `buf` (which stays empty when the char is dropped).
fn fold_char(c: char, buf: &mut String) {
    let mut last_base: Option<char> = None;
    decompose_compatible(c, |d| {
        if is_combining_mark(d) && last_base.is_some_and(is_foldable_base) {
            return; // a diacritic on a Latin-like letter: "lương" → "luong"
        }
        if is_invisible(d) {
            return;
        }
        let d = confusable(d).unwrap_or(d);
        if !is_combining_mark(d) {
            last_base = Some(d);
        }
        if d.is_ascii() {
            buf.push(d.to_ascii_lowercase());
        } else {
            for l in d.to_lowercase() {
                let l = confusable(l).unwrap_or(l);
                if !(is_combining_mark(l) && is_foldable_base(d)) {
                    buf.push(l);
                }
            }
        }
    });
}

/// Bytes around a spelled run looked at to tell whether it is in Cyrillic text.
const CONTEXT: usize = 128;
/// Letters spelled one by one are split into words a window of this many at a time.
const SEGMENT_WINDOW: usize = 1024;
/// Longest vocabulary word looked for when splitting such runs (bounds the work per letter).
const MAX_SEGMENT_WORD: usize = 64;

/// Folds text and rewrites obfuscated words. Holds the vocabulary used to resolve ambiguous leetspeak
/// and to split words spelled letter by letter.
///
/// Only the rewrite pass reads the vocabulary, and most texts never reach it: the vocabulary is built
/// from the words given on the first text that does (deriving the Russian case forms of the built-in
/// pack's words was a fifth of building the classifier), the automata over it on the first spelled run.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// The words given, kept until the vocabulary is built.
    words: Words,
    vocabulary: OnceLock<Vocabulary>,
    /// The vocabulary words a spelled run can hold (ASCII letters and digits, at most
    /// [`MAX_SEGMENT_WORD`] bytes), to find every word in a run in one pass. `None` inside: no such
    /// word, or the automaton could not be built.
    segment_words: OnceLock<Option<aho_corasick::AhoCorasick>>,
    /// The same for runs spelled in Cyrillic (after folding: `n u ш u` → `nuшu`): the vocabulary words
    /// that hold a Cyrillic letter, plus the ASCII ones (a run can mix both).
    script_segment_words: OnceLock<Option<aho_corasick::AhoCorasick>>,
}

/// The words a vocabulary is made of: words as they are, and seeds with the function that derives
/// more words from them.
#[derive(Debug, Clone, Default)]
struct Words {
    given: Vec<Box<str>>,
    /// Words that only split runs spelled in Cyrillic text.
    script: Vec<Box<str>>,
    derived: Option<(Vec<String>, DeriveWords)>,
    /// Whether the everyday words of [`crate::common_words`] split runs too (every normaliser made
    /// with a vocabulary; not the plain default one).
    common: bool,
}

/// Derives vocabulary words and Cyrillic-run words from seed words.
type DeriveWords = fn(&[String]) -> (Vec<String>, Vec<String>);

/// The known words.
#[derive(Debug, Clone)]
struct Vocabulary {
    words: HashSet<Box<str>>,
    /// Words that only split runs spelled in Cyrillic text: the script-only words of the pack and
    /// everyday Russian words, folded, sorted.
    script: Vec<Box<str>>,
    /// Length in bytes of the longest word.
    max_word_len: usize,
}

/// Flags raised by the fold pass that decide whether the rewrite pass must run, and where.
#[derive(Default)]
struct Candidates {
    rewrite: bool,
    /// Consecutive single-char tokens each followed by a separator, e.g. `t e l`.
    single_run: u32,
    /// Offsets in the folded text of the first and last candidate.
    first: usize,
    last: usize,
    /// A byte of [`is_other_spelling_separator`] two bytes before the same byte: maybe a word spelled
    /// with it (`t/e/l/...`), for [`respell_separators`].
    respell: bool,
    /// Offsets in the folded text, ascending, of the spaces that stand for emoji or symbols between
    /// two letters (`tele📱gram`): the rewrite joins the pieces around them when they make a
    /// vocabulary word.
    joins: Vec<usize>,
}

impl Candidates {
    #[inline]
    fn flag(&mut self, at: usize) {
        if !self.rewrite {
            self.rewrite = true;
            self.first = at;
        }
        self.last = at;
    }
}

/// The rewrite pass covers the candidates plus this many bytes on each side, widened to spaces: a
/// spelled run starts at most a few units before the fold pass notices it, and tokens end at spaces.
const REWRITE_MARGIN: usize = 64;

impl Normalizer {
    /// A normaliser that knows the given words (e.g. every word of every pattern of a pack): leetspeak
    /// resolves to them, so `te1egram` becomes `telegram` while `b1tcoin` becomes `bitcoin`, and a run of
    /// letters spelled one by one splits into them, so `d a i l y s a l a r y` becomes `daily salary`.
    ///
    /// ```
    /// use scamsift::normalize::Normalizer;
    /// let n = Normalizer::with_vocabulary(["daily", "salary", "telegram", "join"]);
    /// assert_eq!(n.normalize("J O I N t.e.l.e.g.r.a.m").as_str(), "join telegram");
    /// assert_eq!(n.normalize("d a i l y s a l a r y").as_str(), "daily salary");
    /// ```
    ///
    /// Spelled runs also split at the everyday English and Russian words of [`crate::common_words`],
    /// so a known word next to words no pack holds still splits out of the run.
    pub fn with_vocabulary<I, S>(words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self::with_vocabularies(words, std::iter::empty::<&str>())
    }

    /// [`with_vocabulary`](Self::with_vocabulary), plus folded words that only split runs spelled in
    /// a Cyrillic text (`kpunto`, `paбot`: Russian words whose skeleton may be all ASCII, which must
    /// neither resolve leetspeak nor split English runs).
    pub fn with_vocabularies<I, S, J, T>(words: I, script_words: J) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
        J: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        Normalizer {
            words: Words {
                given: words.into_iter().map(|w| w.as_ref().into()).collect(),
                script: script_words
                    .into_iter()
                    .map(|w| w.as_ref().into())
                    .collect(),
                derived: None,
                common: true,
            },
            ..Normalizer::default()
        }
    }

    /// [`with_vocabularies`](Self::with_vocabularies) of `words` and `script_words`, plus both kinds
    /// derived by `derive(seeds)`, calling `derive` only when a text first needs the vocabulary.
    pub(crate) fn with_derived_vocabulary(
        words: Vec<String>,
        script_words: Vec<String>,
        seeds: Vec<String>,
        derive: DeriveWords,
    ) -> Self {
        Normalizer {
            words: Words {
                given: words.into_iter().map(String::into_boxed_str).collect(),
                script: script_words
                    .into_iter()
                    .map(String::into_boxed_str)
                    .collect(),
                derived: Some((seeds, derive)),
                common: true,
            },
            ..Normalizer::default()
        }
    }

    /// The vocabulary, built on first use.
    fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| {
            let mut words: HashSet<Box<str>> = self.words.given.iter().cloned().collect();
            let mut script_given: Vec<String> =
                self.words.script.iter().map(|w| w.to_string()).collect();
            if let Some((seeds, derive)) = &self.words.derived {
                let (more, more_script) = derive(seeds);
                words.extend(more.into_iter().map(String::into_boxed_str));
                script_given.extend(more_script);
            }
            // Everyday Russian words and the script-only words split Cyrillic runs (never leetspeak).
            let plain = Normalizer::default();
            let common_ru: &[&str] = if self.words.common {
                crate::common_words::RUSSIAN
            } else {
                &[]
            };
            let mut script: Vec<Box<str>> = common_ru
                .iter()
                .map(|w| plain.normalize_phrase(w))
                .chain(script_given)
                .filter(|w| {
                    w.chars().count() >= 3
                        && w.len() <= MAX_SEGMENT_WORD
                        && w.chars()
                            .all(|c| c.is_ascii_alphanumeric() || is_cyrillic(c))
                })
                .map(String::into_boxed_str)
                .collect();
            script.sort_unstable();
            script.dedup();
            let max_word_len = words
                .iter()
                .map(|w| w.len())
                .chain(script.iter().map(|w| w.len()))
                .chain(
                    crate::common_words::ENGLISH
                        .iter()
                        .filter(|_| self.words.common)
                        .map(|w| w.len()),
                )
                .max()
                .unwrap_or(0);
            Vocabulary {
                words,
                script,
                max_word_len,
            }
        })
    }

    /// The vocabulary words a spelled ASCII run can hold, plus the everyday English and Vietnamese
    /// words of four or more letters, sorted (a deterministic automaton).
    fn spellable(&self) -> Vec<&str> {
        let mut spellable: Vec<&str> = self
            .vocabulary()
            .words
            .iter()
            .map(|w| &**w)
            .filter(|w| {
                !w.is_empty()
                    && w.len() <= MAX_SEGMENT_WORD
                    && w.bytes().all(|b| b.is_ascii_alphanumeric())
            })
            .collect();
        if self.words.common {
            spellable.extend(
                crate::common_words::ENGLISH
                    .iter()
                    .chain(crate::common_words::VIETNAMESE)
                    .copied()
                    .filter(|w| w.len() >= 4),
            );
        }
        spellable.sort_unstable();
        spellable.dedup();
        spellable
    }

    /// [`Self::segment_words`], built on first use.
    fn segment_words(&self) -> Option<&aho_corasick::AhoCorasick> {
        self.segment_words
            .get_or_init(|| {
                let spellable = self.spellable();
                // Building fails only past the automaton's own size limits; then runs are not split.
                (!spellable.is_empty())
                    .then(|| aho_corasick::AhoCorasick::new(&spellable).ok())
                    .flatten()
            })
            .as_ref()
    }

    /// [`Self::script_segment_words`], built on first use.
    fn script_segment_words(&self) -> Option<&aho_corasick::AhoCorasick> {
        self.script_segment_words
            .get_or_init(|| {
                let vocabulary = self.vocabulary();
                let mut script: Vec<&str> = vocabulary
                    .words
                    .iter()
                    .map(|w| &**w)
                    .filter(|w| {
                        w.len() <= MAX_SEGMENT_WORD
                            && w.chars().any(is_cyrillic)
                            && w.chars()
                                .all(|c| c.is_ascii_alphanumeric() || is_cyrillic(c))
                    })
                    .collect();
                script.extend(vocabulary.script.iter().map(|w| &**w));
                if script.is_empty() {
                    return None;
                }
                // ASCII words of one or two letters ("u", "k") would read single folded Cyrillic
                // letters as words.
                script.extend(self.spellable().into_iter().filter(|w| w.len() >= 3));
                script.sort_unstable();
                script.dedup();
                aho_corasick::AhoCorasick::new(&script).ok()
            })
            .as_ref()
    }

    /// Normalises `text`. Never fails; any input gives a valid map.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut cand = Candidates::default();
        let fold = |text: &str, cand: &mut Candidates| {
            if text.is_ascii() {
                fold_ascii(text, cand)
            } else {
                fold_unicode(text, cand)
            }
        };
        let (mut folded, mut fold_map) = fold(text, &mut cand);
        // Rare: the fold saw a word spelled with other separators, or there is a capital I inside a
        // lower-case word. The respelled text has the same length and offsets, so its maps hold for
        // `text` too; it is folded again.
        if cand.respell || self.capital_i_reads_l(text) {
            if let Some(respelled) = respell_separators(text) {
                cand = Candidates::default();
                (folded, fold_map) = fold(&respelled, &mut cand);
            }
        }
        if !cand.rewrite {
            return Normalized {
                text: folded,
                fold_map,
                rewrite_map: OffsetMap::default(),
            };
        }
        let (text, rewrite_map) = self.rewrite(&folded, cand.first, cand.last, &cand.joins);
        Normalized {
            text,
            fold_map,
            rewrite_map,
        }
    }

    /// Normalises a pattern phrase (no offset map needed).
    pub fn normalize_phrase(&self, phrase: &str) -> String {
        self.normalize(phrase).text
    }

    /// The rewrite pass over folded text: letter-by-letter spelling and leetspeak. Only the stretch
    /// around the candidates the fold pass saw (`first..=last`) is examined; the rest is copied.
    fn rewrite(&self, f: &str, first: usize, last: usize, joins: &[usize]) -> (String, OffsetMap) {
        let b = f.as_bytes();
        let mut em = Emitter::with_capacity(f.len());
        // Start right after a space (no token or spelled run straddles it), end at one.
        let lo = first.saturating_sub(REWRITE_MARGIN).min(b.len());
        let start = b[..lo]
            .iter()
            .rposition(|&c| c == b' ')
            .map_or(0, |p| p + 1);
        let hi = last.saturating_add(REWRITE_MARGIN).min(b.len());
        let stop = b[hi..]
            .iter()
            .position(|&c| c == b' ')
            .map_or(b.len(), |p| hi + p);
        em.linear(0, &f[..start]);
        let mut i = start;
        while i < stop {
            // The extra space the fold kept after a spelled word has done its work: drop it.
            if b[i] == b' ' && em.out.as_bytes().last() == Some(&b' ') {
                i += 1;
                continue;
            }
            // A hyphen between two words that leetspeak hid ("p@r7-tim3"): the same word break the
            // fold makes of a hyphen between letters.
            if matches!(b[i], b'-' | b'_')
                && em
                    .out
                    .as_bytes()
                    .last()
                    .is_some_and(u8::is_ascii_alphabetic)
                && b.get(i + 1)
                    .is_some_and(|&n| n.is_ascii_alphabetic() || is_leet_symbol(n))
            {
                em.linear(i, " ");
                i += 1;
                continue;
            }
            // A token starts here: a run of alphanumerics and leet symbols.
            if is_word_byte(b[i]) || is_leet_symbol(b[i]) {
                let prev_is_word = i > 0 && is_word_byte(b[i - 1]);
                if !prev_is_word {
                    if let Some(next) = leet_host(f, i, &mut em) {
                        i = next;
                        continue;
                    }
                }
                if !prev_is_word {
                    if let Some((end, units, sep)) = spelled_units(f, i) {
                        if let Some(next) =
                            self.emit_spelled_with_tail(f, i, end, units, sep, &mut em)
                        {
                            i = next;
                            continue;
                        }
                        if units >= 4
                            || (units == 3 && self.spells_known_word(f, i, end))
                            || (units == 2 && spells_ideographs(f, i, end))
                        {
                            self.emit_spelled(f, i, end, &mut em);
                            i = end;
                            continue;
                        }
                    }
                }
                if !prev_is_word && !joins.is_empty() {
                    if let Some(next) = self.emit_joined(f, i, joins, &mut em) {
                        i = next;
                        continue;
                    }
                }
                let end = token_end(b, i);
                if !prev_is_word {
                    if let Some(next) = self.emit_head_with_spelled(f, i, end, &mut em) {
                        i = next;
                        continue;
                    }
                }
                self.rewrite_token(f, i, end, &mut em);
                i = end;
                continue;
            }
            let cl = utf8_len(b[i]);
            em.linear(i, &f[i..i + cl]);
            i += cl;
        }
        em.linear(i, &f[i..]);
        em.finish()
    }

    /// True when a capital I between two lower-case letters makes a vocabulary word read as an l and
    /// none read as an i (`teIegram`; not `LinkedIn`): a SIMD search for `I`, then a look at its word.
    fn capital_i_reads_l(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let mut word = String::new();
        memchr::memchr_iter(b'I', b).any(|k| {
            if !(k > 0
                && b[k - 1].is_ascii_lowercase()
                && b.get(k + 1).is_some_and(u8::is_ascii_lowercase))
            {
                return false;
            }
            let lo = b[..k]
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |x| x + 1);
            let hi = b[k..]
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .map_or(b.len(), |x| k + x);
            if hi - lo > MAX_JOINED_BYTES {
                return false;
            }
            let words = &self.vocabulary().words;
            word.clear();
            word.extend(b[lo..hi].iter().map(|&c| c.to_ascii_lowercase() as char));
            if words.contains(word.as_str()) {
                return false;
            }
            // `k` is inside `lo..hi` and ASCII: a char boundary.
            word.replace_range(k - lo..k - lo + 1, "l");
            words.contains(word.as_str())
        })
    }

    /// Pieces of one word split by emoji or symbols (`tele📱gram`, `wh✨ats✨app`; the fold made each
    /// a space listed in `joins`): the longest run of pieces from
    /// `start` that makes a vocabulary word is emitted joined, and its end returned. Pieces that make
    /// no known word stay apart (`earn💰daily` is a word break), and so do pieces that are all known
    /// words themselves (`work-from-home` stays three words even if `workfromhome` is one).
    fn emit_joined(
        &self,
        f: &str,
        start: usize,
        joins: &[usize],
        em: &mut Emitter,
    ) -> Option<usize> {
        let pieces = self.joined_pieces(f, start, joins)?;
        for &(ps, pe) in &pieces {
            em.linear(ps, &f[ps..pe]);
        }
        pieces.last().map(|&(_, pe)| pe)
    }

    /// The pieces from `start` that [`emit_joined`](Self::emit_joined) joins into one word, if any.
    fn joined_pieces(&self, f: &str, start: usize, joins: &[usize]) -> Option<Vec<(usize, usize)>> {
        let b = f.as_bytes();
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut s = start;
        loop {
            let e = token_end(b, s);
            if e == s {
                break;
            }
            pieces.push((s, e));
            if pieces.len() >= MAX_JOINED_PIECES
                || b.get(e) != Some(&b' ')
                || joins.binary_search(&e).is_err()
            {
                break;
            }
            s = e + 1;
        }
        if pieces.len() < 2 {
            return None;
        }
        let vocab = self.vocabulary();
        let known = |w: &str| {
            vocab.words.contains(w) || vocab.script.binary_search_by(|x| (**x).cmp(w)).is_ok()
        };
        let mut joined = String::new();
        let mut best = None;
        let mut all_known = true;
        for (k, &(ps, pe)) in pieces.iter().enumerate() {
            joined.push_str(&f[ps..pe]);
            all_known &= known(&f[ps..pe]);
            if joined.len() > MAX_JOINED_BYTES {
                break;
            }
            if k >= 1 && !all_known && known(&joined) {
                best = Some(k);
            }
        }
        let k = best?;
        pieces.truncate(k + 1);
        Some(pieces)
    }

    /// True when the three letters spelled in `f[start..end]` make a vocabulary word (`j o b`): three
    /// single letters are too common in plain text to join otherwise.
    fn spells_known_word(&self, f: &str, start: usize, end: usize) -> bool {
        let joined: String = f[start..end]
            .chars()
            .filter(|c| !is_spacing_separator_char(*c))
            .collect();
        joined.bytes().all(|c| c.is_ascii_alphanumeric())
            && self.vocabulary().words.contains(&*joined)
    }

    /// A spelled run whose last letters and the word glued after it make a vocabulary word
    /// (`i n v e s tment`, `e a r nings`: a keyword spelled out inside a longer word). Emits the run,
    /// a space before the letters that start the word, and the word joined; returns where it ends.
    fn emit_spelled_with_tail(
        &self,
        f: &str,
        start: usize,
        end: usize,
        units: usize,
        sep: Option<u8>,
        em: &mut Emitter,
    ) -> Option<usize> {
        let b = f.as_bytes();
        let sep = sep?;
        if units < 2 || end + 1 >= b.len() || b[end] != sep || !b[end + 1].is_ascii_alphanumeric() {
            return None;
        }
        let tail_start = end + 1;
        let mut tail_end = tail_start;
        while tail_end < b.len() && b[tail_end].is_ascii_alphanumeric() {
            tail_end += 1;
        }
        if tail_end - tail_start < 2 || (tail_end < b.len() && is_word_byte(b[tail_end])) {
            return None;
        }
        // The run is ASCII letters at every other byte: start, start + 2, …
        if start + 2 * units - 1 != end {
            return None;
        }
        let letters: Vec<u8> = (0..units).map(|k| b[start + 2 * k]).collect();
        if letters.iter().any(|c| !c.is_ascii_alphanumeric()) {
            return None;
        }
        let tail = &f[tail_start..tail_end];
        // At least two spelled letters start the word: one letter glued to a short word is too often
        // chance ("S H O P to" must not read "sho pto"). No word is longer than the longest vocabulary
        // word, which bounds the work per run.
        let longest = self
            .vocabulary()
            .max_word_len
            .saturating_sub(tail.len())
            .min(units);
        let known = |k: usize, tail: &str| {
            let mut w = String::with_capacity(k + tail.len());
            w.extend(letters[units - k..].iter().map(|&c| c as char));
            w.push_str(tail);
            self.vocabulary().words.contains(&*w)
        };
        // Else a word of four or more letters whose last letter the tail starts with: the keyword
        // spelled inside a longer word ("d e p o s i ted", "e a r ners").
        // Not when the tail is a word of its own ("w h a t e v e r your" is no "what everyour").
        let tail_is_word = self.vocabulary().words.contains(tail)
            || crate::common_words::ENGLISH.contains(&tail)
            || crate::common_words::VIETNAMESE.contains(&tail);
        let k = (2..=longest).rev().find(|&k| known(k, tail)).or_else(|| {
            if tail_is_word {
                return None;
            }
            (3..=self.vocabulary().max_word_len.min(units))
                .rev()
                .find(|&k| known(k, &tail[..1]))
        })?;
        let first = units - k; // units before the word
        if first > 0 {
            let before_end = start + 2 * (first - 1) + 1;
            self.emit_spelled(f, start, before_end, em);
            em.linear(before_end, " ");
        }
        for u in first..units {
            let at = start + 2 * u;
            em.linear(at, &f[at..at + 1]);
        }
        em.linear(tail_start, tail);
        Some(tail_end)
    }

    /// A word whose letters after its first ones are spelled out (`le a r n`, `focusi n v e s tment`:
    /// a keyword spelled inside a longer word, the head `f[start..end]` glued to its first letter).
    /// When the head's last letter, the spelled letters (and the first letter of a word glued after
    /// them) make a vocabulary word of four or more letters, emits the head, those letters (and that
    /// word) as one word, and returns where it ends; else `None`, emitting nothing.
    fn emit_head_with_spelled(
        &self,
        f: &str,
        start: usize,
        end: usize,
        em: &mut Emitter,
    ) -> Option<usize> {
        let b = f.as_bytes();
        // Cheap test first: a space, one ASCII letter, a space.
        if end - start < 2
            || b.get(end) != Some(&b' ')
            || !b.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
            || b.get(end + 2) != Some(&b' ')
            || !b[start..end].iter().all(u8::is_ascii_alphanumeric)
        {
            return None;
        }
        let (run_end, units, sep) = spelled_units(f, end + 1)?;
        // ASCII letters one space apart: end + 1, end + 3, …
        if units < 2 || sep != Some(b' ') || end + 2 * units != run_end {
            return None;
        }
        let letters: Vec<u8> = (0..units.min(self.vocabulary().max_word_len))
            .map(|k| b[end + 1 + 2 * k])
            .collect();
        if !letters.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        // Spelled letters that start a word of their own follow a word, not its end ("opportunity
        // e a r n" is not "opportunityear n").
        let starts_word = (3..=letters.len()).any(|m| {
            std::str::from_utf8(&letters[..m]).is_ok_and(|w| self.vocabulary().words.contains(w))
        });
        if starts_word {
            return None;
        }
        // A word glued after the last spelled letter ("tment") ends the keyword with its first letter.
        let tail_start = run_end + 1;
        let tail_end = if b.get(run_end) == Some(&b' ') {
            let mut t = tail_start;
            while t < b.len() && b[t].is_ascii_alphanumeric() {
                t += 1;
            }
            let glued = t - tail_start >= 2 && (t >= b.len() || !is_word_byte(b[t]));
            if glued {
                t
            } else {
                tail_start
            }
        } else {
            tail_start
        };
        let last = b[end - 1];
        let word = |m: usize, tail: bool| {
            let mut w = String::with_capacity(m + 2);
            w.push(last as char);
            w.extend(letters[..m].iter().map(|&c| c as char));
            if tail {
                w.push(b[tail_start] as char);
            }
            self.vocabulary().words.contains(&*w)
        };
        let has_tail = tail_end > tail_start && letters.len() == units;
        // The keyword takes every spelled letter: a shorter one would be chance ("am a l i v i n g"
        // is no "amali v ing").
        let with_tail = has_tail && word(units, true);
        if !with_tail && (letters.len() < units.max(3) || !word(units, false)) {
            return None;
        }
        let m = units;
        em.linear(start, &f[start..end]);
        for k in 0..m {
            let at = end + 1 + 2 * k;
            em.linear(at, &f[at..at + 1]);
        }
        if with_tail {
            em.linear(tail_start, &f[tail_start..tail_end]);
            return Some(tail_end);
        }
        Some(end + 2 * m)
    }

    /// Emits a letter-by-letter run `f[start..end]` without its separators, except where the
    /// vocabulary says a word ends: `d a i l y s a l a r y` becomes `daily salary`, not `dailysalary`.
    /// The kept separator becomes a space (same length, so the map stays linear).
    ///
    /// A run of any length is split: windows of [`SEGMENT_WINDOW`] units, each committed up to its
    /// last word start at least one longest word before its end, where the next window starts. So
    /// the work is linear in the run and the memory bounded by the window, with no length past
    /// which a run escapes splitting.
    fn emit_spelled(&self, f: &str, start: usize, end: usize, em: &mut Emitter) {
        let b = f.as_bytes();
        let overlap = self.vocabulary().max_word_len.min(MAX_SEGMENT_WORD);
        // Letters joined by dots or stars (`i.n.v.e.s.t.m.e.n.t`) spell one word unless known words
        // cover them all (`d.a.i.l.y.s.a.l.a.r.y`): a space or hyphen between letters can stand
        // between words too, a dot rarely.
        let one_word = b
            .get(start + utf8_len(b[start]))
            .is_some_and(|&s| matches!(s, b'.' | b'*'));
        // A run in or next to Cyrillic text is Russian even when its letters all fold to ASCII
        // look-alikes (`п р и в е т` reads `n p u b e t`): it splits into Russian words, not English
        // ones. A bounded look around the run's start keeps this linear.
        let cyrillic = {
            let lo = start.saturating_sub(CONTEXT);
            let hi = end.min(start + 16 * CONTEXT);
            let after = end..(end + CONTEXT).min(b.len());
            b[lo..hi]
                .iter()
                .chain(&b[after])
                .any(|&c| is_cyrillic_lead(c))
        };
        // A one-letter preposition (в, с, к: `b`, `c`, `k` on the skeleton) that ends a Russian run
        // before a word written whole ("р а с с к а ж у в лс") starts a word of its own, unless a
        // known word ends with it ("ч е л о в е к для").
        // Not after the vowel of a common ending (-ов, -ев, -ос, -ус: "с п е ц и а л и с т о в без").
        let preposition_end = cyrillic
            && end >= start + 3
            && match (b[end - 3], b[end - 1]) {
                (b'o' | b'e', b'b') | (b'o' | b'y', b'c') => false,
                (_, c) => matches!(c, b'b' | b'c' | b'k'),
            }
            && is_spacing_separator(b[end - 2])
            && b.get(end) == Some(&b' ')
            && f[end + 1..]
                .chars()
                .take(2)
                .filter(|c| c.is_alphanumeric())
                .count()
                == 2;
        // Units are single chars separated by one separator byte.
        let mut units: Vec<usize> = Vec::with_capacity(SEGMENT_WINDOW);
        let mut letters: Vec<u8> = Vec::with_capacity(SEGMENT_WINDOW);
        let mut j = start;
        while j < end {
            units.clear();
            let mut k = j;
            while k < end && units.len() < SEGMENT_WINDOW {
                units.push(k);
                k += utf8_len(b[k]) + 1;
            }
            let last_window = k >= end;
            // Spelled punctuation (`-`, `.`) splits the window into parts segmented on their own.
            let mut breaks = Vec::new();
            let mut part = 0;
            while part < units.len() {
                let mut stop = part;
                while stop < units.len() && !matches!(b[units[stop]], b'-' | b'_' | b'.' | b' ') {
                    stop += 1;
                }
                // A spelled number of two or more digits ("1 4 5 0 0 р у б") is a word of its own;
                // a lone digit between letters is leetspeak and stays in its word.
                let mut sub = part;
                while sub < stop {
                    if sub > part {
                        breaks.push(sub); // kept sorted: this part's own breaks come after it
                    }
                    let digits = |k: usize| b[units[k]].is_ascii_digit();
                    let mut k = sub;
                    while k < stop && digits(k) {
                        k += 1;
                    }
                    // Only a digit between two letters is leetspeak ("t 3 l"); one that starts or
                    // ends the part is a number ("2 h o u r s").
                    let lone_edge = k - sub == 1 && (sub == part || k == stop);
                    // A number glued to a short unit that ends the part is one amount ("9 9 9 k /",
                    // "6 t r - 3 6 t r"): no break between them.
                    let unit_after = k > sub
                        && k < stop
                        && stop - k <= 2
                        && (k..stop).all(|x| b[units[x]].is_ascii_alphabetic());
                    if unit_after {
                        sub = stop;
                        continue;
                    }
                    if k - sub < 2 && !lone_edge {
                        // Letters (with lone digits) up to the next number of two or more digits.
                        k = sub;
                        while k < stop && !(digits(k) && k + 1 < stop && digits(k + 1)) {
                            k += 1;
                        }
                        let piece = &units[sub..k.max(sub + 1)];
                        let (found, covered) =
                            if !cyrillic && piece.iter().all(|&u| b[u].is_ascii_alphanumeric()) {
                                letters.clear();
                                letters.extend(piece.iter().map(|&u| b[u]));
                                self.segment(&letters)
                            } else {
                                let at_end = preposition_end && last_window && k == units.len();
                                self.segment_script(f, piece, at_end)
                            };
                        // Letters joined by dots split only into known words of three or more
                        // letters ("p.l.a.t.f.o.r.m.s" is no "platform s").
                        let long_words = || {
                            let n = k.max(sub + 1) - sub;
                            let mut prev = 0;
                            found.iter().chain(std::iter::once(&n)).all(|&x| {
                                let long = x - prev >= 3;
                                prev = x;
                                long
                            })
                        };
                        if !one_word || (covered && long_words()) {
                            breaks.extend(found.into_iter().map(|x| x + sub));
                        }
                        k = k.max(sub + 1);
                    }
                    sub = k;
                }
                part = stop + 1;
            }
            // How many units of this window to emit now: all in the last window; else up to the
            // last word start that leaves a longest word of room (a break there is kept).
            let (commit, break_at_commit) = if last_window {
                (units.len(), false)
            } else {
                let room = units.len() - overlap.min(units.len() / 2);
                match breaks.iter().rev().find(|&&x| x <= room && x > 0) {
                    Some(&x) => (x, true),
                    None => (room.max(1), false),
                }
            };
            let mut next_break = breaks.iter().peekable();
            for (i, &u) in units[..commit].iter().enumerate() {
                let cl = utf8_len(b[u]);
                if matches!(b[u], b'-' | b'_' | b' ') {
                    em.linear(u, " "); // a spelled hyphen or space is a word break
                } else {
                    em.linear(u, &f[u..u + cl]);
                }
                let is_break = if i + 1 == commit {
                    break_at_commit
                } else {
                    while next_break.peek().is_some_and(|&&x| x < i + 1) {
                        next_break.next();
                    }
                    next_break.peek() == Some(&&(i + 1))
                };
                if is_break {
                    em.linear(u + cl, " ");
                }
            }
            j = units.get(commit).copied().unwrap_or(end);
        }
    }

    /// Splits run-together letters into vocabulary words: returns the indices where a new word starts,
    /// and whether known words cover every letter.
    /// It maximises the letters covered by known words, then minimises the number of words, so a known
    /// compound (`whatsapp`) stays whole; letters no word explains stay glued to each other. The
    /// caller passes at most [`SEGMENT_WINDOW`] letters, so the work is bounded.
    fn segment(&self, letters: &[u8]) -> (Vec<usize>, bool) {
        let Some(ac) = self.segment_words() else {
            return (Vec::new(), false);
        };
        // Every vocabulary word in the run, as (start, length), by start: one automaton pass.
        let mut found: Vec<(usize, usize)> = ac
            .find_overlapping_iter(letters)
            .map(|m| (m.start(), m.len()))
            .collect();
        found.sort_unstable();
        best_split(letters.len(), &found)
    }

    /// [`segment`](Self::segment) for a run whose units are not all ASCII (`units` are the offsets of
    /// its chars in `f`): runs of Cyrillic (and ASCII) letters split into the Cyrillic vocabulary; a
    /// run holding any other char stays whole. With `last_alone`, the last unit counts as a word.
    fn segment_script(&self, f: &str, units: &[usize], last_alone: bool) -> (Vec<usize>, bool) {
        let Some(ac) = self.script_segment_words() else {
            return (Vec::new(), false);
        };
        let b = f.as_bytes();
        let mut letters: Vec<u8> = Vec::with_capacity(units.len() * 2);
        // starts[i] = offset of unit i in `letters`; unit_at[byte] = the unit starting there.
        let mut unit_at: Vec<u32> = Vec::with_capacity(units.len() * 2 + 1);
        for (i, &u) in units.iter().enumerate() {
            let cl = utf8_len(b[u]);
            let ch = f[u..u + cl].chars().next().unwrap_or(' ');
            if !(ch.is_ascii_alphanumeric() || is_cyrillic(ch)) {
                return (Vec::new(), false);
            }
            for _ in 0..cl {
                unit_at.push(i as u32);
            }
            letters.extend_from_slice(&b[u..u + cl]);
        }
        unit_at.push(units.len() as u32);
        // A match counts only when it starts and ends on unit starts (it always does: the automaton
        // holds whole UTF-8 words), converted to (unit start, units).
        let on_unit = |at: usize| at == letters.len() || at == 0 || unit_at[at] != unit_at[at - 1];
        let mut found: Vec<(usize, usize)> = ac
            .find_overlapping_iter(&letters)
            .filter(|m| on_unit(m.start()) && on_unit(m.end()))
            .map(|m| {
                let s = unit_at[m.start()] as usize;
                (s, unit_at[m.end()] as usize - s)
            })
            .collect();
        if last_alone && !units.is_empty() {
            found.push((units.len() - 1, 1));
        }
        found.sort_unstable();
        best_split(units.len(), &found)
    }
}

/// The split of `n` run-together units into words for [`Normalizer::segment`]: `found` holds every
/// vocabulary word in the run as (start, length), sorted. Returns the indices where a new word starts,
/// and whether known words cover every unit.
fn best_split(n: usize, found: &[(usize, usize)]) -> (Vec<usize>, bool) {
    // best[i] = (unknown letters, words) for letters[..i]; from[i] = (start of the last piece, known).
    let mut best = vec![(usize::MAX, usize::MAX); n + 1];
    let mut from = vec![(0usize, false); n + 1];
    best[0] = (0, 0);
    let mut next = 0;
    for i in 0..n {
        let here = next + found[next..].iter().take_while(|&&(s, _)| s == i).count();
        let words_here = &found[next..here];
        next = here;
        let (unknown, words) = best[i];
        if unknown == usize::MAX {
            continue;
        }
        // An unknown letter joins an unknown piece before it for free, else starts a new piece.
        let joins = i > 0 && !from[i].1;
        let cand = (unknown + 1, if joins { words } else { words + 1 });
        if cand < best[i + 1] {
            best[i + 1] = cand;
            from[i + 1] = (if joins { from[i].0 } else { i }, false);
        }
        for &(_, len) in words_here {
            let cand = (unknown, words + 1);
            if cand < best[i + len] {
                best[i + len] = cand;
                from[i + len] = (i, true);
            }
        }
    }
    let mut starts = Vec::new();
    let mut i = n;
    while i > 0 {
        let s = from[i].0;
        if s > 0 {
            starts.push(s);
        }
        i = s;
    }
    starts.reverse();
    (starts, best[n].0 == 0)
}

impl Normalizer {
    fn rewrite_token(&self, f: &str, start: usize, end: usize, em: &mut Emitter) {
        let tok = &f.as_bytes()[start..end];
        let letters = tok.iter().filter(|c| c.is_ascii_alphabetic()).count();
        let leet = tok.iter().filter(|&&c| is_leet_symbol(c)).count();
        // A number written with the letter o: "5ooo", "1o,ooo".
        if tok[0].is_ascii_digit()
            && letters > 0
            && tok
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'o' | b',' | b'.'))
        {
            for (k, &c) in tok.iter().enumerate() {
                em.linear_byte(start + k, if c == b'o' { b'0' } else { c });
            }
            return;
        }
        // Cyrillic letters count only in non-ASCII tokens (most tokens are ASCII: no char decoding).
        let (cyrillic, letters) = if tok.is_ascii() {
            (false, letters)
        } else {
            let t = &f[start..end];
            (
                t.chars().all(|c| c.is_ascii() || is_cyrillic(c)),
                letters + t.chars().filter(|&c| is_cyrillic(c)).count(),
            )
        };
        if letters >= 2 && leet > 0 && (tok.is_ascii() || cyrillic) {
            let known = |v: &[u8]| {
                std::str::from_utf8(v).is_ok_and(|s| self.vocabulary().words.contains(s))
            };
            // `1` and `!` read as i or l: try every reading of up to four of them ("d@11y" is
            // "daily"), else all as i and all as l.
            let ambiguous: Vec<usize> = (0..tok.len())
                .filter(|&k| matches!(tok[k], b'1' | b'!'))
                .collect();
            let readings: Vec<u32> = if ambiguous.len() <= 4 {
                (0..1u32 << ambiguous.len()).collect()
            } else {
                vec![0, u32::MAX]
            };
            let read = |mask: u32| -> Vec<u8> {
                let mut amb = 0;
                tok.iter()
                    .map(|&c| {
                        if !is_leet_symbol(c) {
                            return c;
                        }
                        let as_l = matches!(c, b'1' | b'!') && {
                            let bit = mask >> amb.min(31) & 1 == 1;
                            amb += 1;
                            bit
                        };
                        leet_letter(c, as_l)
                    })
                    .collect()
            };
            // Only ASCII bytes change, one for one: the result is UTF-8 of the same length.
            let emit = |v: &[u8], em: &mut Emitter| match std::str::from_utf8(v) {
                Ok(s) => em.linear(start, s),
                Err(_) => em.linear(start, &f[start..end]),
            };
            if let Some(v) = readings.iter().map(|&m| read(m)).find(|v| known(v)) {
                emit(&v, em);
                return;
            }
            // An amount glued to a leeted word ("300u$dt"): the digits stay, the word is rewritten
            // alone (its leading digits would otherwise read as a leet run with no letter before it).
            let lead = tok.iter().take_while(|c| c.is_ascii_digit()).count();
            if lead > 0
                && lead < tok.len()
                && tok[lead].is_ascii_alphabetic()
                && tok[lead..].iter().any(|&c| is_leet_symbol(c))
            {
                em.linear(start, &f[start..start + lead]);
                self.rewrite_token(f, start + lead, end, em);
                return;
            }
            if leet_is_interior(tok) {
                emit(&read(0), em);
                return;
            }
        }
        em.linear(start, &f[start..end]);
    }
}

/// Messaging and link hosts whose leetspeak spellings (`7.m3`, `w@.m3`, `t.m3`) are read back: a
/// dotted token is rewritten only when it reads exactly as one of them, so amounts (`1.5k`), versions
/// and addresses stay as they are.
const LEET_HOSTS: [&str; 8] = [
    "t.me",
    "wa.me",
    "telegram.me",
    "wa.link",
    "line.me",
    "chat.whatsapp.com",
    "api.whatsapp.com",
    "bit.ly",
];

/// If a leetspelled host from [`LEET_HOSTS`] starts at `i` and ends before a `/`, a space or the
/// end, emits it read back and returns its end.
fn leet_host(f: &str, i: usize, em: &mut Emitter) -> Option<usize> {
    let b = f.as_bytes();
    let mut end = i;
    while end < b.len()
        && end - i < 24
        && (b[end].is_ascii_alphanumeric() || b[end] == b'.' || is_leet_symbol(b[end]))
    {
        end += 1;
    }
    if end == i
        || !b[i..end].contains(&b'.')
        || !b[i..end]
            .iter()
            .any(|&c| is_leet_symbol(c) && !c.is_ascii_alphabetic())
    {
        return None;
    }
    if end < b.len() && !matches!(b[end], b'/' | b' ') {
        return None;
    }
    for one_as_l in [false, true] {
        let read: String = b[i..end]
            .iter()
            .map(|&c| {
                if is_leet_symbol(c) {
                    leet_letter(c, one_as_l) as char
                } else {
                    c as char
                }
            })
            .collect();
        if LEET_HOSTS.contains(&read.as_str()) {
            em.linear(i, &read);
            return Some(end);
        }
    }
    None
}

/// The first byte of a two-byte Cyrillic char (U+0400–U+052F).
fn is_cyrillic_lead(b: u8) -> bool {
    (0xD0..=0xD4).contains(&b)
}

/// True when `out` ends with an ASCII letter or a Cyrillic one.
fn letter_ends_at(out: &[u8]) -> bool {
    match out {
        [.., p] if p.is_ascii_alphabetic() => true,
        [.., l, c] => is_cyrillic_lead(*l) && (0x80..=0xBF).contains(c),
        _ => false,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Alphanumeric ASCII or any non-ASCII byte (non-ASCII text left after folding is letters of other
/// scripts or symbols; treating it as part of a word keeps the rewrite conservative).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn token_end(b: &[u8], start: usize) -> usize {
    let mut j = start;
    while j < b.len()
        && (is_word_byte(b[j])
            || is_leet_symbol(b[j])
            || (matches!(b[j], b',' | b'.')
                && b[start].is_ascii_digit()
                && j + 1 < b.len()
                && (b[j + 1].is_ascii_digit() || b[j + 1] == b'o')))
    {
        j += 1;
    }
    j
}

/// Leet symbols that sit strictly inside a word: a letter before and after each run of at most two.
fn leet_is_interior(tok: &[u8]) -> bool {
    let mut k = 0;
    while k < tok.len() {
        if is_leet_symbol(tok[k]) {
            let run_start = k;
            while k < tok.len() && is_leet_symbol(tok[k]) {
                k += 1;
            }
            let before = run_start > 0 && letter_ends_at(&tok[..run_start]);
            let after = k < tok.len() && (tok[k].is_ascii_alphabetic() || is_cyrillic_lead(tok[k]));
            if !(before && after && k - run_start <= 2) {
                return false;
            }
        } else {
            k += 1;
        }
    }
    true
}

/// If a word spelled letter by letter starts at `i` (`t e l e g r a m`, `w.h.a.t.s`): the end of
/// the run (after its last letter), how many single chars it holds, and the one repeated separator
/// that joins them (`None` for a lone char). Four or more make a spelled word; three only when they
/// spell a vocabulary word.
fn spelled_units(f: &str, i: usize) -> Option<(usize, usize, Option<u8>)> {
    let b = f.as_bytes();
    let mut units = 0;
    let mut sep: Option<u8> = None;
    let mut j = i;
    let mut end = i;
    loop {
        // A hyphen or space spelled inside the run ("p a r t - t i m e", "p.a.r.t. .t.i.m.e") is a
        // word break; a spelled dot ("w a . m e", "t*.*m*e") belongs to the word.
        if let Some(s) = sep {
            let breaks = if matches!(s, b'.' | b'*') {
                matches!(b[j.min(b.len() - 1)], b'-' | b'_' | b' ')
            } else {
                matches!(b[j.min(b.len() - 1)], b'-' | b'_')
            };
            if j + 2 < b.len()
                && same_separator(s, b[j + 1])
                && is_word_byte(b[j + 2])
                && (breaks || b[j] == b'.')
            {
                units += 1;
                end = j + 1;
                j += 2;
                continue;
            }
        }
        if j >= b.len() || !is_word_byte(b[j]) && !is_leet_symbol(b[j]) {
            break;
        }
        // A spelled `!` or `$` with no letter after it is punctuation ("я х !"), not leetspeak.
        if units >= 1
            && is_leet_symbol(b[j])
            && !b[j].is_ascii_digit()
            && !b.get(j + 2).is_some_and(|&n| is_word_byte(n))
        {
            break;
        }
        let cl = utf8_len(b[j]);
        let after = j + cl;
        // Emoji and symbols are not spelled letters: they end a run ("❗ Н у ж е н").
        if b[j] >= 0x80
            && !f
                .get(j..after.min(b.len()))
                .and_then(|c| c.chars().next())
                .is_some_and(char::is_alphanumeric)
        {
            break;
        }
        // A run's last letter may carry punctuation ("j o b! To"): an `!` with no letter after it
        // ends the word rather than spelling an i.
        if units >= 2
            && b.get(after) == Some(&b'!')
            && b.get(after + 1)
                .is_none_or(|&n| !is_word_byte(n) && !is_leet_symbol(n))
        {
            return Some((after, units + 1, sep));
        }
        // The unit must be a single char.
        if after < b.len()
            && (is_word_byte(b[after])
                || (b[after] != b' '
                    && is_leet_symbol(b[after])
                    && !is_spacing_separator(b[after])))
        {
            break;
        }
        // A unit followed by a different non-space separator and another letter starts the next
        // spelled word ("y o u r m.o.b.i.l.e"): it is not part of this run. A space always ends a word.
        if let Some(s) = sep {
            if after + 1 < b.len()
                && !same_separator(s, b[after])
                && b[after] != b' '
                && is_spacing_separator(b[after])
                && is_word_byte(b[after + 1])
            {
                // Before a whole word ("P r o f i t.www"), the unit is this run's last letter.
                let next = after + 1 + utf8_len(b[after + 1]);
                if units >= 2 && b.get(next).is_some_and(|&n| is_word_byte(n)) {
                    return Some((after, units + 1, sep));
                }
                break;
            }
        }
        units += 1;
        end = after;
        if after >= b.len() || !is_spacing_separator(b[after]) {
            break;
        }
        match sep {
            None => sep = Some(b[after]),
            // A digit keeps its exact separator: "1-2 h o u r s" is a range and a word.
            Some(s) if b[j].is_ascii_digit() && s != b[after] => break,
            Some(s) if !same_separator(s, b[after]) => break,
            Some(_) => {}
        }
        j = after + 1;
    }
    (units >= 1).then_some((end, units, sep))
}

/// True when `f[start..end]` is Han ideographs joined by single separators ("止 盈"): Chinese writes
/// no spaces between words, so even two spelled ones make a word.
fn spells_ideographs(f: &str, start: usize, end: usize) -> bool {
    f[start..end]
        .chars()
        .filter(|c| !is_spacing_separator_char(*c))
        .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// Separators that stand for one another in a spelled run: the fold turns `-` and `_` between two
/// letters into a space, so `t_._m_e` folds to `t_._m e` and `p-a-r-t` to `p a r t`.
fn same_separator(s: u8, x: u8) -> bool {
    s == x || (matches!(s, b' ' | b'-' | b'_') && matches!(x, b' ' | b'-' | b'_'))
}

#[inline]
fn note_separator(cand: &mut Candidates, out: &[u8]) {
    // out ends with the separator just pushed; was the token before it a single char?
    let n = out.len();
    // A dot right after a separator is a spelled unit itself ("t*.*m*e"), not the end of one.
    if n >= 2 && out[n - 1] == b'.' && is_spacing_separator(out[n - 2]) {
        return;
    }
    // A spelled word's last letter may carry an `!` ("j o b! To").
    let n =
        if n >= 4 && out[n - 2] == b'!' && out[n - 4] == b' ' && out[n - 3].is_ascii_alphabetic() {
            n - 1
        } else {
            n
        };
    let single = n >= 2
        && (is_word_byte(out[n - 2])
            || (out[n - 2] == b'.' && n >= 3 && is_spacing_separator(out[n - 3])))
        && (n < 3 || !is_word_byte(out[n - 3]) || out[n - 2] >= 0x80);
    if single {
        cand.single_run += 1;
        if cand.single_run >= 3 {
            cand.flag(n);
        }
    } else {
        cand.single_run = 0;
    }
}

#[inline]
fn note_leet(cand: &mut Candidates, out: &[u8], b: u8) {
    // A leet symbol right after a letter, or the letter o right after a digit.
    if let Some(&p) = out.last() {
        if (is_leet_symbol(b) && p.is_ascii_alphabetic()) || (b == b'o' && p.is_ascii_digit()) {
            cand.flag(out.len());
        }
    }
}

/// What the ASCII fold does with a byte. Most bytes are `PLAIN`: copied (lower-cased) with no check.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const JOIN: u8 = 2; // - and _
const SEP: u8 = 3; // . and *
const LEET: u8 = 4; // leet symbols that are not digits
const DIGIT: u8 = 5;
const ALPHA: u8 = 6;

const NON_ASCII: u8 = 7;

static ASCII_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => SPACE,
            b'-' | b'_' => JOIN,
            b'.' | b'*' => SEP,
            b'@' | b'$' | b'!' | b'|' => LEET,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => ALPHA,
            _ => PLAIN,
        };
        i += 1;
    }
    t
};

/// Output of the fold pass under construction. Offsets stay linear until a byte is dropped or a char
/// is replaced by text of another length; only then is an anchor recorded.
struct Fold {
    out: Vec<u8>,
    anchors: Vec<Anchor>,
    /// A byte was dropped: the next emitted byte needs an anchor.
    shifted: bool,
}

impl Fold {
    #[inline]
    fn anchor_if_shifted(&mut self, orig: usize) {
        if self.shifted {
            self.anchors.push(Anchor {
                norm: self.out.len() as u32,
                orig: orig as u32,
                piece: Piece::Linear,
            });
            self.shifted = false;
        }
    }

    fn linear(&mut self, orig: usize, bytes: &[u8]) {
        self.anchor_if_shifted(orig);
        self.out.extend_from_slice(bytes);
    }

    fn atomic(&mut self, orig_start: usize, orig_end: usize, bytes: &[u8]) {
        self.anchors.push(Anchor {
            norm: self.out.len() as u32,
            orig: orig_start as u32,
            piece: Piece::Atomic,
        });
        self.out.extend_from_slice(bytes);
        self.anchors.push(Anchor {
            norm: self.out.len() as u32,
            orig: orig_end as u32,
            piece: Piece::Linear,
        });
        self.shifted = false;
    }

    fn finish(self) -> (String, OffsetMap) {
        // Only whole UTF-8 sequences are ever appended.
        let text = String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        (
            text,
            OffsetMap {
                anchors: self.anchors,
            },
        )
    }
}

/// Folds the ASCII bytes of `b` from `start` up to the first non-ASCII byte, and returns where it
/// stopped. Every byte maps to at most one byte.
fn fold_ascii_run(f: &mut Fold, b: &[u8], start: usize, cand: &mut Candidates) -> usize {
    let end = b.len();
    let mut i = start;
    while i < end {
        // Most bytes are letters, punctuation that only changes case and single spaces: take the whole
        // stretch at once (a table scan, 8 bytes at a time over plain words, then one lower-casing copy).
        let stretch = i;
        let base = f.out.len();
        // A `PLAIN` byte since the last space of the stretch.
        let mut plain = false;
        // Where the next try of the 8-byte step may start (after a failed one, 8 bytes later).
        let mut wide_from = stretch + 2;
        while i < end {
            if i >= wide_from && i + 8 <= end {
                if let Some(has_space) = plain_words8(b, i) {
                    if has_space {
                        cand.single_run = 0;
                        plain = false;
                    }
                    i += 8;
                    continue;
                }
                wide_from = i + 8;
            }
            let class = ASCII_CLASS[b[i] as usize];
            if class == ALPHA {
                i += 1;
                continue;
            }
            if class == PLAIN {
                plain = true;
                if b.get(i + 2) == Some(&b[i]) && is_other_spelling_separator(b[i]) {
                    cand.respell = true;
                }
                i += 1;
                continue;
            }
            // One space after a word stays in the stretch too (most words end with one): it is copied
            // as is, and `note_separator`'s bookkeeping is done here on the input bytes.
            if b[i] == b' ' && i >= stretch + 2 && b[i - 1] != b' ' {
                if plain {
                    cand.single_run = 0;
                    plain = false;
                }
                let single = ASCII_CLASS[b[i - 1] as usize] == ALPHA
                    && ASCII_CLASS[b[i - 2] as usize] != ALPHA;
                if single {
                    cand.single_run += 1;
                    if cand.single_run >= 3 {
                        cand.flag(base + (i - stretch) + 1);
                    }
                } else {
                    cand.single_run = 0;
                }
                i += 1;
                continue;
            }
            break;
        }
        if i > stretch {
            if b[stretch] | 0x20 == b'o' && f.out.last().is_some_and(u8::is_ascii_digit) {
                cand.flag(f.out.len()); // "5OOO": digits end a stretch, so only its first byte can follow one
            }
            if plain {
                cand.single_run = 0;
            }
            f.anchor_if_shifted(stretch);
            f.out.extend_from_slice(&b[stretch..i]);
            f.out[base..].make_ascii_lowercase();
            if i >= end {
                break;
            }
        }
        let pos = i;
        let raw = b[pos];
        let class = ASCII_CLASS[raw as usize];
        if class == NON_ASCII {
            return pos;
        }
        if raw == b'|' && b.get(pos + 2) == Some(&b'|') {
            cand.respell = true; // the one spelling separator that is not `PLAIN`
        }
        i += 1;
        let c = match class {
            SPACE => {
                let n = f.out.len();
                // After a spelled letter ("p a r t   t i m e"), more than one space is a word break
                // the rewrite must see: one extra space is kept (the rewrite drops it again).
                let word_break = cand.single_run >= 3
                    && n >= 3
                    && f.out[n - 2].is_ascii_alphanumeric()
                    && f.out[n - 3] == b' ';
                if f.out.last() == Some(&b' ') && !word_break {
                    f.shifted = true;
                    continue;
                }
                b' '
            }
            JOIN => {
                let prev_letter = f.out.last().is_some_and(u8::is_ascii_alphabetic);
                // The next char may be a non-ASCII letter (a homoglyph, a mathematical letter).
                let next_letter = match b.get(pos + 1) {
                    Some(&n) if n >= 0x80 => {
                        std::str::from_utf8(&b[pos + 1..(pos + 1 + utf8_len(n)).min(b.len())])
                            .ok()
                            .and_then(|c| c.chars().next())
                            .is_some_and(char::is_alphabetic)
                    }
                    Some(n) => n.is_ascii_alphabetic(),
                    None => false,
                };
                if (prev_letter || f.out.last().is_some_and(|&p| p >= 0x80)) && next_letter {
                    b' '
                } else {
                    raw
                }
            }
            _ => raw,
        };
        f.anchor_if_shifted(pos);
        if class == LEET || class == DIGIT {
            let prev_alpha = letter_ends_at(&f.out);
            let next_raw = b.get(pos + 1).copied().unwrap_or(0);
            let next = next_raw | 0x20;
            // A leet symbol before a letter ("te1egr@m", "@pp"; not the common "hello!"), a digit
            // between letters ("b1tcoin"), or after one before more of them ("1ncom3", "b17c01n").
            let next_letter = next.is_ascii_lowercase() || is_cyrillic_lead(next_raw);
            // Two letters before a trailing digit ("tim3", "1ncom3"), so "A1", "Q4" are no candidates.
            let two_letters = f.out.len() >= 2 && f.out[f.out.len() - 2].is_ascii_alphabetic();
            // After a letter, a run of leet symbols counts when a letter follows it soon ("b17c01n",
            // "u$dt"), not when digits do ("rs500", "ABC123": codes and amounts are everywhere).
            let leet_run = matches!(next_raw, b'@' | b'$') // not "wow!!": `!` after a word is punctuation
                || (next_raw.is_ascii_digit()
                    && b.get(pos + 2).is_some_and(u8::is_ascii_alphabetic));
            // A leetspelled host label before a dot ("7.m3/", "w@.m3/").
            let host_label =
                next_raw == b'.' && b.get(pos + 2).is_some_and(u8::is_ascii_alphabetic);
            let leet_word = host_label
                || (next_letter && (class == LEET || prev_alpha))
                || (prev_alpha
                    && (leet_run
                        || (class == DIGIT
                            && two_letters
                            && !next_raw.is_ascii_digit()
                            && next_raw != b'.'
                            && next_raw != b',')));

            if leet_word || (class == DIGIT && next == b'o') {
                cand.flag(f.out.len());
            }
        }
        f.out.push(c);
        match class {
            SPACE | JOIN | SEP => note_separator(cand, &f.out),
            // `!` may end a spelled word ("j o b! "): `note_separator` looks at it.
            LEET if c != b'!' => cand.single_run = 0,
            _ => {}
        }
    }
    end
}

/// Whether the 8 bytes at `i` (`i >= 2`) are ASCII letters and spaces that the stretch loop of
/// [`fold_ascii_run`] would take one by one with no bookkeeping but resetting `single_run`: no two
/// spaces in a row and no one-letter word before a space (also counting the two bytes before `i`).
/// `Some(true)` when they hold a space, `None` when the loop must look at them byte by byte.
#[inline]
fn plain_words8(b: &[u8], i: usize) -> Option<bool> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let chunk = u64::from_le_bytes(b.get(i..i + 8)?.try_into().ok()?);
    if chunk & HIGH != 0 {
        return None;
    }
    // Per byte, in its high bit (no carry crosses bytes: every byte is below 0x80).
    let lower = chunk | 0x2020_2020_2020_2020;
    let letters = lower.wrapping_add(0x1f1f_1f1f_1f1f_1f1f) // >= b'a'
        & !lower.wrapping_add(0x0505_0505_0505_0505) // > b'z'
        & HIGH;
    let t = chunk ^ 0x2020_2020_2020_2020;
    let spaces = !((t & LOW7).wrapping_add(LOW7) | t) & HIGH;
    if letters | spaces != HIGH {
        return None;
    }
    if spaces == 0 {
        return Some(false);
    }
    // One bit a byte (bit k for byte i + k), then the two bytes before as bits 0 and 1.
    let pack = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
    let (p1, p2) = (b[i - 1], b[i - 2]);
    let letter = (pack(letters) << 2)
        | u32::from(p1.is_ascii_alphabetic()) << 1
        | u32::from(p2.is_ascii_alphabetic());
    let space = (pack(spaces) << 2) | u32::from(p1 == b' ') << 1 | u32::from(p2 == b' ');
    let in_chunk = 0x3fc;
    let double_space = space & (space << 1);
    let one_letter_word = space & (letter << 1) & !(letter << 2);
    ((double_space | one_letter_word) & in_chunk == 0).then_some(true)
}

/// The fold pass for pure ASCII text.
fn fold_ascii(text: &str, cand: &mut Candidates) -> (String, OffsetMap) {
    let b = text.as_bytes();
    let mut f = Fold {
        out: Vec::with_capacity(b.len()),
        anchors: Vec::new(),
        shifted: false,
    };
    fold_ascii_run(&mut f, b, 0, cand);
    f.finish()
}

/// The ASCII char that `c` is, or that its compatibility form is (fullwidth `６`, mathematical `𝟔`,
/// `𝐝`): stand-ins are read the same in every such spelling.
fn ascii_form(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    let mut one: Option<char> = None;
    let mut count = 0;
    decompose_compatible(c, |d| {
        count += 1;
        one = Some(d);
    });
    one.filter(|d| count == 1 && d.is_ascii()).map(|d| d as u8)
}

/// The Cyrillic letter (as its skeleton) that an ASCII char stands for inside a Cyrillic word, where
/// Russian spam writes digits and Latin letters for the letters they resemble in print or in italics
/// ("зара6отка", "3APAБOTOK", "наdежных", "nарtнероv").
fn cyrillic_stand_in(b: u8) -> Option<&'static str> {
    Some(match b {
        b'6' => "б",
        b'3' => "з",
        b'4' => "ч",
        b'0' => "o",
        b'd' | b'D' => "д",
        b'v' | b'V' => "b",
        b'w' | b'W' => "ш",
        _ => return None,
    })
}

/// Separators that obfuscators put between the letters of a word besides the ones the fold reads
/// (` `, `.`, `*`, `-`, `_`): `t/e/l/e/g/r/a/m`, `t|e|l|e|...`, `t+e+l+...`, `t:e:l:...`.
fn is_other_spelling_separator(b: u8) -> bool {
    matches!(
        b,
        b'/' | b'|'
            | b'~'
            | b'+'
            | b':'
            | b'='
            | b','
            | b'\''
            | b'^'
            | b'#'
            | b';'
            | b'\\'
            | b'>'
            | b'<'
            | b'"'
            | b'`'
    )
}

/// `text` with a capital I inside a lower-case word written `!`, and the separators of a word spelled
/// letter by letter with one of
/// [`is_other_spelling_separator`] (four or more single ASCII letters or digits, at least two of them
/// letters, each separated by the same byte) replaced by `.`, which the fold and rewrite read as a
/// spelled word; `None` when there is no such run. One byte for one byte: offsets are unchanged.
fn respell_separators(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    // A capital I between two lower-case letters is the look-alike of an l as often as an i
    // ("teIegram", "LinkedIn"): written `!`, which the rewrite reads either way against the vocabulary
    // (an i when no reading is a known word, as before).
    for k in memchr::memchr_iter(b'I', b) {
        if k > 0
            && b[k - 1].is_ascii_lowercase()
            && b.get(k + 1).is_some_and(u8::is_ascii_lowercase)
        {
            out.get_or_insert_with(|| b.to_vec())[k] = b'!';
        }
    }
    let unit = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphanumeric);
    let mut i = 1;
    while i + 2 < b.len() {
        let s = b[i];
        // A separator between two single units, and the same separator two bytes on: rare in text.
        if !(is_other_spelling_separator(s) && b[i + 2] == s && unit(i - 1) && unit(i + 1))
            || (i >= 2 && unit(i - 2))
        {
            i += 1;
            continue;
        }
        let start = i - 1;
        let mut last = start; // the last unit of the run
        while b.get(last + 1) == Some(&s) && unit(last + 2) && !unit(last + 3) {
            last += 2;
        }
        let units = (last - start) / 2 + 1;
        let letters = (start..=last)
            .step_by(2)
            .filter(|&k| b[k].is_ascii_alphabetic())
            .count();
        if units >= 4 && letters >= 2 {
            let o = out.get_or_insert_with(|| b.to_vec());
            for k in (start + 1..last).step_by(2) {
                o[k] = b'.';
            }
        }
        i = last + 1;
    }
    // Only ASCII bytes were replaced by an ASCII byte: still UTF-8.
    out.and_then(|o| String::from_utf8(o).ok())
}

/// Most pieces and bytes [`Normalizer::emit_joined`] joins into one word: the longest pack words.
const MAX_JOINED_PIECES: usize = 8;
const MAX_JOINED_BYTES: usize = 40;

/// Emoji, pictographs, dingbats, arrows and geometric shapes: what obfuscators put inside a word
/// (`tele📱gram`, `te♥le♥gram`) so that it no longer matches. Between two letters the fold reads them
/// as a word break the rewrite may join again. Bullets and middle dots are left out: scraped job ads
/// glue list items with them (`experience•Strong`), and the rewrite they would start costs more
/// than the rare `tele•gram` is worth.
fn is_filler_symbol(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}'
        | '\u{2190}'..='\u{21FF}' | '\u{2300}'..='\u{23FF}' | '\u{25A0}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}' | '\u{3030}' | '\u{303D}' | '\u{1F000}'..='\u{1FAFF}')
}

/// How far (in bytes) a Cyrillic letter with no Latin look-alike marks text as Russian for
/// [`cyrillic_stand_ins`]: a few words.
const RUSSIAN_REACH: usize = 48;

/// Cyrillic letters that homoglyph obfuscation puts into Latin words because they look like a Latin
/// letter; the others only occur in Cyrillic text.
fn is_latin_look_alike(c: char) -> bool {
    matches!(
        c,
        'А' | 'а'
            | 'В'
            | 'в'
            | 'Е'
            | 'е'
            | 'Ё'
            | 'ё'
            | 'К'
            | 'к'
            | 'М'
            | 'м'
            | 'Н'
            | 'н'
            | 'О'
            | 'о'
            | 'Р'
            | 'р'
            | 'С'
            | 'с'
            | 'Т'
            | 'т'
            | 'У'
            | 'у'
            | 'Х'
            | 'х'
            | 'І'
            | 'і'
            | 'Ї'
            | 'ї'
            | 'Ј'
            | 'ј'
            | 'Ѕ'
            | 'ѕ'
            | 'Һ'
            | 'һ'
            | 'Ӏ'
            | 'ӏ'
            | 'ԁ'
            | 'ԛ'
            | 'Ԝ'
            | 'ԝ'
    )
}

/// Byte offsets, ascending, of the ASCII chars of `text` that [`cyrillic_stand_in`] reads as Cyrillic
/// letters. Only words (runs of alphanumeric chars, `@` and `$`) that hold a Cyrillic letter count, and only in
/// Russian text: a letter no Latin one looks like (б, д, и, л, ы, я...) within [`RUSSIAN_REACH`]
/// bytes, so English with Cyrillic homoglyphs ("dаily") and Latin words and numbers in Russian text
/// stay as they are. A Latin letter counts when the word has at least as many Cyrillic letters as
/// Latin ones. A digit counts between two letters ("ра6ота"; not 3 and 4, leetspeak for е and а
/// there), or first in a word that mixes in Latin look-alikes ("3APAБOTOK"), never next to another
/// digit or before a unit written in Cyrillic ("3дня", "5000руб", "3месяца" keep their amounts).
fn cyrillic_stand_ins(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    // Russian letters all start with one of these two lead bytes (a SIMD search: most texts have none).
    if memchr::memchr2(0xD0, 0xD1, text.as_bytes()).is_none() {
        return out;
    }
    let russian: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| is_cyrillic(c) && !is_latin_look_alike(c))
        .map(|(i, _)| i)
        .collect();
    if russian.is_empty() {
        return out;
    }
    let near_russian = |from: usize, to: usize| {
        let k = russian.partition_point(|&p| p + RUSSIAN_REACH < from);
        russian.get(k).is_some_and(|&p| p < to + RUSSIAN_REACH)
    };
    let mut word: Vec<(usize, char)> = Vec::new();
    let scan = |word: &[(usize, char)], out: &mut Vec<usize>| {
        let cyrillic = word.iter().filter(|&&(_, c)| is_cyrillic(c)).count();
        if cyrillic == 0 || word.len() < 2 || !near_russian(word[0].0, word[word.len() - 1].0) {
            return;
        }
        let latin = word
            .iter()
            .filter(|&&(_, c)| ascii_form(c).is_some_and(|a| a.is_ascii_alphabetic()))
            .count();
        let letter = |k: usize| word.get(k).is_some_and(|&(_, c)| c.is_alphabetic());
        for (k, &(at, c)) in word.iter().enumerate() {
            let Some(a) = ascii_form(c).filter(|&a| cyrillic_stand_in(a).is_some()) else {
                continue;
            };
            let counts = if a.is_ascii_alphabetic() {
                cyrillic >= latin
            } else if k == 0 {
                latin > 0 && word.len() >= 5 && letter(1)
            } else {
                // Inside a word 3 and 4 are more often leetspeak for е and а ("л3г@льно"): the
                // rewrite pass reads those.
                !matches!(a, b'3' | b'4') && letter(k - 1) && letter(k + 1)
            };
            if counts {
                out.push(at);
            }
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '@' || c == '$' {
            word.push((i, c));
        } else if !word.is_empty() {
            scan(&word, &mut out);
            word.clear();
        }
    }
    scan(&word, &mut out);
    out
}

/// The fold pass for text with non-ASCII chars: ASCII stretches take the byte loop, other chars are
/// decomposed and folded one by one.
fn fold_unicode(text: &str, cand: &mut Candidates) -> (String, OffsetMap) {
    let b = text.as_bytes();
    let mut f = Fold {
        out: Vec::with_capacity(b.len() + 16),
        anchors: Vec::new(),
        shifted: false,
    };
    let mut buf = String::new();
    let stand_ins = cyrillic_stand_ins(text);
    let mut next_stand_in = 0;
    let mut i = 0;
    while i < b.len() {
        let limit = stand_ins.get(next_stand_in).copied().unwrap_or(b.len());
        i = fold_ascii_run(&mut f, &b[..limit], i, cand);
        if i == limit && limit < b.len() {
            let ch = text[i..].chars().next().unwrap_or(' ');
            let end = i + ch.len_utf8();
            let read = ascii_form(ch).and_then(cyrillic_stand_in).unwrap_or(" ");
            if read.len() == 1 && end == i + 1 {
                f.linear(i, read.as_bytes());
            } else {
                f.atomic(i, end, read.as_bytes());
            }
            cand.single_run = 0;
            next_stand_in += 1;
            i = end;
            continue;
        }
        if i >= b.len() {
            break;
        }
        let Some(ch) = text[i..].chars().next() else {
            break;
        };
        let end = i + ch.len_utf8();
        if is_invisible(ch) {
            f.shifted = true;
            i = end;
            continue;
        }
        if ch.is_whitespace() {
            if f.out.last() == Some(&b' ') {
                f.shifted = true;
            } else {
                f.atomic(i, end, b" ");
                note_separator(cand, &f.out);
            }
            i = end;
            continue;
        }
        if is_passthrough(ch) {
            f.linear(i, &b[i..end]);
            cand.single_run = 0;
            i = end;
            continue;
        }
        // Emoji and symbols between two letters or digits: a word break that the rewrite may join again.
        if is_filler_symbol(ch)
            && (letter_ends_at(&f.out) || f.out.last().is_some_and(u8::is_ascii_digit))
        {
            let mut run_end = end;
            for c in text[end..].chars() {
                if is_filler_symbol(c) || is_invisible(c) {
                    run_end += c.len_utf8();
                } else {
                    break;
                }
            }
            if text[run_end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() && !is_passthrough(c))
            {
                cand.joins.push(f.out.len());
                cand.flag(f.out.len());
                f.atomic(i, run_end, b" ");
                note_separator(cand, &f.out);
                i = run_end;
                continue;
            }
        }
        buf.clear();
        fold_char(ch, &mut buf);
        // A hyphen or underscore that folds from another char ("ｐａｒｔ－ｔｉｍｅ", U+2011) joins words
        // like the ASCII one does: a space between letters, so both spellings read alike.
        if matches!(buf.as_str(), "-" | "_")
            && f.out
                .last()
                .is_some_and(|&p| p.is_ascii_alphabetic() || p >= 0x80)
            && text[end..].chars().next().is_some_and(char::is_alphabetic)
        {
            buf.clear();
            buf.push(' ');
        }
        // Combining marks that follow a Latin-like letter belong to it: drop them into its unit.
        let mut unit_end = end;
        if buf.chars().next_back().is_some_and(is_foldable_base) {
            for m in text[end..].chars() {
                if is_combining_mark(m) {
                    unit_end += m.len_utf8();
                } else {
                    break;
                }
            }
        }
        if buf.is_empty() {
            f.shifted = true;
            i = unit_end;
            continue;
        }
        // Same bytes, or one char replaced by one char of the same UTF-8 length: offsets stay linear.
        if unit_end == end
            && (buf.as_bytes() == &b[i..end]
                || (buf.len() == ch.len_utf8() && buf.chars().count() == 1))
        {
            f.linear(i, buf.as_bytes());
        } else {
            f.atomic(i, unit_end, buf.as_bytes());
        }
        if buf.len() == 1 {
            note_leet(cand, &f.out[..f.out.len() - 1], buf.as_bytes()[0]);
        }
        i = unit_end;
    }
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vocabulary derived on first use rewrites texts as the same words given up front: leetspeak,
    /// spelled runs in Latin and Cyrillic letters, and a text that needs no rewrite first.
    #[test]
    fn derived_vocabulary_is_the_vocabulary() {
        // Vocabulary words are folded, as the pack's are.
        fn plural(seeds: &[String]) -> (Vec<String>, Vec<String>) {
            let plain = Normalizer::default();
            let words = seeds
                .iter()
                .map(|s| plain.normalize_phrase(&format!("{s}ы")))
                .collect();
            (words, Vec::new())
        }
        let words = ["telegram", "daily", "salary"].map(String::from).to_vec();
        let seeds = ["лс", "работ", "нужн"].map(String::from).to_vec();
        let eager = Normalizer::with_vocabulary(words.iter().cloned().chain(plural(&seeds).0));
        let texts = [
            "hello there",
            "te1egr@m d a i l y s a l a r y",
            "р а б о т ы н у ж н ы",
            "D.A.I.L.Y pay, п и ш и т е в л с",
            "b1tcoin 5OOO usdt",
        ];
        let lazy = Normalizer::with_derived_vocabulary(words, Vec::new(), seeds, plural);
        for t in texts {
            assert_eq!(lazy.normalize(t).text, eager.normalize(t).text, "{t}");
        }
        // Built only for the texts the rewrite pass runs on.
        let fresh = Normalizer::with_derived_vocabulary(
            vec!["daily".into()],
            Vec::new(),
            Vec::new(),
            plural,
        );
        fresh.normalize(texts[0]);
        assert!(fresh.vocabulary.get().is_none() && fresh.segment_words.get().is_none());
        fresh.normalize("d a 1 l y");
        assert!(fresh.vocabulary.get().is_some());
        // The test can fail: the vocabulary changes these texts.
        for t in &texts[1..3] {
            assert_ne!(
                eager.normalize(t).text,
                Normalizer::default().normalize(t).text,
                "{t}"
            );
        }
    }

    #[test]
    fn eight_byte_step_takes_only_plain_words() {
        let at2 = |s: &str| plain_words8(s.as_bytes(), 2);
        assert_eq!(at2("xxhelloworld"), Some(false));
        assert_eq!(at2("xxhello world"), Some(true));
        assert_eq!(at2("x hello wo"), Some(true));
        assert_eq!(at2("xxHeLLo Wo"), Some(true));
        assert_eq!(at2("xxa b c de"), None, "one-letter words");
        assert_eq!(
            at2(" a bcdefgh"),
            None,
            "a one-letter word before the chunk"
        );
        assert_eq!(at2("xxhello  wo"), None, "two spaces");
        assert_eq!(at2("x  ello wo"), None, "two spaces across the chunk start");
        assert_eq!(at2("xxhel1o wo"), None, "a digit");
        assert_eq!(at2("xxhel-o wo"), None, "a joiner");
        assert_eq!(at2("xxhelé wo"), None, "non-ASCII");
        assert_eq!(at2("xx[ello wo"), None, "a byte next to the letter ranges");
        assert_eq!(at2("xxhello"), None, "fewer than 8 bytes");
    }

    fn norm(s: &str) -> String {
        Normalizer::with_vocabulary(["telegram", "bitcoin", "usdt", "payment"])
            .normalize(s)
            .text
    }

    #[test]
    fn folds_case_whitespace_and_hyphens() {
        assert_eq!(norm("Part-Time  JOB\n\tnow"), "part time job now");
        assert_eq!(norm("Whats_App"), "whats app");
        assert_eq!(norm("covid-19"), "covid-19");
        // Hyphens that fold from fullwidth or Unicode hyphens join words the same way.
        assert_eq!(norm("ｐａｒｔ－ｔｉｍｅ ｊｏｂ"), "part time job");
        assert_eq!(norm("part\u{2011}time"), "part time");
        assert_eq!(norm("ｃｏｖｉｄ－１９"), "covid-19");
    }

    #[test]
    fn removes_invisibles() {
        assert_eq!(norm("Tele\u{200B}gr\u{00AD}am\u{FEFF}"), "telegram");
        assert_eq!(norm("wo\u{2060}rk"), "work");
    }

    #[test]
    fn folds_homoglyphs_fullwidth_math_smallcaps() {
        assert_eq!(norm("Теlеgrаm"), "telegram"); // Cyrillic е, а
        assert_eq!(norm("ＷｈａｔｓＡｐｐ"), "whatsapp");
        assert_eq!(norm("𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦"), "telegram");
        assert_eq!(norm("ᴛᴇʟᴇɢʀᴀᴍ"), "telegram");
        assert_eq!(norm("ΤΕLΕGRΑΜ"), "telegram"); // Greek capitals
        assert_eq!(norm("１０００ USDT"), "1000 usdt");
    }

    #[test]
    fn russian_with_latin_look_alikes_meets_plain_russian() {
        // Latin p, e, y, u, n, r swapped into Russian words fold to the same skeleton as the real letters.
        assert_eq!(
            norm("Пpивeт, дpyr! пoдpoбнoстu"),
            norm("Привет, друг! подробности")
        );
        assert_eq!(norm("nишu в лc"), norm("пиши в лс"));
        // Digits and Latin letters standing in for Cyrillic ones inside Cyrillic words.
        assert_eq!(
            norm("Нyжны людu для зара6отка, деталu в лuчные соо6щенuя"),
            norm("Нужны люди для заработка, детали в личные сообщения")
        );
        assert_eq!(norm("Ecть 3APAБOTOK"), norm("Есть заработок"));
        // Inside a word 3 is leetspeak for е, as in Latin text.
        assert_eq!(norm("Bce л3г@льнo"), norm("Все легально"));
        assert_eq!(norm("Ecть 3AP@БO70K"), norm("Есть заработок"));
        // In fullwidth and mathematical digits and letters, too.
        assert_eq!(
            norm("зара６отка, наｄежных, ра𝟔ота"),
            norm("заработка, надежных, работа")
        );
        assert_eq!(
            norm("uщем наdежных nарtнероv, dохоdа, основная ра6ота"),
            norm("ищем надежных партнеров, дохода, основная работа")
        );
        // English with Cyrillic homoglyphs is no Russian text: its Latin letters stay.
        assert_eq!(norm("dаіlу vіdео wоrk"), "daily video work");
        // Amounts, units and Latin words next to Russian keep their digits and letters.
        assert_eq!(
            norm("за 3дня 5000руб, 3месяца, 24/7 в tg"),
            "зa 3дhя 5000pyб, 3mecяцa, 24/7 b tg"
        );
        assert_eq!(norm("удалённой"), norm("удаленной"));
        // Greek/Cyrillic small capitals and turned letters for л, п, р, м, ш.
        assert_eq!(
            norm("ищу ᴧюдᴇй ʙ нᴏʙᴏʍ ᴨᴩᴏᴇᴋᴛᴇ, ᴨиɯиᴛᴇ ʙ ᴧᴄ"),
            norm("ищу людей в новом проекте, пишите в лс")
        );
    }

    /// The obfuscations the validation set applies (keywords spelled out, separated, leetspelled,
    /// inside longer words, in Russian), each with the text the rules must see.
    #[test]
    fn reads_back_keyword_obfuscations() {
        // Vocabulary words are given folded, as a pack's are ("нужен" reads "hyжeh").
        let plain = Normalizer::default();
        let n = Normalizer::with_vocabularies(
            [
                "job",
                "parttime",
                "profit",
                "deposit",
                "usdt",
                "личных",
                "сообщениях",
                "жду",
                "every",
                "per",
                "day",
                "investment",
                "earnings",
                "earn",
                "part",
                "time",
                "salary",
                "daily",
                "income",
                "invest",
                "platform",
                "telegram",
                "нужен",
                "человек",
                "команду",
                "пиши",
                "лс",
                "удаленной",
                "работы",
            ]
            .map(|w| plain.normalize_phrase(w)),
            // Words of Russian runs only: skeletons all in ASCII look-alikes.
            ["kpunto"],
        );
        let cases = [
            ("easy j o b now", "easy job now"),
            // Two spaces between spelled words are a word break, over a known compound.
            ("p a r t   t i m e j o b", "part time job"),
            ("the j o b! To", "the job! to"),
            ("P r o f i t.www.x", "profit.www.x"),
            // A keyword spelled inside a longer word: a word glued after, before, or both.
            ("I d e p o s i ted", "i deposited"),
            ("le a r n more", "learn more"),
            ("focusi n v e s tment", "focusinvestment"),
            // A word of its own after a run is no keyword's end ("every" + "our").
            ("w h a t e v e r your", "what ever your"),
            ("p.l.a.t.f.o.r.m.s now", "platforms now"),
            // Vietnamese syllables; a spelled amount keeps its unit.
            (
                "thu nhap t r o n g n g a y 9 9 9 k / n g a y",
                "thu nhap trong ngay 999k / ngay",
            ),
            ("6 t r - 3 6 t r", "6tr 36tr"),
            // Chinese: two spelled ideographs are a word.
            ("止 盈 : 2 5 8 0 0 ， 止 損", "止盈 : 25800 , 止損"),
            ("made 3500u s d t now", "made 3500usdt now"),
            // Everyday words split out of a run, so the pack's words beside them do too.
            (
                "I s t i l l w o n d e r how t h i n g s",
                "i still wonder how things",
            ),
            // Letters joined by dots spell one word each.
            ("i.n.v.e.s.t.m.e.n.t p.l.a.t.f.o.r.m", "investment platform"),
            ("п-р-о-е-к-т н.о.в.ы.х", "npoekt hobыx"),
            // A run of look-alikes only (`bkpunto`) in Russian text splits as Russian.
            ("пиши в к р и п т о", "nuшu b kpunto"),
            // Russian: a final в/с/к before a whole word stands alone unless a known word ends so;
            // a trailing spelled `!` is punctuation.
            ("р а с с к а ж у в лс", "pacckaжy b лc"),
            ("ч е л о в е к для", "чeлobek для"),
            ("ч е л о в е к в к о м а н д у", "чeлobek b komahдy"),
            (
                "ж д у в л и ч н ы х с о о б щ е н и я х !",
                "ждy b лuчhыx cooбщehuяx !",
            ),
            (
                "Н у ж н ы л ю д и для у д а л ё н н о й р а б о т ы в к р и п т о",
                "hyжhы людu для yдaлehhou paбotы b kpunto",
            ),
            ("a b c", "a b c"), // three letters that spell no word stay apart
            ("I n v e s tment", "investment"),
            ("e a r nings", "earnings"),
            ("S H O P to", "shop to"),
            ("p a r t - t i m e j o b", "part time job"),
            ("p_a_r_t_-_t_i_m_e", "part time"),
            ("p.a.r.t. .t.i.m.e", "part time"),
            ("https://t*.*m*e/x", "https://t.me/x"),
            ("d@11y sa1@ry", "daily salary"),
            ("1ncom3", "income"),
            ("3@rn", "earn"),
            ("7.m3/x w@.m3/1", "t.me/x wa.me/1"),
            ("1.5k/month v2.0", "1.5k/month v2.0"),
            ("p@r7-tim3", "part time"),
            ("e a r n 3 0 0 p e r d a y", "earn 300 per day"),
            ("1-2 h o u r s", "1-2 hours"),
            ("н у ж е н ч е л о в е к", "hyжeh чeлobek"),
            ("❗ п и ш и в л с", "❗ nuшu b лc"),
            ("у д а л е н н о й р а б о т ы", "yдaлehhou paбotы"),
        ];
        for (text, want) in cases {
            assert_eq!(n.normalize(text).as_str(), want, "{text:?}");
        }
    }

    /// Emoji and symbols inside a word are read away when the pieces make a known word; between
    /// words they are a word break.
    #[test]
    fn emoji_and_symbols_inside_words() {
        // Vocabulary words are given folded, as the pack compiler gives them.
        let ru = Normalizer::default()
            .normalize("заработок")
            .as_str()
            .to_owned();
        let n = Normalizer::with_vocabulary(["telegram", "whatsapp", "earn", "daily", ru.as_str()]);
        let norm = |s: &str| n.normalize(s).as_str().to_owned();
        assert_eq!(norm("contact on tele📱gram"), "contact on telegram");
        assert_eq!(norm("te♥le♥gram or wh✨ats✨app"), "telegram or whatsapp");
        assert_eq!(norm("t🔥e🔥l🔥e🔥g🔥r🔥a🔥m"), "telegram");
        assert_eq!(norm("earn💰daily"), "earn daily");
        assert_eq!(norm("earn💰5000💰daily"), "earn 5000 daily");
        assert_eq!(norm("зара💸боток"), norm("заработок"));
        // Not between letters: the emoji stays.
        assert_eq!(norm("earn 💰 daily"), "earn 💰 daily");
        // A join before other candidates keeps the rewrite window over all of them.
        assert_eq!(norm("tele📱gram then t*.*m*e/x"), "telegram then t.me/x");
        // The span of the joined word covers the original pieces and the emoji.
        assert_eq!(
            original_of(&n, "contact on tele📱gram now", "telegram"),
            "tele📱gram"
        );
    }

    /// The original text behind the first occurrence of `word` in the normalised `text`.
    fn original_of<'t>(n: &Normalizer, text: &'t str, word: &str) -> &'t str {
        let m = n.normalize(text);
        let at = m.as_str().find(word).expect("word in the normalised text");
        let (s, e) = m.original_span(at, at + word.len());
        &text[s..e]
    }

    /// Other separators between spelled letters read like dots; dates, ratios and prose stay.
    #[test]
    fn spelled_with_other_separators() {
        let n = Normalizer::with_vocabulary(["telegram", "whatsapp"]);
        let norm = |s: &str| n.normalize(s).as_str().to_owned();
        for sep in ["/", "|", "~", "+", ":", "=", ",", "'", "^", "#", ";"] {
            let text = format!("message on t{s}e{s}l{s}e{s}g{s}r{s}a{s}m now", s = sep);
            assert_eq!(norm(&text), "message on telegram now", "{text}");
        }
        assert_eq!(norm("w/h/a/t/s/a/p/p"), "whatsapp");
        // A capital I inside a lower-case word reads as an l or an i, whichever makes a known word.
        assert_eq!(norm("teIegram or WhatsApp"), "telegram or whatsapp");
        assert_eq!(norm("McIntosh, I think"), "mcintosh, i think");
        // Not spelled words: dates, ratios, lists, prose.
        assert_eq!(norm("on 1/2/2024 at 10:30"), "on 1/2/2024 at 10:30");
        assert_eq!(norm("1/2/3/4 of it"), "1/2/3/4 of it");
        assert_eq!(norm("a, b, c and d"), "a, b, c and d");
        assert_eq!(norm("and/or, he/she"), "and/or, he/she");
        // The span maps back to the whole spelled word.
        assert_eq!(
            original_of(&n, "on t/e/l/e/g/r/a/m!", "telegram"),
            "t/e/l/e/g/r/a/m"
        );
    }

    #[test]
    fn leet_after_a_glued_amount() {
        assert_eq!(
            norm("made 3500usdt with 300u$dt"),
            "made 3500usdt with 300usdt"
        );
        assert_eq!(norm("300usdt 5k$ 1O,OOO"), "300usdt 5k$ 10,000");
    }

    #[test]
    fn strips_latin_diacritics_keeps_other_scripts() {
        assert_eq!(norm("Lương cứng 15 triệu đồng"), "luong cung 15 trieu dong");
        assert_eq!(norm("Ȧ Ȩ Ɍ"), "a e r");
        assert_eq!(norm("รายได้สูง"), "รายได้สูง");
        assert_eq!(norm("月薪3万"), "月薪3万");
        assert_eq!(norm("घर बैठे कमाएं"), "घर बैठे कमाएं");
    }

    #[test]
    fn collapses_spelled_words() {
        assert_eq!(
            norm("add me on T e l e g r a m now"),
            "add me on telegram now"
        );
        assert_eq!(norm("W.h.a.t.s.A.p.p"), "whatsapp");
        assert_eq!(norm("t_e_l_e_g_r_a_m"), "telegram");
        assert_eq!(norm("a b c"), "a b c");
        assert_eq!(norm("y o u r m.o.b.i.l.e"), "your mobile");
        assert_eq!(norm("e.a.r.n d-a-i-l-y"), "earn daily");
    }

    #[test]
    fn windowed_rewrite_equals_a_full_rewrite() {
        let n = Normalizer::with_vocabulary(["telegram", "daily", "salary", "usdt", "app"]);
        let filler = "Our team is hiring analysts in Chicago with 3 years of experience. ";
        let pieces = [
            "T e l e g r a m",
            "te1egr@m",
            "hr@company.com",
            "earn 5OOO u$dt",
            "d.a.i.l.y s a l a r y",
            "a b c",
            "@pp",
            "ｔｅｌｅｇｒａｍ 1O,OOO",
        ];
        for (k, a) in pieces.iter().enumerate() {
            for b in &pieces[k..] {
                for (before, between) in [(0, 0), (1, 0), (0, 3), (2, 5), (4, 1)] {
                    let text = format!(
                        "{}{a} {}{b} {}",
                        filler.repeat(before),
                        filler.repeat(between),
                        filler.repeat(before)
                    );
                    let mut cand = Candidates::default();
                    let (folded, _) = if text.is_ascii() {
                        fold_ascii(&text, &mut cand)
                    } else {
                        fold_unicode(&text, &mut cand)
                    };
                    let full = n.rewrite(&folded, 0, folded.len(), &cand.joins).0;
                    assert_eq!(n.normalize(&text).as_str(), full, "{text}");
                }
            }
        }
    }

    #[test]
    fn splits_spelled_runs_into_vocabulary_words() {
        let n = Normalizer::with_vocabulary([
            "only", "need", "a", "mobile", "phone", "whats", "app", "whatsapp", "daily", "salary",
        ]);
        let norm = |s: &str| n.normalize(s).as_str().to_owned();
        assert_eq!(
            norm("o n l y n e e d a m o b i l e phone"),
            "only need a mobile phone"
        );
        assert_eq!(norm("d.a.i.l.y.s.a.l.a.r.y"), "daily salary");
        // The longest known word wins over its parts.
        assert_eq!(norm("w h a t s a p p"), "whatsapp");
        // Letters no word explains stay together, next to the words that are known.
        assert_eq!(
            norm("d a i l y s a l a r y f o r j o h n"),
            "daily salary forjohn"
        );
        assert_eq!(norm("x y z w"), "xyzw");
        // The map still points into the original.
        let text = "call o n l y n e e d a m o b i l e now";
        let out = n.normalize(text);
        let s = out.as_str().find("mobile").unwrap();
        let (a, b) = out.original_span(s, s + 6);
        assert_eq!(&text[a..b], "m o b i l e");
    }

    /// No length cliff: a spelled run of any length (below, at and far past one segmenting window)
    /// splits into the same words, and every word maps back to its letters.
    #[test]
    fn spelled_runs_of_any_length_split_into_words() {
        let n = Normalizer::with_vocabulary(["daily", "salary", "whatsapp", "telegram"]);
        let unit = "d a i l y s a l a r y w h a t s a p p t e l e g r a m ";
        for reps in [1, 10, 30, 100, 1_000, 5_000] {
            let text = format!("join {}now", unit.repeat(reps));
            let out = n.normalize(&text);
            let words: Vec<&str> = out.as_str().split_whitespace().collect();
            assert_eq!(words.len(), 4 * reps + 2, "{reps} repetitions");
            for (k, w) in words[1..words.len() - 1].iter().enumerate() {
                let want = ["daily", "salary", "whatsapp", "telegram"][k % 4];
                assert_eq!(*w, want, "{reps} repetitions, word {k}");
            }
            let last = out.as_str().rfind("telegram").unwrap();
            let (a, b) = out.original_span(last, last + 8);
            assert_eq!(&text[a..b], "t e l e g r a m", "{reps} repetitions");
        }
    }

    /// A spelled run is mapped by one piece per [`SPELLED_PIECE_MAX`] bytes, not an anchor per letter
    /// (issue 15), and still maps each letter and each kept separator back to its own original char:
    /// ASCII and multi-byte units, words split by the vocabulary, runs longer than a piece, at the
    /// text's start and end.
    #[test]
    fn spelled_runs_map_each_letter_back_with_few_anchors() {
        // Cyrillic letters that no fold changes (и would read u), so each maps back to itself.
        let n = Normalizer::with_vocabulary(["apply", "on", "telegram", "жшл"]);
        let cases = [
            ("t e l e g r a m", 1),
            ("apply now a p p l y o n t e l e g r a m", 1),
            ("x t.e.l.e.g.r.a.m", 1),
            ("ж ш л ж ш л ж ш л", 1),
            ("中 a 中 b 中 c 中", 1),
            ("a p p l y o n t e l e g r a m ", 200),
            ("ж ш л ф д ", 300),
        ];
        for (unit, reps) in cases {
            let text = unit.repeat(reps);
            let out = n.normalize(&text);
            let t = out.as_str();
            let (mut prev_end, mut units) = (0, 0);
            for (p, c) in t.char_indices() {
                let (a, b) = out.original_span(p, p + c.len_utf8());
                let orig = &text[a..b];
                if c == ' ' {
                    assert!(
                        orig.len() == 1 && is_spacing_separator(orig.as_bytes()[0]),
                        "{unit:?}: space at {p} maps to {orig:?}"
                    );
                } else {
                    assert_eq!(orig, c.to_string(), "{unit:?} x {reps}: char at {p}");
                    units += 1;
                }
                assert!(a >= prev_end, "{unit:?}: spans out of order at {p}");
                prev_end = b;
            }
            assert_eq!(out.original_span(t.len(), t.len()), (prev_end, prev_end));
            let letters = text.chars().filter(|&c| c != ' ' && c != '.').count();
            assert_eq!(units, letters, "{unit:?} x {reps}: every letter once");
            let anchors = out.rewrite_map.anchors.len();
            assert!(
                anchors <= 4 + t.len() / 64,
                "{unit:?} x {reps}: {anchors} anchors for {} bytes",
                t.len()
            );
        }
    }

    #[test]
    fn resolves_leetspeak() {
        assert_eq!(norm("te1egr@m"), "telegram");
        assert_eq!(norm("u$dt"), "usdt");
        assert_eq!(norm("b1tco1n"), "bitcoin");
        assert_eq!(norm("p@yment"), "payment");
        assert_eq!(norm("earn 5OOO daily"), "earn 5000 daily");
        assert_eq!(
            norm("covid19 mp3 4g $500 @handle"),
            "covid19 mp3 4g $500 @handle"
        );
    }

    #[test]
    fn spans_map_back_to_original() {
        let n = Normalizer::default();
        for text in [
            "Hello  Т е л е г р а м and ＷｈａｔｓＡｐｐ",
            "加  微信 ok",
            "x\u{200B}y te1egr@m",
        ] {
            let norm = n.normalize(text);
            let t = norm.as_str();
            for (s, _) in t.char_indices() {
                for (e, c) in t[s..].char_indices() {
                    let (os, oe) = norm.original_span(s, s + e + c.len_utf8());
                    assert!(
                        text.is_char_boundary(os) && text.is_char_boundary(oe) && os <= oe,
                        "{text:?} {s}"
                    );
                }
            }
        }
    }
}
