//! Promised investment returns in normalised text: a percentage per period, a multiple of the stake, and
//! the testimonial "invested X … got Y".
//!
//! Invariant: every [`ReturnMatch`] has a span on char boundaries of the normalised text, in increasing
//! order and not overlapping; all values are finite and ≥ 0 (factors > 1); at most [`MAX_MATCHES`] per
//! text; time linear in the text (one Aho-Corasick pass for the few words a return needs, then the full
//! vocabulary only in the windows around them and around candidates, each byte scanned at most twice).
//! The windows find exactly the words one scan of the whole text would ([`Hits`] says why).
//!
//! Rules (the tests hold one row per rule):
//! * **Percent**: `N%`, `N percent` (persen, phần trăm, процентов) or a range `N-M%`/`N%-M%`. It is a
//!   return when a *short* period (hour, day, week, month) stands right after it or up to two words on
//!   (`30% weekly`, `lãi 3%/ngày`, `3.5% income bonus daily`) or before it (`每天收益5%`), or when a return
//!   word (profit, return, roi, interest, yield, earn, income, lãi, lợi nhuận, 收益, 利润, 回报, keuntungan,
//!   untung, доход, прибыль, กำไร, …) is within 48 bytes before or 32 after, in the same sentence. A price
//!   word nearby (off, discount, diskon, giảm, sale, tax, vat, fee, battery, vote, скидка, 折, …) vetoes
//!   both; a bank word (rate, loan, mortgage, apr, vay, pinjaman, 贷款, кредит, ставка) vetoes the return
//!   word path, so `interest rate 5% per annum` is not a return while `lãi suất 3%/ngày` is.
//! * **Multiple**: `x4`, `4x`, `×4`, `4 times`, `10倍`, `gấp 3 lần`, or a word (double, triple,
//!   quadruple, 翻倍, gấp đôi, lipat ganda, удвоить, …), with a return word, money noun (money,
//!   investment, deposit, capital, vốn, 本金, modal, …) or invest verb within the window, and no price
//!   word; `3 times a day` (a frequency) and `4x4`/`1920x1080` (sizes) are not multiples. 1 < factor ≤ 1000.
//! * **Testimonial**: an invest verb (invested, deposited, put in, started with, nạp, đầu tư, 投资, 存,
//!   入金, вложил, …), an amount within 24 bytes after it, a receive verb (got, received, withdrew,
//!   earned, made, now have, rút, 提现, 赚, вывел, …) within 96 bytes after that, and a larger amount within
//!   24 bytes after the verb. Amounts are the money matches or bare numbers with a multiplier (`投资1000
//!   赚了5000`); the currency is the first named one (two different named currencies, bar USD/USDT, are
//!   not one testimonial).
//! * **Time frame** (`hours`): a number and a time unit (`in 24 hours`, `within 3 days`, `24小时`,
//!   `trong 3 ngày`) within 32 bytes after the match, else within 24 bytes before it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::money::{
    bare_amount, char_at, char_before, fold, is_spaced_letter, period_after, period_before_at,
    read_number, MoneyMatch, Period,
};

/// At most this many returns per text.
pub(crate) const MAX_MATCHES: usize = 32;

/// What a return promises.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ReturnKind {
    /// "30% weekly", "5-15% daily", "20% per day", "日收益5%", "lãi 3%/ngày", "profit 200% in 24 hours"
    Percent {
        min: f64,
        max: Option<f64>,
        period: Option<Period>,
        hours: Option<f64>,
    },
    /// "x4", "4x your money", "double your money", "triple", "翻倍", "gấp đôi", "10 times"
    Multiple { factor: f64, hours: Option<f64> },
    /// "invested $300 and got $3,000 in 3 days", "deposited 500 USDT, withdrew 4,500", "投资1000赚了5000"
    Testimonial {
        invested: f64,
        received: f64,
        factor: f64,
        currency: Option<&'static str>,
        hours: Option<f64>,
    },
}

/// A promised return found in normalised text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReturnMatch {
    /// Byte span in the normalised text (char boundaries, half-open).
    pub start: usize,
    pub end: usize,
    pub kind: ReturnKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// profit, return, 收益, … : makes a nearby percentage or multiple a return.
    Return,
    /// money, investment, vốn, 本金, … : makes a nearby multiple a return.
    MoneyNoun,
    Invest,
    Receive,
    /// off, discount, tax, … : a nearby percentage is a price, not a return.
    Price,
    /// rate, loan, … : a bank's terms, not a promise.
    Bank,
    /// double, triple, 翻倍, … : a multiple by itself.
    Times(f64),
    /// leverage, faster, more, since, … : a multiple of something else than a stake.
    Scale,
}

const WORDS: &[(&str, Word)] = &[
    // return words
    ("profit", Word::Return),
    ("profits", Word::Return),
    ("return", Word::Return),
    ("returns", Word::Return),
    ("roi", Word::Return),
    ("interest", Word::Return),
    ("yield", Word::Return),
    ("yields", Word::Return),
    ("earn", Word::Return),
    ("earns", Word::Return),
    ("earning", Word::Return),
    ("earnings", Word::Return),
    ("income", Word::Return),
    ("gain", Word::Return),
    ("gains", Word::Return),
    ("dividend", Word::Return),
    ("dividends", Word::Return),
    ("commission", Word::Return),
    ("lãi", Word::Return),
    ("lời", Word::Return),
    ("lợi nhuận", Word::Return),
    ("hoa hồng", Word::Return),
    ("收益", Word::Return),
    ("利润", Word::Return),
    ("回报", Word::Return),
    ("利息", Word::Return),
    ("盈利", Word::Return),
    ("返利", Word::Return),
    ("佣金", Word::Return),
    ("收入", Word::Return),
    ("keuntungan", Word::Return),
    ("untung", Word::Return),
    ("profit harian", Word::Return),
    ("bunga", Word::Return),
    ("imbal hasil", Word::Return),
    ("komisi", Word::Return),
    ("доход", Word::Return),
    ("доходность", Word::Return),
    ("прибыль", Word::Return),
    ("กำไร", Word::Return),
    ("ผลตอบแทน", Word::Return),
    ("ปันผล", Word::Return),
    ("tubo", Word::Return),
    ("kita", Word::Return),
    ("लाभ", Word::Return),
    ("मुनाफा", Word::Return),
    ("रिटर्न", Word::Return),
    // money nouns (for multiples)
    ("money", Word::MoneyNoun),
    ("investment", Word::MoneyNoun),
    ("investments", Word::MoneyNoun),
    ("capital", Word::MoneyNoun),
    ("funds", Word::MoneyNoun),
    ("crypto", Word::MoneyNoun),
    ("bitcoin", Word::MoneyNoun),
    ("portfolio", Word::MoneyNoun),
    ("stake", Word::MoneyNoun),
    ("vốn", Word::MoneyNoun),
    ("tiền", Word::MoneyNoun),
    ("本金", Word::MoneyNoun),
    ("资金", Word::MoneyNoun),
    ("modal", Word::MoneyNoun),
    ("uang", Word::MoneyNoun),
    ("dana", Word::MoneyNoun),
    ("деньги", Word::MoneyNoun),
    ("вклад", Word::MoneyNoun),
    ("pera", Word::MoneyNoun),
    ("เงิน", Word::MoneyNoun),
    ("पैसा", Word::MoneyNoun),
    // invest verbs
    ("invested", Word::Invest),
    ("invest", Word::Invest),
    ("i put in", Word::Invest),
    ("put in", Word::Invest),
    ("deposited", Word::Invest),
    ("deposit", Word::Invest),
    ("started with", Word::Invest),
    ("start with", Word::Invest),
    ("began with", Word::Invest),
    ("topped up", Word::Invest),
    ("top up", Word::Invest),
    ("recharged", Word::Invest),
    ("nạp", Word::Invest),
    ("đầu tư", Word::Invest),
    ("bỏ ra", Word::Invest),
    ("投资", Word::Invest),
    ("投了", Word::Invest),
    ("投入", Word::Invest),
    ("存入", Word::Invest),
    ("存了", Word::Invest),
    ("入金", Word::Invest),
    ("充值", Word::Invest),
    ("充了", Word::Invest),
    ("вложил", Word::Invest),
    ("вложила", Word::Invest),
    ("вложили", Word::Invest),
    ("инвестировал", Word::Invest),
    ("пополнил", Word::Invest),
    ("depo", Word::Invest),
    ("setor", Word::Invest),
    ("modal awal", Word::Invest),
    ("naglagay", Word::Invest),
    ("nag invest", Word::Invest),
    ("ลงทุน", Word::Invest),
    ("ฝาก", Word::Invest),
    // receive verbs
    ("got", Word::Receive),
    ("get", Word::Receive),
    ("received", Word::Receive),
    ("receive", Word::Receive),
    ("withdrew", Word::Receive),
    ("withdrawn", Word::Receive),
    ("withdraw", Word::Receive),
    ("cashed out", Word::Receive),
    ("earned", Word::Receive),
    ("made", Word::Receive),
    ("now have", Word::Receive),
    ("now i have", Word::Receive),
    ("turned into", Word::Receive),
    ("became", Word::Receive),
    ("rút", Word::Receive),
    ("rút về", Word::Receive),
    ("nhận", Word::Receive),
    ("nhận về", Word::Receive),
    ("thu về", Word::Receive),
    ("lãi được", Word::Receive),
    ("提现", Word::Receive),
    ("提了", Word::Receive),
    ("赚了", Word::Receive),
    ("赚", Word::Receive),
    ("拿到", Word::Receive),
    ("到账", Word::Receive),
    ("收到", Word::Receive),
    ("变成", Word::Receive),
    ("вывел", Word::Receive),
    ("вывела", Word::Receive),
    ("вывели", Word::Receive),
    ("получил", Word::Receive),
    ("получила", Word::Receive),
    ("заработал", Word::Receive),
    ("dapat", Word::Receive),
    ("dapet", Word::Receive),
    ("mendapat", Word::Receive),
    ("wd", Word::Receive),
    ("tarik", Word::Receive),
    ("cair", Word::Receive),
    ("nakuha", Word::Receive),
    ("kumita", Word::Receive),
    ("ได้", Word::Receive),
    ("ถอน", Word::Receive),
    // price words
    ("off", Word::Price),
    ("discount", Word::Price),
    ("discounts", Word::Price),
    ("diskon", Word::Price),
    ("giảm", Word::Price),
    ("sale", Word::Price),
    ("cashback", Word::Price),
    ("tax", Word::Price),
    ("vat", Word::Price),
    ("fee", Word::Price),
    ("fees", Word::Price),
    ("battery", Word::Price),
    ("pin", Word::Price),
    ("vote", Word::Price),
    ("votes", Word::Price),
    ("chance", Word::Price),
    ("humidity", Word::Price),
    ("alcohol", Word::Price),
    ("cotton", Word::Price),
    ("折", Word::Price),
    ("优惠", Word::Price),
    ("скидка", Word::Price),
    ("скидки", Word::Price),
    ("ส่วนลด", Word::Price),
    ("potongan", Word::Price),
    // bank words
    ("rate", Word::Bank),
    ("rates", Word::Bank),
    ("loan", Word::Bank),
    ("loans", Word::Bank),
    ("mortgage", Word::Bank),
    ("apr", Word::Bank),
    ("vay", Word::Bank),
    ("pinjaman", Word::Bank),
    ("贷款", Word::Bank),
    ("кредит", Word::Bank),
    ("ставка", Word::Bank),
    // scale words: "2x long", "10 times more", "up 7x since launch", "died 317 times"
    ("leverage", Word::Scale),
    ("long", Word::Scale),
    ("short", Word::Scale),
    ("margin", Word::Scale),
    ("zoom", Word::Scale),
    ("speed", Word::Scale),
    ("faster", Word::Scale),
    ("more", Word::Scale),
    ("less", Word::Scale),
    ("bigger", Word::Scale),
    ("larger", Word::Scale),
    ("higher", Word::Scale),
    ("cheaper", Word::Scale),
    ("since", Word::Scale),
    ("died", Word::Scale),
    ("digit", Word::Scale),
    ("digits", Word::Scale),
    ("figure", Word::Scale),
    ("figures", Word::Scale),
    ("room", Word::Scale),
    ("bed", Word::Scale),
    // multiple words
    ("double", Word::Times(2.0)),
    ("doubled", Word::Times(2.0)),
    ("triple", Word::Times(3.0)),
    ("tripled", Word::Times(3.0)),
    ("quadruple", Word::Times(4.0)),
    ("tenfold", Word::Times(10.0)),
    ("翻倍", Word::Times(2.0)),
    ("翻番", Word::Times(2.0)),
    ("gấp đôi", Word::Times(2.0)),
    ("gấp ba", Word::Times(3.0)),
    ("lipat ganda", Word::Times(2.0)),
    ("dua kali lipat", Word::Times(2.0)),
    ("удвоить", Word::Times(2.0)),
    ("удвоил", Word::Times(2.0)),
    ("удвоим", Word::Times(2.0)),
    ("doble", Word::Times(2.0)),
    ("เท่าตัว", Word::Times(2.0)),
    ("दोगुना", Word::Times(2.0)),
    ("दुगना", Word::Times(2.0)),
];

/// Words after a number that make it a multiple: "4 times", "10倍", "3 lần", "в 3 раза".
const TIMES_AFTER: &[&str] = &[
    "times",
    "time",
    "倍",
    "lần",
    "kali lipat",
    "kali",
    "раза",
    "раз",
    "เท่า",
    "गुना",
];

/// Time units for a time frame, in hours.
const TIME_UNITS: &[(&str, f64)] = &[
    ("hours", 1.0),
    ("hour", 1.0),
    ("hrs", 1.0),
    ("hr", 1.0),
    ("h", 1.0),
    ("days", 24.0),
    ("day", 24.0),
    ("weeks", 168.0),
    ("week", 168.0),
    ("months", 720.0),
    ("month", 720.0),
    ("giờ", 1.0),
    ("tiếng", 1.0),
    ("ngày", 24.0),
    ("tuần", 168.0),
    ("tháng", 720.0),
    ("jam", 1.0),
    ("hari", 24.0),
    ("minggu", 168.0),
    ("bulan", 720.0),
    ("ชั่วโมง", 1.0),
    ("วัน", 24.0),
    ("oras", 1.0),
    ("araw", 24.0),
    ("часа", 1.0),
    ("часов", 1.0),
    ("час", 1.0),
    ("дня", 24.0),
    ("дней", 24.0),
    ("день", 24.0),
    ("小时", 1.0),
    ("个小时", 1.0),
    ("天", 24.0),
    ("日", 24.0),
    ("周", 168.0),
    ("个月", 720.0),
    ("घंटे", 1.0),
    ("दिन", 24.0),
];

struct Vocab {
    /// The words without which no return can stand (multiple words, invest verbs): a text needs the full
    /// vocabulary scan only when one occurs, or a `%`, or an `x` by a digit, or a word that counts only
    /// right after a number. Few enough patterns for a SIMD prefilter, so the common text without them
    /// costs ~20 ns. A [`TIMES_AFTER`] word ("4 times", not "full-time") and a [`PERCENT_WORDS`] word
    /// ("30 percent", not "percentage") count only after a number, as [`multiples`] and
    /// [`percent_marks`] read them: [`word_after_number`] checks that with anchored searches instead.
    gate: AhoCorasick,
    /// The same for texts without digits: the multiple words alone.
    gate_no_digit: AhoCorasick,
    words: AhoCorasick,
    /// ASCII bytes that occur in no word of `words`: no occurrence of a word straddles one (see [`Hits`]).
    cut: [bool; 256],
    word_kind: Vec<Word>,
    /// Per pattern: its first and last chars are letters of a spaced script (need a word boundary).
    word_edges: Vec<(bool, bool)>,
    times_after: AhoCorasick,
    times_edges: Vec<bool>,
    /// [`PERCENT_WORDS`], anchored: read only where a number and a space end.
    percent_words: AhoCorasick,
    units: AhoCorasick,
    unit_hours: Vec<f64>,
    units_edges: Vec<bool>,
}

fn edges(w: &str) -> (bool, bool) {
    (
        w.chars().next().is_some_and(is_spaced_letter),
        w.chars().next_back().is_some_and(is_spaced_letter),
    )
}

fn anchored_ac(words: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(words)
        .expect("the returns vocabulary is small and fixed")
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let words: Vec<(String, Word)> = WORDS
        .iter()
        .map(|&(w, k)| (fold(w), k))
        .filter(|(w, _)| !w.is_empty())
        .collect();
    let times: Vec<String> = TIMES_AFTER.iter().map(|w| fold(w)).collect();
    let units: Vec<(String, f64)> = TIME_UNITS.iter().map(|&(w, h)| (fold(w), h)).collect();
    let unit_words: Vec<String> = units.iter().map(|u| u.0.clone()).collect();
    let gate_ac = |with_digits: bool| {
        let times_words = words.iter().filter(|w| matches!(w.1, Word::Times(_)));
        let digit_words = words
            .iter()
            .filter(|w| w.1 == Word::Invest)
            .map(|w| w.0.clone());
        let mut pats: Vec<String> = times_words.map(|w| w.0.clone()).collect();
        if with_digits {
            pats.extend(digit_words);
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .expect("the returns vocabulary is small and fixed")
    };
    Vocab {
        gate: gate_ac(true),
        gate_no_digit: gate_ac(false),
        words: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.iter().map(|w| w.0.as_bytes()))
            .expect("the returns vocabulary is small and fixed"),
        cut: {
            let mut cut = [false; 256];
            for (b, c) in cut.iter_mut().enumerate().take(128) {
                *c = !words
                    .iter()
                    .any(|w| w.0.bytes().any(|x| usize::from(x) == b));
            }
            cut
        },
        word_kind: words.iter().map(|w| w.1).collect(),
        word_edges: words.iter().map(|w| edges(&w.0)).collect(),
        times_edges: times.iter().map(|w| edges(w).1).collect(),
        times_after: anchored_ac(&times),
        percent_words: anchored_ac(&PERCENT_WORDS.iter().map(|w| fold(w)).collect::<Vec<_>>()),
        units_edges: unit_words.iter().map(|w| edges(w).1).collect(),
        units: anchored_ac(&unit_words),
        unit_hours: units.iter().map(|u| u.1).collect(),
    }
});

/// A vocabulary word found in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    word: Word,
}

fn boundary_ok(s: &str, start: usize, end: usize, (first, last): (bool, bool)) -> bool {
    let glued_before = first && char_before(s, start).is_some_and(char::is_alphanumeric);
    let glued_after = last && char_at(s, end).is_some_and(char::is_alphanumeric);
    !glued_before && !glued_after
}

/// The anchored word of `ac` at `at` (one space allowed before it), with a boundary after it.
fn anchored_word(
    s: &str,
    at: usize,
    ac: &AhoCorasick,
    last_alnum: &[bool],
) -> Option<(usize, usize)> {
    let at = at + usize::from(s.as_bytes().get(at) == Some(&b' '));
    let m = ac.find(Input::new(s).range(at..).anchored(Anchored::Yes))?;
    let id = m.pattern().as_usize();
    if last_alnum[id] && char_at(s, m.end()).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((id, m.end()))
}

/// Sentence ends clip the context windows: "!", "?", a newline, or a dot before a space.
fn clause_bounds(s: &str, lo: usize, hi: usize, at_start: usize, at_end: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let is_end = |i: usize| {
        matches!(b[i], b'!' | b'?' | b'\n') || (b[i] == b'.' && b.get(i + 1) == Some(&b' '))
    };
    let start = (lo..at_start)
        .rev()
        .find(|&i| is_end(i))
        .map_or(lo, |i| i + 1);
    let end = (at_end..hi).find(|&i| is_end(i)).unwrap_or(hi);
    (start, end)
}

/// Past this many window scans, [`Hits`] scans the whole text once instead: hostile text (thousands
/// of candidates) then costs one more scan, never a scan and a shuffle of the hits per candidate.
const MAX_SCANS: usize = 32;

/// The vocabulary hits of one text, scanned only where the extractors look: around the gate's words
/// and the context windows they ask about.
///
/// Invariant: `hits` are exactly the hits (boundary-checked) of one leftmost-longest scan of the whole
/// text that start inside the `covered` stretches, in text order. Every stretch starts and ends at a
/// *cut*: an end of the text or an ASCII byte that occurs in no word ([`Vocab::cut`]). No occurrence of
/// a word straddles a cut, so a scan that starts at one finds what the whole-text scan finds from there
/// on, and a hit that starts inside a stretch ends inside it. Each byte is scanned at most once, or
/// twice when the window scans pass [`MAX_SCANS`] and one whole-text scan replaces them.
struct Hits<'a> {
    s: &'a str,
    covered: Vec<(usize, usize)>,
    hits: Vec<Hit>,
    scans: usize,
}

impl<'a> Hits<'a> {
    fn new(s: &'a str) -> Self {
        Hits {
            s,
            covered: Vec::new(),
            hits: Vec::new(),
            scans: 0,
        }
    }

    /// The hits found so far: complete for every stretch that was [`cover`](Self::cover)ed.
    fn known(&self) -> &[Hit] {
        &self.hits
    }

    /// Makes every hit that starts in `lo..hi` known.
    fn cover(&mut self, lo: usize, hi: usize) {
        let len = self.s.len();
        let hi = hi.min(len);
        if lo >= hi {
            return;
        }
        let i = self.covered.partition_point(|c| c.1 <= lo);
        let holder = self.covered.get(i).copied().filter(|c| c.0 <= lo);
        if holder.is_some_and(|c| hi <= c.1) {
            return;
        }
        if self.scans >= MAX_SCANS {
            self.hits.clear();
            self.covered.clear();
            self.scan(0, len);
            self.covered.push((0, len));
            return;
        }
        let b = self.s.as_bytes();
        let cut = &VOCAB.cut;
        let is_cut = |p: usize| p == 0 || p >= len || cut[usize::from(b[p])];
        // Widen to cuts; a stretch's ends are cuts, so neither walk enters a covered stretch.
        let mut a = holder.map_or(lo, |c| c.0);
        while !is_cut(a) {
            a -= 1;
        }
        let j = self.covered.partition_point(|c| c.1 < hi);
        let mut z = match self.covered.get(j) {
            Some(c) if c.0 < hi => c.1,
            _ => hi,
        };
        while !is_cut(z) {
            z += 1;
        }
        // Scan the gaps of `a..z` between the stretches it meets, then merge them into one.
        let first = self.covered.partition_point(|c| c.1 < a);
        let last = self.covered.partition_point(|c| c.0 <= z);
        let mut at = a;
        for k in first..last {
            let (c0, c1) = self.covered[k];
            if c0 > at {
                self.scan(at, c0);
            }
            at = at.max(c1);
        }
        if at < z {
            self.scan(at, z);
        }
        let (start, end) = if first < last {
            (
                self.covered[first].0.min(a),
                self.covered[last - 1].1.max(z),
            )
        } else {
            (a, z)
        };
        self.covered.splice(first..last, [(start, end)]);
    }

    /// Scans `from..to` (both cuts, not covered) and files its hits in order.
    fn scan(&mut self, from: usize, to: usize) {
        let v = &*VOCAB;
        let s = self.s;
        self.scans += 1;
        let at = self.hits.partition_point(|h| h.start < from);
        let found = v
            .words
            .find_iter(Input::new(s).range(from..to))
            .filter(|m| boundary_ok(s, m.start(), m.end(), v.word_edges[m.pattern().as_usize()]))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                word: v.word_kind[m.pattern().as_usize()],
            });
        self.hits.splice(at..at, found);
    }

    /// The hits whose span lies inside `lo..hi`.
    fn inside(&mut self, lo: usize, hi: usize) -> impl Iterator<Item = &Hit> {
        self.cover(lo, hi);
        let from = self.hits.partition_point(|h| h.start < lo);
        self.hits[from..].iter().take_while(move |h| h.end <= hi)
    }

    /// The hits that start in `from..=reach`, in order.
    fn starting(&mut self, from: usize, reach: usize) -> impl Iterator<Item = &Hit> {
        self.cover(from, reach.saturating_add(1));
        let at = self.hits.partition_point(|h| h.start < from);
        self.hits[at..].iter().take_while(move |h| h.start <= reach)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A time frame right around a match: a number and a time unit, after it (preferred) or before it.
fn time_frame(s: &str, start: usize, end: usize) -> Option<(f64, usize, usize)> {
    let v = &*VOCAB;
    let b = s.as_bytes();
    let scan = |lo: usize, hi: usize| -> Option<(f64, usize, usize)> {
        let mut i = lo;
        while i < hi {
            if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
                let n = read_number(s, i).ok()?;
                let (id, uend) = anchored_word(s, n.end, &v.units, &v.units_edges)?;
                return (n.value > 0.0).then(|| (n.value * v.unit_hours[id], i, uend));
            }
            i += 1;
        }
        None
    };
    let after_hi = ceil_boundary(s, end.saturating_add(32));
    if let Some(t) = scan(end, after_hi) {
        // Another amount in between would be its own time frame's, not this match's.
        if !s[end..t.1].bytes().any(|c| c.is_ascii_digit()) {
            return Some(t);
        }
    }
    let before_lo = floor_boundary(s, start.saturating_sub(24));
    scan(before_lo, start).filter(|t| t.2 <= start)
}

/// Appends the promised returns of `norm` (normalised text) to `out`, in text order, at most
/// [`MAX_MATCHES`]. `money` are the money matches of the same text ([`super::money::find_money`]).
pub(crate) fn find_returns(norm: &str, money: &[MoneyMatch], out: &mut Vec<ReturnMatch>) {
    let v = &*VOCAB;
    let b = norm.as_bytes();
    let has_digit = super::money::has_ascii_digit(b);
    // Every multiple word and invest verb the whole-text scan would find lies around an occurrence the
    // gate finds (an occurrence it skips overlaps one it reports, and holds no cut): the loops over
    // those words below see them all; the other words are looked up in the windows that need them.
    let mut hits = Hits::new(norm);
    let gate = if has_digit { &v.gate } else { &v.gate_no_digit };
    let mut gated = false;
    for m in gate.find_iter(norm) {
        gated = true;
        hits.cover(m.start(), m.end());
    }
    // Most texts have none of the words a return needs: they stop here.
    let worth = gated
        || has_digit
            && (memchr::memchr(b'%', b).is_some() || x_by_digit(norm) || word_after_number(norm));
    if !worth {
        return;
    }
    if !has_digit
        && !hits
            .known()
            .iter()
            .any(|h| matches!(h.word, Word::Times(_)))
    {
        return;
    }
    let mut found: Vec<ReturnMatch> = Vec::new();
    if has_digit {
        percents(norm, &mut hits, &mut found);
        testimonials(norm, &mut hits, money, &mut found);
    }
    multiples(norm, &mut hits, has_digit, &mut found);
    // In text order; of overlapping matches the earlier (then longer) one stays.
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut last_end = 0;
    for m in found {
        if out.len() >= MAX_MATCHES {
            break;
        }
        if m.start >= last_end {
            last_end = m.end;
            out.push(m);
        }
    }
}

/// Context around `start..end`: (return word, money noun or invest verb, price word, bank word, scale
/// word within a few bytes).
fn context(s: &str, hits: &mut Hits, start: usize, end: usize) -> (bool, bool, bool, bool, bool) {
    let lo = floor_boundary(s, start.saturating_sub(48));
    let hi = ceil_boundary(s, end.saturating_add(32));
    let (lo, hi) = clause_bounds(s, lo, hi, start, end);
    let (mut ret, mut noun, mut price, mut bank, mut scale) = (false, false, false, false, false);
    for h in hits.inside(lo, hi) {
        match h.word {
            Word::Return => ret = true,
            Word::MoneyNoun | Word::Invest => noun = true,
            Word::Price => price = true,
            Word::Bank => bank = true,
            Word::Scale => scale |= h.end + 16 >= start && h.start <= end + 16,
            _ => {}
        }
    }
    (ret, noun, price, bank, scale)
}

fn is_short(p: Period) -> bool {
    p != Period::Year
}

/// The number that ends at `end` (digits and separators run back to its start).
fn number_ending_at(s: &str, end: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut st = end;
    while st > 0 && (b[st - 1].is_ascii_digit() || matches!(b[st - 1], b'.' | b',')) {
        st -= 1;
    }
    while st < end && !b[st].is_ascii_digit() {
        st += 1;
    }
    if st == end || (st > 0 && b[st - 1].is_ascii_alphabetic()) {
        return None;
    }
    let n = read_number(s, st).ok()?;
    (n.end == end).then_some((n.value, st))
}

/// Words that say "percent" after a number.
const PERCENT_WORDS: &[&str] = &[
    "percent",
    "per cent",
    "pct",
    "persen",
    "phần trăm",
    "процентов",
    "процента",
];

/// Where percentages are marked: (start of the mark, its end), in text order.
fn percent_marks(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut marks: Vec<(usize, usize)> = memchr::memchr_iter(b'%', b).map(|q| (q, q + 1)).collect();
    // A word, after a number and a space: "30 percent", not "percentage" or "5percent".
    each_number_end(b, |e| {
        if let Some(m) = percent_word_at(s, e) {
            if !char_at(s, m.1).is_some_and(char::is_alphanumeric) {
                marks.push(m);
            }
        }
        false
    });
    marks.sort_unstable();
    marks
}

/// The [`PERCENT_WORDS`] word (longest first) one space after the number ending at `e`. No such word
/// starts with a space or holds a digit, so no occurrence that starts earlier reaches past that space:
/// what an anchored search finds there is what a leftmost-longest scan of the whole text would.
fn percent_word_at(s: &str, e: usize) -> Option<(usize, usize)> {
    if s.as_bytes().get(e) != Some(&b' ') {
        return None;
    }
    let m = VOCAB
        .percent_words
        .find(Input::new(s).range(e + 1..).anchored(Anchored::Yes))?;
    Some((m.start(), m.end()))
}

/// Calls `f` with the end of every run of ASCII digits, in text order, until it returns true; says
/// whether it did.
fn each_number_end(b: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    let mut i = 0;
    while let Some(d) = super::money::next_ascii_digit(b, i) {
        let mut e = d + 1;
        while b.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
        if f(e) {
            return true;
        }
        i = e;
    }
    false
}

/// A period word after `at`, right there or up to two words on ("3.5% income bonus daily").
fn period_near_after(s: &str, at: usize) -> Option<(Period, usize)> {
    let b = s.as_bytes();
    let mut p = at;
    for _ in 0..3 {
        if let Some(found) = period_after(s, p) {
            return Some(found);
        }
        // Skip one word of letters; anything else (digits, punctuation) ends the look.
        let word = p + usize::from(b.get(p) == Some(&b' '));
        let len = s[word..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(s.len() - word);
        if len == 0 {
            return None;
        }
        p = word + len;
    }
    None
}

fn percents(s: &str, hits: &mut Hits, found: &mut Vec<ReturnMatch>) {
    let b = s.as_bytes();
    let mut skip_to = 0;
    for (q, mark_end) in percent_marks(s) {
        if q < skip_to || found.len() >= MAX_MATCHES {
            continue;
        }
        let nend = if q > 0 && b[q - 1] == b' ' { q - 1 } else { q };
        let Some((value, nstart)) = number_ending_at(s, nend) else {
            continue;
        };
        let (mut start, mut end) = (nstart, mark_end);
        let (mut min, mut max) = (value, None);
        // A range: "5-15%" (the lower end before) or "5%-15%" (a second percentage after).
        let sep_before = s[..nstart].trim_end_matches(' ');
        if let Some(rest) = sep_before.strip_suffix(['-', '~', '–']) {
            let rest = rest.trim_end_matches(' ');
            if let Some((lo, lstart)) = number_ending_at(s, rest.len()) {
                if lo <= value {
                    (min, max, start) = (lo, Some(value), lstart);
                }
            }
        } else {
            let after = s[end..].trim_start_matches(' ');
            if let Some(rest) = after.strip_prefix(['-', '~']) {
                let rest_at = s.len() - rest.trim_start_matches(' ').len();
                let d = b[rest_at..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || **c == b'.')
                    .count();
                if d > 0 && b.get(rest_at + d) == Some(&b'%') {
                    if let Some((hi, _)) = number_ending_at(s, rest_at + d) {
                        if hi >= value {
                            (max, end) = (Some(hi), rest_at + d + 1);
                            skip_to = end;
                        }
                    }
                }
            }
        }
        if !(min.is_finite()
            && min > 0.0
            && max.is_none_or(|m| m.is_finite() && m <= 1e5)
            && min <= 1e5)
        {
            continue;
        }
        let after = period_after(s, end);
        let period = after.map(|p| p.0).or_else(|| period_before_at(s, start));
        let span_end = after.map_or(end, |p| p.1);
        // A period a word or two on counts for the decision and the value, not for the span.
        let period = period.or_else(|| period_near_after(s, end).map(|p| p.0));
        let (ret, _, price, bank, _) = context(s, hits, start, span_end);
        let short = period.is_some_and(is_short);
        if price || !(short || (ret && !bank)) {
            continue;
        }
        let hours = time_frame(s, start, span_end);
        found.push(ReturnMatch {
            start,
            end: hours.map_or(span_end, |t| if t.1 >= span_end { t.2 } else { span_end }),
            kind: ReturnKind::Percent {
                min,
                max,
                period,
                hours: hours.map(|t| t.0),
            },
        });
    }
}

fn multiples(s: &str, hits: &mut Hits, has_digit: bool, found: &mut Vec<ReturnMatch>) {
    let v = &*VOCAB;
    let b = s.as_bytes();
    let push =
        |hits: &mut Hits, start: usize, end: usize, factor: f64, found: &mut Vec<ReturnMatch>| {
            if !(factor > 1.0 && factor <= 1000.0) || found.len() >= MAX_MATCHES {
                return;
            }
            let (ret, noun, price, _, scale) = context(s, hits, start, end);
            if price || scale || !(ret || noun) {
                return;
            }
            let hours = time_frame(s, start, end);
            found.push(ReturnMatch {
                start,
                end: hours.map_or(end, |t| if t.1 >= end { t.2 } else { end }),
                kind: ReturnKind::Multiple {
                    factor,
                    hours: hours.map(|t| t.0),
                },
            });
        };
    let times: Vec<Hit> = hits
        .known()
        .iter()
        .filter(|h| matches!(h.word, Word::Times(_)))
        .copied()
        .collect();
    for h in times {
        if let Word::Times(f) = h.word {
            // English "double" and the like need the stake right after ("double your money"); the
            // words of other languages say "multiply" and take the usual context.
            let english = norm_is_ascii_word(&s[h.start..h.end]);
            let stake_after = hits
                .starting(h.start + 1, h.end + 24)
                .any(|n| matches!(n.word, Word::MoneyNoun | Word::Return | Word::Invest));
            if !english || stake_after {
                push(hits, h.start, h.end, f, found);
            }
        }
    }
    if !has_digit {
        return;
    }
    let mut i = 0;
    // A number starts at the first digit of a run: jump from digit to digit, not byte to byte.
    while let Some(d) = super::money::next_ascii_digit(b, i) {
        i = d;
        if i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let Ok(n) = read_number(s, i) else {
            i += 1;
            continue;
        };
        let sized = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
        // "x4" / "x 4" / "×4": an x right before, itself not inside a word or a size ("4x4").
        let tail = s[n.end..].chars().next();
        let tail_free =
            !tail.is_some_and(|c| urlish(c) && c != '.' || c == '.' && sized(b.get(n.end + 1)));
        if let Some(p) = s[..i].trim_end_matches(' ').strip_suffix(['x', '×']) {
            if !p.ends_with(urlish) && tail_free {
                push(hits, p.len(), n.end, n.value, found);
                i = n.end;
                continue;
            }
        }
        // "4x" / "4 x": an x right after, then no letter or digit ("4x4" is a size).
        let after = &s[n.end..];
        let x_after = after
            .strip_prefix('x')
            .or_else(|| after.strip_prefix('×'))
            .or_else(|| after.strip_prefix(" x "))
            .filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()));
        let prev_sized = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        if let Some(rest) = x_after {
            if !prev_sized {
                let end = s.len() - rest.len();
                push(hits, i, end.min(s.len()), n.value, found);
                i = end;
                continue;
            }
        }
        // "4 times", "10倍", "gấp 3 lần" — but "3 times a day" is a frequency.
        if let Some((_, tend)) = anchored_word(s, n.end, &v.times_after, &v.times_edges) {
            if !prev_sized && period_after(s, tend).is_none() {
                push(hits, i, tend, n.value, found);
                i = tend;
                continue;
            }
        }
        i = n.end.max(i + 1);
    }
}

/// A [`TIMES_AFTER`] word right after a digit run or one space after it, or a [`PERCENT_WORDS`] word
/// one space after it: the only places where [`multiples`] and [`percent_marks`] read one (a number
/// read by `read_number` ends on a digit).
fn word_after_number(s: &str) -> bool {
    let v = &*VOCAB;
    let b = s.as_bytes();
    let times_at = |at: usize| {
        v.times_after
            .find(Input::new(s).range(at..).anchored(Anchored::Yes))
            .is_some()
    };
    each_number_end(b, |e| {
        times_at(e)
            || (b.get(e) == Some(&b' ') && times_at(e + 1))
            || percent_word_at(s, e).is_some()
    })
}

/// An `x` or `×` next to a digit (`x4`, `4x`, `x 4`): a multiple may stand there.
fn x_by_digit(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
    let near = |i: usize, len: usize| {
        digit(i.checked_sub(1))
            || digit(Some(i + len))
            || (i >= 2 && b[i - 1] == b' ' && digit(Some(i - 2)))
            || (b.get(i + len) == Some(&b' ') && digit(Some(i + len + 1)))
    };
    memchr::memchr_iter(b'x', b).any(|i| near(i, 1))
        || memchr::memmem::find_iter(b, "×".as_bytes()).any(|i| near(i, '×'.len_utf8()))
}

fn norm_is_ascii_word(w: &str) -> bool {
    w.bytes().all(|c| c.is_ascii_lowercase())
}

/// Chars that glue an `x4` into a link, handle or code ("t.me/+x4_abc").
fn urlish(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '+' | '/' | '_' | '-' | '=' | '@' | '#' | '&' | '?' | '%' | '.'
        )
}

/// An amount starting within `lo..hi`: a money match, else a bare number (with its multiplier).
fn amount_in(
    s: &str,
    money: &[MoneyMatch],
    lo: usize,
    hi: usize,
) -> Option<(f64, Option<&'static str>, usize, usize)> {
    let b = s.as_bytes();
    let first_digit = (lo..hi.min(b.len())).find(|&i| b[i].is_ascii_digit())?;
    // A money match covering that digit (its currency may stand before it, "$300").
    // Money matches are sorted and disjoint: a binary search keeps many invest verbs linear.
    let idx = money.partition_point(|m| m.end <= first_digit);
    if let Some(m) = money.get(idx).filter(|m| m.start <= first_digit) {
        return Some((m.amount, Some(m.currency), m.start, m.end));
    }
    if first_digit > 0 && b[first_digit - 1].is_ascii_digit() {
        return None;
    }
    let (value, end) = bare_amount(s, first_digit)?;
    // "in 3 days" is a time frame, not an amount.
    let v = &*VOCAB;
    if anchored_word(s, end, &v.units, &v.units_edges).is_some() {
        return None;
    }
    Some((value, None, first_digit, end))
}

fn testimonials(s: &str, hits: &mut Hits, money: &[MoneyMatch], found: &mut Vec<ReturnMatch>) {
    let mut after = 0;
    let invest: Vec<Hit> = hits
        .known()
        .iter()
        .filter(|h| h.word == Word::Invest)
        .copied()
        .collect();
    for h in invest {
        if h.start < after || found.len() >= MAX_MATCHES {
            continue;
        }
        let Some((invested, cur_a, _, a_end)) = amount_in(s, money, h.end, h.end + 24) else {
            continue;
        };
        // The first receive verb after the stake, within reach.
        let Some(r) = hits
            .starting(a_end, a_end + 96)
            .find(|r| r.word == Word::Receive)
            .copied()
        else {
            continue;
        };
        let Some((received, cur_b, _, b_end)) = amount_in(s, money, r.end, r.end + 24) else {
            continue;
        };
        let compatible = match (cur_a, cur_b) {
            (Some(x), Some(y)) => x == y || matches!((x, y), ("USD", "USDT") | ("USDT", "USD")),
            _ => true,
        };
        if !(compatible && invested > 0.0 && received > invested) {
            continue;
        }
        let factor = received / invested;
        if !factor.is_finite() {
            continue;
        }
        let hours = time_frame(s, h.start, b_end);
        let end = hours.map_or(b_end, |t| if t.1 >= b_end { t.2 } else { b_end });
        after = end;
        found.push(ReturnMatch {
            start: h.start,
            end,
            kind: ReturnKind::Testimonial {
                invested,
                received,
                factor,
                currency: cur_a.or(cur_b),
                hours: hours.map(|t| t.0),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::money::find_money;
    use proptest::prelude::*;

    fn norm(text: &str) -> String {
        crate::Classifier::builtin().normalize(text)
    }

    fn opt(x: Option<f64>) -> String {
        x.map_or("-".into(), |x| x.to_string())
    }

    fn returns_of(n: &str) -> Vec<ReturnMatch> {
        let mut money = Vec::new();
        find_money(n, &mut money);
        let mut out = Vec::new();
        find_returns(n, &money, &mut out);
        out
    }

    /// Each match as `span text|kind fields` ("-" for none).
    fn render(text: &str) -> Vec<String> {
        let n = norm(text);
        returns_of(&n)
            .iter()
            .map(|m| {
                let span = &n[m.start..m.end];
                match &m.kind {
                    ReturnKind::Percent {
                        min,
                        max,
                        period,
                        hours,
                    } => format!(
                        "{span}|pct {min} {} {} {}",
                        opt(*max),
                        period.map_or("-", Period::as_str),
                        opt(*hours)
                    ),
                    ReturnKind::Multiple { factor, hours } => {
                        format!("{span}|x {factor} {}", opt(*hours))
                    }
                    ReturnKind::Testimonial {
                        invested,
                        received,
                        factor,
                        currency,
                        hours,
                    } => format!(
                        "{span}|got {invested} {received} {factor} {} {}",
                        currency.unwrap_or("-"),
                        opt(*hours)
                    ),
                }
            })
            .collect()
    }

    const CASES: &[(&str, &[&str])] = &[
        // Percent with a short period
        ("30% weekly returns", &["30% weekly|pct 30 - week -"]),
        ("earn 5-15% daily", &["5-15% daily|pct 5 15 day -"]),
        ("5%-15% daily", &["5%-15% daily|pct 5 15 day -"]),
        ("20% per day guaranteed", &["20% per day|pct 20 - day -"]),
        ("lãi 3%/ngày", &["3%/ngay|pct 3 - day -"]),
        ("lãi suất 3%/ngày", &["3%/ngay|pct 3 - day -"]),
        ("日收益5%", &["5%|pct 5 - day -"]),
        ("每天收益5%", &["5%|pct 5 - day -"]),
        ("keuntungan 30% sehari", &["30% sehari|pct 30 - day -"]),
        ("доход 20% в день", &["20% b дehb|pct 20 - day -"]),
        ("กำไร 10% ต่อวัน", &["10% ต่อวัน|pct 10 - day -"]),
        ("１０％ daily", &["10% daily|pct 10 - day -"]),
        // Percent with a return word
        (
            "profit 200% in 24 hours",
            &["200% in 24 hours|pct 200 - - 24"],
        ),
        ("ROI of 300% guaranteed", &["300%|pct 300 - - -"]),
        (
            "guaranteed 8% monthly profit",
            &["8% monthly|pct 8 - month -"],
        ),
        ("收益率 15%", &["15%|pct 15 - - -"]),
        ("yield 12% per year", &["12% per year|pct 12 - year -"]),
        (
            "3.5% income bonus daily for 3 days",
            &["3.5% income bonus daily for 3 days|pct 3.5 - day 72"],
        ),
        (
            "earn 30 percent weekly",
            &["30 percent weekly|pct 30 - week -"],
        ),
        (
            "keuntungan 10 persen per hari",
            &["10 persen per hari|pct 10 - day -"],
        ),
        (
            "lãi 2 phần trăm mỗi ngày",
            &["2 phan tram moi ngay|pct 2 - day -"],
        ),
        (
            "доход 5 процентов в день",
            &["5 npoцehtob b дehb|pct 5 - day -"],
        ),
        // Percent near misses
        ("a percentage of 30 percentiles", &[]),
        ("50% off everything", &[]),
        ("discount 30% today", &[]),
        ("diskon 30% setiap hari", &[]),
        ("battery 80%", &[]),
        ("vote 51% yes", &[]),
        ("interest rate 5% per annum on your loan", &[]),
        ("humidity 80% today", &[]),
        ("100% free, 100% legit", &[]),
        ("VAT 10% included", &[]),
        // Multiples
        ("x4 your money in a week", &["x4|x 4 -"]),
        ("4x your money", &["4x|x 4 -"]),
        ("double your money", &["double|x 2 -"]),
        (
            "triple your investment in 3 days",
            &["triple your investment in 3 days|x 3 72"],
        ),
        ("收益翻倍", &["翻倍|x 2 -"]),
        ("gấp đôi tiền vốn", &["gap doi|x 2 -"]),
        ("10 times your deposit", &["10 times|x 10 -"]),
        ("profit 10倍", &["10倍|x 10 -"]),
        ("lãi gấp 3 lần", &["3 lan|x 3 -"]),
        ("24小时翻倍收益", &["翻倍|x 2 24"]),
        // Multiple near misses
        ("take 3 times a day", &[]),
        ("4x4 truck for sale", &[]),
        ("screen 1920x1080", &[]),
        ("double room with breakfast", &[]),
        ("the solid double digit monthly gain", &[]),
        ("double figure gains for bitcoin", &[]),
        ("join https://t.me/+x4_xsexkmeo invest now", &[]),
        ("a 1 btc 2x long, profit", &[]),
        ("10 times more people buy bitcoin", &[]),
        ("derivatives profit is up 7x since launch", &[]),
        ("I called 10 times", &[]),
        ("double discount on your money", &[]),
        // Testimonials
        (
            "I invested $300 and got $3,000 in 3 days",
            &["invested $300 and got $3,000 in 3 days|got 300 3000 10 USD 72"],
        ),
        (
            "deposited 500 USDT, withdrew 4,500",
            &["deposited 500 usdt, withdrew 4,500|got 500 4500 9 USDT -"],
        ),
        (
            "I started with $200 and now I have $2,000",
            &["started with $200 and now i have $2,000|got 200 2000 10 USD -"],
        ),
        (
            "投资1000赚了5000",
            &["投资1000赚了5000|got 1000 5000 5 - -"],
        ),
        (
            "nạp 1tr rút 5tr",
            &["nap 1tr rut 5tr|got 1000000 5000000 5 VND -"],
        ),
        (
            "Вложил 5000 рублей, вывел 50 000 ₽",
            &["bлoжuл 5000 pyблeu, bыbeл 50 000 ₽|got 5000 50000 10 RUB -"],
        ),
        (
            "depo 100rb wd 1jt",
            &["depo 100rb wd 1jt|got 100000 1000000 10 IDR -"],
        ),
        // Testimonial near misses
        ("I invested $300 and got $200 back", &[]),
        ("deposit $100 fee, get 2 items", &[]),
        ("deposited 500 USDT, got 900 €", &[]),
        ("invest in 3 days, get results", &[]),
        // No digits, no multiple word: nothing, at once
        ("hello there, how are you", &[]),
        ("", &[]),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(text, want) in CASES {
            let got = render(text);
            if got != want {
                failures.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases:\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn output_is_capped() {
        for unit in [
            "profit 5% daily ",
            "invested $1 and got $2 ",
            "x4 your money ",
            "nap 1tr rut 5tr ",
        ] {
            let n = unit.repeat(2_000);
            assert_eq!(returns_of(&n).len(), MAX_MATCHES, "{unit:?}");
        }
        // Pathological runs: digits, separators and marks without end.
        for unit in ["1,", "1.", "5%-", "x", "9 ", "invest ", "%"] {
            let n = unit.repeat(20_000);
            check_invariants(&n);
        }
    }

    fn check_invariants(n: &str) {
        let out = returns_of(n);
        assert!(out.len() <= MAX_MATCHES);
        let mut prev_end = 0;
        for m in &out {
            assert!(m.start < m.end && m.end <= n.len(), "{m:?}");
            assert!(
                n.is_char_boundary(m.start) && n.is_char_boundary(m.end),
                "{m:?}"
            );
            assert!(m.start >= prev_end, "overlap or disorder: {out:?}");
            prev_end = m.end;
            let values: Vec<f64> = match &m.kind {
                ReturnKind::Percent {
                    min, max, hours, ..
                } => [Some(*min), *max, *hours].into_iter().flatten().collect(),
                ReturnKind::Multiple { factor, hours } => {
                    assert!(*factor > 1.0, "{m:?}");
                    [Some(*factor), *hours].into_iter().flatten().collect()
                }
                ReturnKind::Testimonial {
                    invested,
                    received,
                    factor,
                    hours,
                    ..
                } => {
                    assert!(received > invested && *factor > 1.0, "{m:?}");
                    [Some(*invested), Some(*received), Some(*factor), *hours]
                        .into_iter()
                        .flatten()
                        .collect()
                }
            };
            assert!(values.iter().all(|v| v.is_finite() && *v >= 0.0), "{m:?}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_unicode(text in "\\PC{0,80}") {
            check_invariants(&text);
            check_invariants(&norm(&text));
        }

        #[test]
        fn return_like_soup(parts in proptest::collection::vec(prop_oneof![
            Just("x"), Just("4"), Just("1,500"), Just("0.5"), Just(" "), Just("%"), Just("-"), Just("daily"),
            Just("profit"), Just("invested"), Just("got"), Just("$"), Just("倍"), Just("翻倍"), Just("times"),
            Just("in"), Just("hours"), Just("天"), Just("off"), Just("nap"), Just("rut"), Just("tr"), Just("×"),
        ], 0..64)) {
            check_invariants(&parts.concat());
        }

        /// Scanning windows finds what one scan of the whole text finds, in every window asked for
        /// and, around the gate's words, every multiple word and invest verb of the text.
        #[test]
        fn windows_find_what_the_whole_text_scan_finds(
            parts in proptest::collection::vec(prop_oneof![
                proptest::sample::select(WORDS.iter().map(|w| w.0).collect::<Vec<_>>()).prop_map(String::from),
                Just(" ".to_string()), Just(". ".to_string()), Just("5".to_string()), Just("%".to_string()),
                Just("\n".to_string()), Just("à".to_string()), Just("x".to_string()), "[a-z ]{1,6}",
            ], 0..80),
            queries in proptest::collection::vec((0usize..400, 0usize..120), 0..48),
        ) {
            let text = norm(&parts.concat());
            let whole = whole_text_hits(&text);
            let mut hits = Hits::new(&text);
            for m in VOCAB.gate.find_iter(&text) {
                hits.cover(m.start(), m.end());
            }
            let gated = |h: &&(usize, usize, Word)| matches!(h.2, Word::Times(_) | Word::Invest);
            let want: Vec<_> = whole.iter().filter(gated).copied().collect();
            let got: Vec<_> = hits.known().iter().map(|h| (h.start, h.end, h.word)).collect();
            let got: Vec<_> = got.iter().filter(gated).copied().collect();
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
            for (lo, width) in queries {
                let lo = lo.min(text.len());
                let hi = (lo + width).min(text.len());
                let got: Vec<_> = hits.inside(lo, hi).map(|h| (h.start, h.end, h.word)).collect();
                let from = whole.partition_point(|h| h.0 < lo);
                let want: Vec<_> = whole[from..].iter().take_while(|h| h.1 <= hi).copied().collect();
                prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{}..{} of {:?}", lo, hi, text);
            }
        }
    }

    /// The vocabulary hits of one leftmost-longest scan of the whole text.
    fn whole_text_hits(s: &str) -> Vec<(usize, usize, Word)> {
        let v = &*VOCAB;
        v.words
            .find_iter(s)
            .filter(|m| boundary_ok(s, m.start(), m.end(), v.word_edges[m.pattern().as_usize()]))
            .map(|m| (m.start(), m.end(), v.word_kind[m.pattern().as_usize()]))
            .collect()
    }
}
