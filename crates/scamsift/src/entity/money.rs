//! Money amounts in normalised text: a number, its currency, an optional range and an optional pay period.
//!
//! Invariant: every [`MoneyMatch`] has a span on char boundaries of the normalised text, in increasing
//! order and not overlapping; `amount` (and `amount_max`) are finite and ≥ 0; at most [`MAX_MATCHES`] per
//! text; time linear in the text (numbers are found by one byte scan, and each looks at a bounded window
//! around itself with anchored Aho-Corasick searches).
//!
//! Rules (the tests hold one row per rule):
//! * **A number** is a run of ASCII digits with `,` `.` or single-space separators. A separator followed
//!   by exactly three digits groups thousands (`1,500`, `1.500.000`, `1 500`, Indian `1,00,000`); a last
//!   `,` or `.` followed by one, two or more than three digits is the decimal point (`1,5`, `12.50`,
//!   `1.500,50`); a leading `0.`/`0,` is always decimal. Shapes that fit neither (`1.2.3`, `01.05.2024`) are
//!   not amounts, and neither are numbers inside words or codes (`abc500`, `#12345`), times (`10:30`), dates
//!   and fractions (`24/7`, `12/05`), percentages (`50%`), phone-like numbers (a leading `0`, a `+`) and
//!   runs of more than 15 digits.
//! * **A currency** is a code, symbol or local word right before the number (`$500`, `rm 50`, `rp 5 juta`)
//!   or after it and its multiplier (`500 usdt`, `5 juta rupiah`, `300元`). Single letters are read only
//!   glued to the number: `500u` (USDT, as Chinese ads write it) and `500.000d` (đ, VND, only for amounts
//!   of at least 1000 so that `3d` stays three days). `¥` is read as CNY (the pack's languages), `円` as JPY.
//! * **Without a named currency**, the amount is money only when a word implies one:
//!   1. a multiplier of one country: lakh/lac/crore → INR, juta/jt/ribu/rb/miliar → IDR,
//!      triệu/tr/nghìn/ngàn/tỷ → VND, 万/萬/千/亿 → CNY, หมื่น/แสน/พัน/ล้าน → THB, тыс/млн → RUB;
//!   2. a shared multiplier (`k`, thousand, million) plus a period word of one language right after it
//!      (`500k/ngày` → VND, `800k/hari` → IDR);
//!   3. a shared multiplier plus language cue words in the text (Vietnamese `lương`, `giá`, … → VND;
//!      Indonesian `gaji`, `harga`, … → IDR; the language with more cue words wins, a tie implies nothing).
//!
//!   A bare number with no currency and no implying word (`3 days`, `500/day`) is not money.
//! * **A range** joins two amounts with `-`, `–`, `~`, `to`, `đến`, `sampai`, `до`, `至`, `到`; the first
//!   takes the second's multiplier and currency when it has none (`5-10 juta` → 5–10 million IDR), and a
//!   range whose lower end exceeds its upper end is not a range.
//! * **A period** is a unit word after the amount (`/day`, `per day`, `a day`, `daily`, `/ngày`, `/hari`,
//!   `ต่อวัน`, `в день`, `/天`, `每天`, …) or a period word at most three words before it, in the same clause
//!   (`daily income 800 ribu`, `日赚500元`, `lương ngày 500k`, `วันละ 500 บาท`). A duration (`for 3 days`)
//!   is not a period. Vietnamese unit words count only after `/`, `mỗi`, `một` or `lương` (folded, bare
//!   `ngay`/`thang`/`gio` are also "at once", "win", "now"). The span covers the amount, its currency, multiplier, range and *trailing* period; a
//!   leading period word is not in the span (it may stand words away).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::normalize::Normalizer;

/// At most this many money matches per text: the output stays bounded whatever the input.
pub(crate) const MAX_MATCHES: usize = 64;

/// A pay or return period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Period {
    /// Per hour.
    Hour,
    /// Per day.
    Day,
    /// Per week.
    Week,
    /// Per month.
    Month,
    /// Per year.
    Year,
}

impl Period {
    /// The period's name: `"hour"`, `"day"`, `"week"`, `"month"` or `"year"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The period's length in hours (a month is 30 days, a year 365).
    pub(crate) fn hours(self) -> f64 {
        match self {
            Period::Hour => 1.0,
            Period::Day => 24.0,
            Period::Week => 168.0,
            Period::Month => 720.0,
            Period::Year => 8760.0,
        }
    }
}

/// An amount of money found in normalised text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MoneyMatch {
    /// Byte span in the normalised text (char boundaries, half-open).
    pub start: usize,
    pub end: usize,
    /// The (lower) amount in units of the currency: "₹8,000" → 8000.0.
    pub amount: f64,
    /// The upper end of a range: "500k-1tr" → Some(1_000_000.0).
    pub amount_max: Option<f64>,
    /// ISO 4217-like code ("USD", "USDT", "VND", …).
    pub currency: &'static str,
    pub period: Option<Period>,
}

/// Languages whose period words or cue words can imply a currency for a shared multiplier (`k`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Any,
    Vi,
    Id,
    Th,
    Zh,
    Ru,
    Tl,
    Hi,
}

impl Lang {
    fn currency(self) -> Option<&'static str> {
        match self {
            Lang::Any => None,
            Lang::Vi => Some("VND"),
            Lang::Id => Some("IDR"),
            Lang::Th => Some("THB"),
            Lang::Zh => Some("CNY"),
            Lang::Ru => Some("RUB"),
            Lang::Tl => Some("PHP"),
            Lang::Hi => Some("INR"),
        }
    }
}

/// Where a lexicon word may stand relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Both,
    /// After, touching the number (single letters: `500u`, `5k`).
    Glued,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Cur(&'static str),
    /// A multiplier and the currency it implies when none is named.
    Mult(f64, Option<&'static str>),
    Period(Period, Lang),
    RangeSep,
}

/// The one normaliser the lexicon is folded with, so that words match whatever the fold makes of them
/// (Cyrillic `в день` folds to `b дehb`, Vietnamese `ngày` to `ngay`).
pub(crate) fn fold(word: &str) -> String {
    static N: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);
    N.normalize_phrase(word)
}

const CURRENCIES: &[(&str, &[&str])] = &[
    (
        "USD",
        &[
            "usd",
            "$",
            "us$",
            "us dollar",
            "us dollars",
            "dollar",
            "dollars",
            "bucks",
        ],
    ),
    (
        "USDT",
        &["usdt", "tether", "usdt trc20", "usdt-trc20", "usdt erc20"],
    ),
    ("USDC", &["usdc"]),
    ("MYR", &["rm", "myr", "ringgit"]),
    ("IDR", &["rp", "rp.", "idr", "rupiah"]),
    ("PHP", &["₱", "php", "peso", "pesos"]),
    (
        "INR",
        &[
            "₹",
            "rs",
            "rs.",
            "inr",
            "rupee",
            "rupees",
            "rupaye",
            "रुपये",
            "रुपए",
            "रुपया",
        ],
    ),
    (
        "CNY",
        &["元", "块", "块钱", "rmb", "cny", "人民币", "¥", "圆"],
    ),
    ("VND", &["dong", "₫", "vnd", "vnđ", "đồng", "đ"]),
    ("THB", &["฿", "บาท", "baht", "thb"]),
    ("EUR", &["€", "eur", "euro", "euros"]),
    ("GBP", &["£", "gbp", "pound", "pounds"]),
    (
        "RUB",
        &["₽", "руб", "руб.", "рубль", "рубля", "рублей", "rub", "rur"],
    ),
    ("SGD", &["s$", "sgd"]),
    ("HKD", &["hk$", "hkd", "港币"]),
    ("TWD", &["nt$", "twd", "台币"]),
    ("KRW", &["₩", "krw", "원"]),
    ("JPY", &["jpy", "円", "yen"]),
    ("AUD", &["a$", "aud"]),
    ("CAD", &["c$", "cad"]),
    ("AED", &["aed", "dirham", "dirhams"]),
    ("BDT", &["৳", "bdt", "taka"]),
    ("PKR", &["pkr"]),
    ("KHR", &["៛", "khr", "riel"]),
    ("LAK", &["₭", "lak", "kip"]),
    ("MMK", &["mmk", "kyat"]),
];

const MULTIPLIERS: &[(&str, f64, Option<&str>)] = &[
    ("thousand", 1e3, None),
    ("million", 1e6, None),
    ("millions", 1e6, None),
    ("mil", 1e6, None),
    ("mln", 1e6, None),
    ("mn", 1e6, None),
    ("billion", 1e9, None),
    ("bn", 1e9, None),
    ("lakh", 1e5, Some("INR")),
    ("lakhs", 1e5, Some("INR")),
    ("lac", 1e5, Some("INR")),
    ("lacs", 1e5, Some("INR")),
    ("crore", 1e7, Some("INR")),
    ("crores", 1e7, Some("INR")),
    ("cr", 1e7, Some("INR")),
    ("juta", 1e6, Some("IDR")),
    ("jt", 1e6, Some("IDR")),
    ("jta", 1e6, Some("IDR")),
    ("ribu", 1e3, Some("IDR")),
    ("rb", 1e3, Some("IDR")),
    ("miliar", 1e9, Some("IDR")),
    ("triệu", 1e6, Some("VND")),
    ("tr", 1e6, Some("VND")),
    ("nghìn", 1e3, Some("VND")),
    ("ngàn", 1e3, Some("VND")),
    ("tỷ", 1e9, Some("VND")),
    ("万", 1e4, Some("CNY")),
    ("萬", 1e4, Some("CNY")),
    ("千", 1e3, Some("CNY")),
    ("亿", 1e8, Some("CNY")),
    ("หมื่น", 1e4, Some("THB")),
    ("แสน", 1e5, Some("THB")),
    ("พัน", 1e3, Some("THB")),
    ("ล้าน", 1e6, Some("THB")),
    ("тыс", 1e3, Some("RUB")),
    ("тыс.", 1e3, Some("RUB")),
    ("тысяч", 1e3, Some("RUB")),
    ("тысячи", 1e3, Some("RUB")),
    ("млн", 1e6, Some("RUB")),
];

/// Period units with the language they imply; `/unit`, `per unit`, … are derived from them.
const UNITS: &[(&str, Period, Lang)] = &[
    ("hour", Period::Hour, Lang::Any),
    ("hr", Period::Hour, Lang::Any),
    ("h", Period::Hour, Lang::Any),
    ("day", Period::Day, Lang::Any),
    ("week", Period::Week, Lang::Any),
    ("wk", Period::Week, Lang::Any),
    ("month", Period::Month, Lang::Any),
    ("mo", Period::Month, Lang::Any),
    ("mth", Period::Month, Lang::Any),
    ("year", Period::Year, Lang::Any),
    ("yr", Period::Year, Lang::Any),
    ("annum", Period::Year, Lang::Any),
    ("ngày", Period::Day, Lang::Vi),
    ("tháng", Period::Month, Lang::Vi),
    ("giờ", Period::Hour, Lang::Vi),
    ("tuần", Period::Week, Lang::Vi),
    ("năm", Period::Year, Lang::Vi),
    ("hari", Period::Day, Lang::Id),
    ("bulan", Period::Month, Lang::Id),
    ("bln", Period::Month, Lang::Id),
    ("jam", Period::Hour, Lang::Id),
    ("minggu", Period::Week, Lang::Id),
    ("tahun", Period::Year, Lang::Id),
    ("วัน", Period::Day, Lang::Th),
    ("เดือน", Period::Month, Lang::Th),
    ("ชั่วโมง", Period::Hour, Lang::Th),
    ("สัปดาห์", Period::Week, Lang::Th),
    ("araw", Period::Day, Lang::Tl),
    ("buwan", Period::Month, Lang::Tl),
    ("oras", Period::Hour, Lang::Tl),
    ("linggo", Period::Week, Lang::Tl),
    ("din", Period::Day, Lang::Hi),
    ("दिन", Period::Day, Lang::Hi),
    ("महीना", Period::Month, Lang::Hi),
    ("माह", Period::Month, Lang::Hi),
    ("день", Period::Day, Lang::Ru),
    ("сутки", Period::Day, Lang::Ru),
    ("месяц", Period::Month, Lang::Ru),
    ("час", Period::Hour, Lang::Ru),
    ("неделю", Period::Week, Lang::Ru),
    ("год", Period::Year, Lang::Ru),
    ("天", Period::Day, Lang::Zh),
    ("日", Period::Day, Lang::Zh),
    ("月", Period::Month, Lang::Zh),
    ("周", Period::Week, Lang::Zh),
    ("小时", Period::Hour, Lang::Zh),
    ("年", Period::Year, Lang::Zh),
];

/// Whole period words that may follow an amount (besides `/unit` and `per unit`).
const PERIOD_AFTER: &[(&str, Period, Lang)] = &[
    ("a day", Period::Day, Lang::Any),
    ("each day", Period::Day, Lang::Any),
    ("every day", Period::Day, Lang::Any),
    ("daily", Period::Day, Lang::Any),
    ("a week", Period::Week, Lang::Any),
    ("each week", Period::Week, Lang::Any),
    ("every week", Period::Week, Lang::Any),
    ("weekly", Period::Week, Lang::Any),
    ("an hour", Period::Hour, Lang::Any),
    ("each hour", Period::Hour, Lang::Any),
    ("hourly", Period::Hour, Lang::Any),
    ("a month", Period::Month, Lang::Any),
    ("each month", Period::Month, Lang::Any),
    ("every month", Period::Month, Lang::Any),
    ("monthly", Period::Month, Lang::Any),
    ("p.m.", Period::Month, Lang::Any),
    ("p.m", Period::Month, Lang::Any),
    ("a year", Period::Year, Lang::Any),
    ("yearly", Period::Year, Lang::Any),
    ("annually", Period::Year, Lang::Any),
    ("per annum", Period::Year, Lang::Any),
    ("p.a.", Period::Year, Lang::Any),
    ("mỗi ngày", Period::Day, Lang::Vi),
    ("một ngày", Period::Day, Lang::Vi),
    ("1 ngày", Period::Day, Lang::Vi),
    ("mỗi tháng", Period::Month, Lang::Vi),
    ("một tháng", Period::Month, Lang::Vi),
    ("mỗi giờ", Period::Hour, Lang::Vi),
    ("mỗi tuần", Period::Week, Lang::Vi),
    ("sehari", Period::Day, Lang::Id),
    ("perhari", Period::Day, Lang::Id),
    ("tiap hari", Period::Day, Lang::Id),
    ("setiap hari", Period::Day, Lang::Id),
    ("sebulan", Period::Month, Lang::Id),
    ("perbulan", Period::Month, Lang::Id),
    ("setiap bulan", Period::Month, Lang::Id),
    ("sejam", Period::Hour, Lang::Id),
    ("perjam", Period::Hour, Lang::Id),
    ("seminggu", Period::Week, Lang::Id),
    ("perminggu", Period::Week, Lang::Id),
    ("ต่อวัน", Period::Day, Lang::Th),
    ("ต่อเดือน", Period::Month, Lang::Th),
    ("ต่อชั่วโมง", Period::Hour, Lang::Th),
    ("ต่อสัปดาห์", Period::Week, Lang::Th),
    ("kada araw", Period::Day, Lang::Tl),
    ("bawat araw", Period::Day, Lang::Tl),
    ("isang araw", Period::Day, Lang::Tl),
    ("sa isang araw", Period::Day, Lang::Tl),
    ("araw-araw", Period::Day, Lang::Tl),
    ("kada buwan", Period::Month, Lang::Tl),
    ("bawat buwan", Period::Month, Lang::Tl),
    ("kada oras", Period::Hour, Lang::Tl),
    ("kada linggo", Period::Week, Lang::Tl),
    ("roz", Period::Day, Lang::Hi),
    ("rozana", Period::Day, Lang::Hi),
    ("per din", Period::Day, Lang::Hi),
    ("प्रतिदिन", Period::Day, Lang::Hi),
    ("प्रति दिन", Period::Day, Lang::Hi),
    ("रोज़ाना", Period::Day, Lang::Hi),
    ("रोजाना", Period::Day, Lang::Hi),
    ("प्रति माह", Period::Month, Lang::Hi),
    ("महीना", Period::Month, Lang::Hi),
    ("в день", Period::Day, Lang::Ru),
    ("в сутки", Period::Day, Lang::Ru),
    ("ежедневно", Period::Day, Lang::Ru),
    ("в месяц", Period::Month, Lang::Ru),
    ("ежемесячно", Period::Month, Lang::Ru),
    ("в час", Period::Hour, Lang::Ru),
    ("в неделю", Period::Week, Lang::Ru),
    ("в год", Period::Year, Lang::Ru),
    ("每天", Period::Day, Lang::Zh),
    ("每日", Period::Day, Lang::Zh),
    ("一天", Period::Day, Lang::Zh),
    // Bare units right after an amount ("300元天", "5000元月"): Chinese writes no space or slash.
    ("天", Period::Day, Lang::Zh),
    ("日", Period::Day, Lang::Zh),
    ("月", Period::Month, Lang::Zh),
    ("周", Period::Week, Lang::Zh),
    ("小时", Period::Hour, Lang::Zh),
    ("每月", Period::Month, Lang::Zh),
    ("一个月", Period::Month, Lang::Zh),
    ("每周", Period::Week, Lang::Zh),
    ("一周", Period::Week, Lang::Zh),
    ("每小时", Period::Hour, Lang::Zh),
    ("一小时", Period::Hour, Lang::Zh),
    ("每年", Period::Year, Lang::Zh),
];

/// Period words that may stand before an amount, a few words away ("daily income 800 ribu").
const PERIOD_BEFORE: &[(&str, Period, Lang)] = &[
    ("daily", Period::Day, Lang::Any),
    ("per day", Period::Day, Lang::Any),
    ("a day", Period::Day, Lang::Any),
    ("each day", Period::Day, Lang::Any),
    ("every day", Period::Day, Lang::Any),
    ("hourly", Period::Hour, Lang::Any),
    ("per hour", Period::Hour, Lang::Any),
    ("weekly", Period::Week, Lang::Any),
    ("per week", Period::Week, Lang::Any),
    ("monthly", Period::Month, Lang::Any),
    ("per month", Period::Month, Lang::Any),
    ("yearly", Period::Year, Lang::Any),
    ("annual", Period::Year, Lang::Any),
    ("mỗi ngày", Period::Day, Lang::Vi),
    ("mỗi tháng", Period::Month, Lang::Vi),
    // Bare ngày/tháng/giờ fold to ngay/thang/gio, which are also "at once", "win", "now": only with a
    // word that makes them a pay period.
    ("lương ngày", Period::Day, Lang::Vi),
    ("lương tháng", Period::Month, Lang::Vi),
    ("lương giờ", Period::Hour, Lang::Vi),
    ("lương tuần", Period::Week, Lang::Vi),
    ("thu nhập ngày", Period::Day, Lang::Vi),
    ("thu nhập tháng", Period::Month, Lang::Vi),
    ("sehari", Period::Day, Lang::Id),
    ("per hari", Period::Day, Lang::Id),
    ("perhari", Period::Day, Lang::Id),
    ("harian", Period::Day, Lang::Id),
    ("setiap hari", Period::Day, Lang::Id),
    ("tiap hari", Period::Day, Lang::Id),
    ("sebulan", Period::Month, Lang::Id),
    ("per bulan", Period::Month, Lang::Id),
    ("bulanan", Period::Month, Lang::Id),
    ("per jam", Period::Hour, Lang::Id),
    ("mingguan", Period::Week, Lang::Id),
    ("วันละ", Period::Day, Lang::Th),
    ("ต่อวัน", Period::Day, Lang::Th),
    ("รายวัน", Period::Day, Lang::Th),
    ("เดือนละ", Period::Month, Lang::Th),
    ("ต่อเดือน", Period::Month, Lang::Th),
    ("รายเดือน", Period::Month, Lang::Th),
    ("ชั่วโมงละ", Period::Hour, Lang::Th),
    ("kada araw", Period::Day, Lang::Tl),
    ("bawat araw", Period::Day, Lang::Tl),
    ("araw-araw", Period::Day, Lang::Tl),
    ("kada buwan", Period::Month, Lang::Tl),
    ("buwanan", Period::Month, Lang::Tl),
    ("rozana", Period::Day, Lang::Hi),
    ("roz", Period::Day, Lang::Hi),
    ("प्रतिदिन", Period::Day, Lang::Hi),
    ("रोज़ाना", Period::Day, Lang::Hi),
    ("रोजाना", Period::Day, Lang::Hi),
    ("हर दिन", Period::Day, Lang::Hi),
    ("प्रति माह", Period::Month, Lang::Hi),
    ("मासिक", Period::Month, Lang::Hi),
    ("в день", Period::Day, Lang::Ru),
    ("ежедневно", Period::Day, Lang::Ru),
    ("в месяц", Period::Month, Lang::Ru),
    ("ежемесячно", Period::Month, Lang::Ru),
    ("每天", Period::Day, Lang::Zh),
    ("每日", Period::Day, Lang::Zh),
    ("日赚", Period::Day, Lang::Zh),
    ("日收益", Period::Day, Lang::Zh),
    ("日息", Period::Day, Lang::Zh),
    ("日利", Period::Day, Lang::Zh),
    ("月收益", Period::Month, Lang::Zh),
    ("月息", Period::Month, Lang::Zh),
    ("周收益", Period::Week, Lang::Zh),
    ("年化", Period::Year, Lang::Zh),
    ("日入", Period::Day, Lang::Zh),
    ("日薪", Period::Day, Lang::Zh),
    ("日结", Period::Day, Lang::Zh),
    ("一天", Period::Day, Lang::Zh),
    ("天赚", Period::Day, Lang::Zh),
    ("每月", Period::Month, Lang::Zh),
    ("月薪", Period::Month, Lang::Zh),
    ("月入", Period::Month, Lang::Zh),
    ("月赚", Period::Month, Lang::Zh),
    ("每周", Period::Week, Lang::Zh),
    ("周薪", Period::Week, Lang::Zh),
    ("每小时", Period::Hour, Lang::Zh),
    ("时薪", Period::Hour, Lang::Zh),
    ("年薪", Period::Year, Lang::Zh),
];

const RANGE_SEPS: &[&str] = &[
    "-",
    "–",
    "—",
    "~",
    "to",
    "đến",
    "tới",
    "sampai",
    "hingga",
    "sd",
    "s/d",
    "до",
    "至",
    "到",
    "ถึง",
    "hanggang",
];

/// Words that mark a text as Vietnamese or Indonesian, for a bare `k` (rule 3 of the module doc).
const CUES: &[(&str, Lang)] = &[
    ("lương", Lang::Vi),
    ("giá", Lang::Vi),
    ("kiếm", Lang::Vi),
    ("thu nhập", Lang::Vi),
    ("việc", Lang::Vi),
    ("tuyển", Lang::Vi),
    ("không", Lang::Vi),
    ("được", Lang::Vi),
    ("nhận", Lang::Vi),
    ("chỉ", Lang::Vi),
    ("của", Lang::Vi),
    ("ngày", Lang::Vi),
    ("tháng", Lang::Vi),
    ("gaji", Lang::Id),
    ("harga", Lang::Id),
    ("kerja", Lang::Id),
    ("dapat", Lang::Id),
    ("yang", Lang::Id),
    ("untuk", Lang::Id),
    ("dengan", Lang::Id),
    ("bisa", Lang::Id),
    ("hari", Lang::Id),
    ("bulan", Lang::Id),
    ("penghasilan", Lang::Id),
];

/// The compiled lexicon: forward words after a number, reversed words before it, cue words.
struct Lexicon {
    fwd: AhoCorasick,
    fwd_tok: Vec<(Tok, Side)>,
    fwd_alnum_end: Vec<bool>,
    rev_cur: AhoCorasick,
    rev_cur_tok: Vec<(&'static str, bool)>,
    rev_per: AhoCorasick,
    rev_per_tok: Vec<(Period, Lang, bool)>,
    cues: AhoCorasick,
    cue_lang: Vec<Lang>,
}

/// True for chars of scripts written with spaces between words: a word of theirs needs a boundary.
pub(crate) fn is_spaced_letter(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// Scripts written without spaces between words (CJK, Thai, Lao, Khmer, Myanmar, kana, hangul is spaced).
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Anchored lookups run a few times per number: a DFA (a table lookup per byte) keeps them cheap.
fn build_ac(patterns: &[Vec<u8>]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(patterns)
        .expect("the money lexicon is small and fixed")
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut fwd: Vec<(String, Tok, Side)> = Vec::new();
    let mut rev_cur: Vec<(String, &'static str)> = Vec::new();
    for &(code, words) in CURRENCIES {
        for &w in words {
            let f = fold(w);
            let single = f.len() == 1 && f.as_bytes()[0].is_ascii_alphabetic();
            let side = if single { Side::Glued } else { Side::Both };
            fwd.push((f.clone(), Tok::Cur(code), side));
            if side != Side::Glued && side != Side::After {
                rev_cur.push((f, code));
            }
        }
    }
    // Chinese ads write USDT as a glued "U": 500U.
    fwd.push(("u".into(), Tok::Cur("USDT"), Side::Glued));
    for &(w, factor, home) in MULTIPLIERS {
        fwd.push((fold(w), Tok::Mult(factor, home), Side::After));
    }
    for w in ["k", "m"] {
        let factor = if w == "k" { 1e3 } else { 1e6 };
        fwd.push((w.into(), Tok::Mult(factor, None), Side::Glued));
    }
    for &(u, p, l) in UNITS {
        let u = fold(u);
        for pat in [format!("/{u}"), format!("/ {u}"), format!("per {u}")] {
            fwd.push((pat, Tok::Period(p, l), Side::After));
        }
    }
    for &(w, p, l) in PERIOD_AFTER {
        fwd.push((fold(w), Tok::Period(p, l), Side::After));
    }
    for &w in RANGE_SEPS {
        fwd.push((fold(w), Tok::RangeSep, Side::After));
    }
    fwd.retain(|(w, _, _)| !w.is_empty());
    let fwd_alnum_end = fwd
        .iter()
        .map(|(w, _, _)| w.chars().next_back().is_some_and(is_spaced_letter))
        .collect();
    let fwd_ac = build_ac(
        &fwd.iter()
            .map(|(w, _, _)| w.as_bytes().to_vec())
            .collect::<Vec<_>>(),
    );
    let fwd_tok = fwd.iter().map(|&(_, t, s)| (t, s)).collect();

    let rev = |w: &str| w.as_bytes().iter().rev().copied().collect::<Vec<u8>>();
    let alnum_start = |w: &str| w.chars().next().is_some_and(is_spaced_letter);
    rev_cur.retain(|(w, _)| !w.is_empty());
    let rev_cur_ac = build_ac(&rev_cur.iter().map(|(w, _)| rev(w)).collect::<Vec<_>>());
    let rev_cur_tok = rev_cur.iter().map(|(w, c)| (*c, alnum_start(w))).collect();
    let per: Vec<(String, Period, Lang)> = PERIOD_BEFORE
        .iter()
        .map(|&(w, p, l)| (fold(w), p, l))
        .filter(|(w, _, _)| !w.is_empty())
        .collect();
    let rev_per_ac = build_ac(&per.iter().map(|(w, _, _)| rev(w)).collect::<Vec<_>>());
    let rev_per_tok = per
        .iter()
        .map(|(w, p, l)| (*p, *l, alnum_start(w)))
        .collect();
    let cues: Vec<(String, Lang)> = CUES.iter().map(|&(w, l)| (fold(w), l)).collect();
    let cues_ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(cues.iter().map(|(w, _)| w.as_bytes()))
        .expect("the cue list is small and fixed");
    Lexicon {
        fwd: fwd_ac,
        fwd_tok,
        fwd_alnum_end,
        rev_cur: rev_cur_ac,
        rev_cur_tok,
        rev_per: rev_per_ac,
        rev_per_tok,
        cues: cues_ac,
        cue_lang: cues.iter().map(|(_, l)| *l).collect(),
    }
});

pub(crate) fn char_before(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|p| p.chars().next_back())
}

pub(crate) fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|p| p.chars().next())
}

/// The longest forward lexicon word starting at `at`, with a word boundary after it when it ends in a
/// letter of a spaced script.
fn fwd_word(s: &str, at: usize) -> Option<(Tok, Side, usize)> {
    let lex = &*LEX;
    let m = lex
        .fwd
        .find(Input::new(s).range(at..).anchored(Anchored::Yes))?;
    let id = m.pattern().as_usize();
    let next = char_at(s, m.end());
    let glued_digit =
        next.is_some_and(|c| c.is_ascii_digit()) && matches!(lex.fwd_tok[id].0, Tok::Cur(_));
    if lex.fwd_alnum_end[id] && next.is_some_and(char::is_alphanumeric) && !glued_digit {
        // "tr5" is 1tr5 = 1.5 million: the caller reads the digit.
        let (tok, _) = lex.fwd_tok[id];
        let tr_digit = matches!(tok, Tok::Mult(f, Some("VND")) if f == 1e6)
            && s.as_bytes().get(m.end()).is_some_and(u8::is_ascii_digit);
        if !tr_digit {
            return None;
        }
    }
    let (tok, side) = lex.fwd_tok[id];
    Some((tok, side, m.end()))
}

/// Bytes before `at` reversed into `buf` (at most its length): the input of the reversed automata.
fn reversed_window<'b>(s: &str, at: usize, buf: &'b mut [u8; 48]) -> &'b [u8] {
    let b = s.as_bytes();
    let lo = at.saturating_sub(buf.len());
    let n = at - lo;
    for (i, &c) in b[lo..at].iter().rev().enumerate() {
        buf[i] = c;
    }
    &buf[..n]
}

/// The longest currency word ending at `at` (with a boundary before it): (code, start).
fn currency_before(s: &str, at: usize) -> Option<(&'static str, usize)> {
    let lex = &*LEX;
    let mut buf = [0u8; 48];
    let w = reversed_window(s, at, &mut buf);
    let m = lex.rev_cur.find(Input::new(w).anchored(Anchored::Yes))?;
    let start = at - m.end();
    let (code, alnum) = lex.rev_cur_tok[m.pattern().as_usize()];
    if !s.is_char_boundary(start)
        || (alnum && char_before(s, start).is_some_and(char::is_alphanumeric))
    {
        return None;
    }
    Some((code, start))
}

/// The longest period word ending at `p`, with a boundary before it.
fn period_word_ending(s: &str, p: usize) -> Option<(Period, Lang, usize)> {
    let lex = &*LEX;
    let mut buf = [0u8; 48];
    let w = reversed_window(s, p, &mut buf);
    let m = lex.rev_per.find(Input::new(w).anchored(Anchored::Yes))?;
    let start = p - m.end();
    let (per, lang, alnum) = lex.rev_per_tok[m.pattern().as_usize()];
    if !s.is_char_boundary(start)
        || (alnum && char_before(s, start).is_some_and(char::is_alphanumeric))
    {
        return None;
    }
    Some((per, lang, start))
}

/// A period word at most three words before `at`, in the same clause, and not itself a duration
/// ("3 ngày 500k" is 500k for three days).
fn period_before(s: &str, at: usize) -> Option<(Period, Lang)> {
    let b = s.as_bytes();
    let limit = at.saturating_sub(48);
    let mut p = at;
    let mut words = 0;
    loop {
        while p > limit && b[p - 1] == b' ' {
            p -= 1;
        }
        if p <= limit {
            return None;
        }
        if let Some((per, lang, start)) = period_word_ending(s, p) {
            let before = s[..start].trim_end_matches(' ');
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            return Some((per, lang));
        }
        if words == 3 {
            return None;
        }
        words += 1;
        // Step back one word (one char of an unspaced script); digits and punctuation end the clause.
        let c = char_before(s, p)?;
        if is_unspaced(c) {
            p -= c.len_utf8();
            continue;
        }
        if !c.is_alphabetic() {
            return None;
        }
        while let Some(c) = char_before(s, p) {
            if p <= limit || !c.is_alphabetic() || is_unspaced(c) {
                break;
            }
            p -= c.len_utf8();
        }
    }
}

/// A number read from the text: its span, value and whether it had thousands groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// True when the literal is an integer (no decimal part): `1tr5` reads a digit after `tr` only then.
    pub integer: bool,
}

/// Reads the number whose first digit is at `start` (the byte before is not a digit). `Err(end)` gives
/// the end of a digit run that is not an amount (a version, a date, a phone-like run), to skip.
pub(crate) fn read_number(s: &str, start: usize) -> Result<Number, usize> {
    let b = s.as_bytes();
    let digits_from = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    // Groups of digits and the separator before each (0 for the first).
    let mut groups: [(u8, usize, usize); 8] = [(0, 0, 0); 8];
    let mut n = 0;
    let mut i = start;
    loop {
        let len = digits_from(i);
        groups[n].1 = i;
        groups[n].2 = len;
        n += 1;
        i += len;
        let Some(&sep) = b.get(i) else { break };
        if !matches!(sep, b',' | b'.' | b' ') || !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            break;
        }
        if sep == b' ' {
            // A space groups thousands only before exactly three digits and after at most three.
            let next = digits_from(i + 1);
            let prev_ok = if n == 1 {
                groups[0].2 <= 3
            } else {
                groups[n - 1].2 == 3
            };
            if next != 3 || !prev_ok {
                break;
            }
        }
        if n == groups.len() {
            // More groups than any amount has (an IP, a serial): skip the run.
            return Err(i + 1 + digits_from(i + 1));
        }
        groups[n].0 = sep;
        i += 1;
    }
    let end = i;
    let total: usize = groups[..n].iter().map(|g| g.2).sum();
    if total > 15 {
        return Err(end);
    }
    let first = &s[groups[0].1..groups[0].1 + groups[0].2];
    // Phone-like: a leading zero on a multi-digit integer part.
    if first.len() > 1 && first.starts_with('0') {
        return Err(end);
    }
    // Western groups of three, or Indian lakh groups of two then a last three (with ',').
    let grouped = |gs: &[(u8, usize, usize)]| {
        let same = gs.iter().all(|g| g.0 == gs[0].0);
        let three = gs.iter().all(|g| g.2 == 3);
        let indian = gs.len() >= 2
            && gs[..gs.len() - 1].iter().all(|g| g.2 == 2 && g.0 == b',')
            && gs[gs.len() - 1].2 == 3;
        same && (three || indian)
    };
    let groups = &groups[..n];
    // At most 15 digits (checked above): exact in a u64 and in an f64.
    let fold_digits = |gs: &[(u8, usize, usize)]| {
        gs.iter()
            .flat_map(|g| b[g.1..g.1 + g.2].iter())
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'))
    };
    let value = if n == 1 {
        fold_digits(groups) as f64
    } else if groups[0].2 <= 3 && first != "0" && grouped(&groups[1..]) {
        // 1,500 / 1.500.000 / 1 500 / 1,00,000: all thousands.
        fold_digits(groups) as f64
    } else {
        // The last separator is the decimal point; the ones before it must group thousands with
        // another separator (1,500.50 / 1.500,50 / 1 500,50).
        let last = &groups[n - 1];
        let mid = &groups[1..n - 1];
        let mid_ok = mid.is_empty() || (groups[0].2 <= 3 && grouped(mid) && mid[0].0 != last.0);
        if last.0 == b' ' || !mid_ok {
            return Err(end);
        }
        let frac = fold_digits(std::slice::from_ref(last)) as f64 / 10f64.powi(last.2 as i32);
        fold_digits(&groups[..n - 1]) as f64 + frac
    };
    let integer = n == 1 || groups[0].2 <= 3 && first != "0" && grouped(&groups[1..]);
    Ok(Number {
        start,
        end,
        value,
        integer,
    })
}

/// Context that makes a digit run not an amount: inside a word or code, a time, a date, a phone number.
fn bad_left(s: &str, start: usize) -> bool {
    let b = s.as_bytes();
    let Some(&p) = start.checked_sub(1).and_then(|i| b.get(i)) else {
        return false;
    };
    let pp = start.checked_sub(2).and_then(|i| b.get(i)).copied();
    match p {
        b'#' | b'+' | b'@' | b'_' => true,
        b':' | b'/' | b'.' | b',' | b'-' => pp.is_some_and(|c| c.is_ascii_digit()),
        c if c.is_ascii_alphabetic() => currency_before(s, start).is_none(),
        _ => false,
    }
}

fn bad_right(s: &str, end: usize) -> bool {
    let b = s.as_bytes();
    match b.get(end) {
        Some(b'%') => true,
        Some(b':' | b'/') => b.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
}

/// What follows a number: multiplier, currency, period, in any order each at most once, and where it ends.
#[derive(Debug, Default, Clone, Copy)]
struct After {
    mult: Option<(f64, Option<&'static str>)>,
    cur: Option<&'static str>,
    period: Option<(Period, Lang)>,
    end: usize,
    /// End of the range separator when one follows.
    range_sep: Option<usize>,
    /// Tenths read after `tr` (1tr5 = 1.5 million), added to the number before the multiplier.
    extra: f64,
    /// The currency was a single glued letter (`500d`, `500u`).
    cur_letter: bool,
}

fn read_after(s: &str, num: &Number) -> After {
    let b = s.as_bytes();
    let mut a = After {
        end: num.end,
        ..After::default()
    };
    let mut value_extra = None;
    for _ in 0..4 {
        let spaced = b.get(a.end) == Some(&b' ');
        let at = a.end + usize::from(spaced);
        let Some((tok, side, end)) = fwd_word(s, at) else {
            break;
        };
        // Single letters touch the number or its multiplier; a spaced đ (`500.000 đ`) is also read.
        if side == Side::Glued && spaced && tok != Tok::Cur("VND") {
            break;
        }
        match tok {
            Tok::Mult(f, home) if a.mult.is_none() && a.cur.is_none() && a.period.is_none() => {
                a.mult = Some((f, home));
                a.end = end;
                // 1tr5: a digit after "tr" is tenths of a million.
                if home == Some("VND") && f == 1e6 && num.integer {
                    let d = b[end..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if (1..=3).contains(&d)
                        && !b.get(end + d).is_some_and(u8::is_ascii_alphanumeric)
                    {
                        let frac: f64 = s[end..end + d].parse().unwrap_or(0.0);
                        value_extra = Some(frac / 10f64.powi(d as i32));
                        a.end = end + d;
                    }
                }
            }
            Tok::Cur(c) if a.cur.is_none() && a.period.is_none() => {
                a.cur = Some(c);
                a.cur_letter = side == Side::Glued;
                a.end = end;
            }
            Tok::Period(p, l) if a.period.is_none() => {
                a.period = Some((p, l));
                a.end = end;
            }
            Tok::RangeSep if a.range_sep.is_none() && a.period.is_none() => {
                a.range_sep = Some(end);
                break;
            }
            _ => break,
        }
    }
    a.extra = value_extra.unwrap_or(0.0);
    a
}

/// Lazily computed language cue of the whole text (rule 3 of the module doc).
fn text_cue(s: &str, cache: &mut Option<Option<&'static str>>) -> Option<&'static str> {
    *cache.get_or_insert_with(|| {
        let lex = &*LEX;
        let (mut vi, mut id) = (0u32, 0u32);
        for m in lex.cues.find_iter(s) {
            let alnum_ok = !char_before(s, m.start()).is_some_and(char::is_alphanumeric)
                && !char_at(s, m.end()).is_some_and(char::is_alphanumeric);
            if alnum_ok {
                match lex.cue_lang[m.pattern().as_usize()] {
                    Lang::Vi => vi += 1,
                    Lang::Id => id += 1,
                    _ => {}
                }
            }
        }
        match vi.cmp(&id) {
            std::cmp::Ordering::Greater => Some("VND"),
            std::cmp::Ordering::Less => Some("IDR"),
            std::cmp::Ordering::Equal => None,
        }
    })
}

/// A period word right after `at` (one space allowed): the period and where its word ends.
pub(crate) fn period_after(s: &str, at: usize) -> Option<(Period, usize)> {
    let at = at + usize::from(s.as_bytes().get(at) == Some(&b' '));
    match fwd_word(s, at) {
        Some((Tok::Period(p, _), _, end)) => Some((p, end)),
        _ => None,
    }
}

/// A period word at most three words before `at`, in the same clause (as for amounts).
pub(crate) fn period_before_at(s: &str, at: usize) -> Option<Period> {
    period_before(s, at).map(|p| p.0)
}

/// A number with its multiplier but no currency ("1000", "45k", "5tr"), as testimonials quote them:
/// (value, end), or None when the digits at `start` are not an amount (a time, a percentage, …).
pub(crate) fn bare_amount(s: &str, start: usize) -> Option<(f64, usize)> {
    let num = read_number(s, start).ok()?;
    if bad_left(s, start) || bad_right(s, num.end) {
        return None;
    }
    let a = read_after(s, &num);
    let value = (num.value + a.extra) * a.mult.map_or(1.0, |m| m.0);
    let end = if a.mult.is_some() && a.cur.is_none() && a.period.is_none() {
        a.end
    } else {
        num.end
    };
    value.is_finite().then_some((value, end))
}

/// True when `b` holds an ASCII digit. Branch-free per 32-byte block so that it vectorises: the
/// pre-check that lets most texts skip entity work costs a few ns.
pub(crate) fn has_ascii_digit(b: &[u8]) -> bool {
    b.chunks(32).any(chunk_has_digit)
}

/// A branch-free fold the compiler vectorises: skipping 32 digit-free bytes costs a few instructions.
fn chunk_has_digit(c: &[u8]) -> bool {
    c.iter()
        .fold(0u8, |acc, &x| acc | u8::from(x.wrapping_sub(b'0') < 10))
        != 0
}

/// The index of the first ASCII digit of `b` at `from` or later. Prose has few digits, so whole
/// digit-free chunks are skipped before the byte search.
pub(crate) fn next_ascii_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        let end = (i + 32).min(b.len());
        if chunk_has_digit(&b[i..end]) {
            return b[i..end].iter().position(u8::is_ascii_digit).map(|o| i + o);
        }
        i = end;
    }
    None
}

/// The number of ASCII digits of `b`, counted up to `limit` (the count stops early once reached).
pub(crate) fn ascii_digits_up_to(b: &[u8], limit: usize) -> usize {
    let mut n = 0;
    for c in b.chunks(32) {
        // A sum of 0/1 bytes over at most 32 bytes cannot overflow a u8.
        n += usize::from(
            c.iter()
                .fold(0u8, |acc, &x| acc + u8::from(x.wrapping_sub(b'0') < 10)),
        );
        if n >= limit {
            break;
        }
    }
    n
}

/// Appends the money amounts of `norm` (normalised text) to `out`, in text order, at most
/// [`MAX_MATCHES`] in all.
pub(crate) fn find_money(norm: &str, out: &mut Vec<MoneyMatch>) {
    let b = norm.as_bytes();
    // Most texts have no digit at all: one vectorised scan and out.
    if !has_ascii_digit(b) {
        return;
    }
    let mut cue = None;
    let mut found = 0;
    let mut prev_end = 0;
    let mut i = 0;
    while i < b.len() && found < MAX_MATCHES {
        let Some(start) = next_ascii_digit(b, i) else {
            break;
        };
        match money_at(norm, start, prev_end, &mut cue) {
            Ok(m) => {
                prev_end = m.end;
                i = m.end.max(start + 1);
                out.push(m);
                found += 1;
            }
            Err(skip) => i = skip.max(start + 1),
        }
    }
}

/// The money amount whose number starts at `start` (its span starting at `floor` or later), or
/// `Err(where to resume)`.
fn money_at(
    s: &str,
    start: usize,
    floor: usize,
    cue: &mut Option<Option<&'static str>>,
) -> Result<MoneyMatch, usize> {
    let num = read_number(s, start)?;
    if bad_left(s, start) || bad_right(s, num.end) {
        return Err(num.end);
    }
    let b = s.as_bytes();
    let spaced_before = start > 0 && b[start - 1] == b' ';
    // A currency word the previous amount already took is not this one's ("500₹500").
    let before = currency_before(s, start - usize::from(spaced_before)).filter(|c| c.1 >= floor);
    let a = read_after(s, &num);
    let mut span_start = before.map_or(start, |(_, st)| st);
    let mut span_end = a.end;
    let mut amount = (num.value + a.extra) * a.mult.map_or(1.0, |m| m.0);
    let mut amount_max = None;
    let mut cur = before.map(|c| c.0).or(a.cur);
    let mut mult = a.mult;
    let mut home = a.mult.and_then(|m| m.1);
    let mut period = a.period;
    // A range: a second amount right after a separator.
    if let Some(sep_end) = a.range_sep {
        let at = sep_end + usize::from(b.get(sep_end) == Some(&b' '));
        let (cur2_before, num_at) = match fwd_word(s, at) {
            Some((Tok::Cur(c), Side::Both, e)) => {
                (Some(c), e + usize::from(b.get(e) == Some(&b' ')))
            }
            _ => (None, at),
        };
        if b.get(num_at).is_some_and(u8::is_ascii_digit) {
            if let Ok(n2) = read_number(s, num_at) {
                if !bad_right(s, n2.end) {
                    let a2 = read_after(s, &n2);
                    let mult2 = a2.mult.or(mult);
                    let max = (n2.value + a2.extra) * mult2.map_or(1.0, |m| m.0);
                    let mult1 = mult.or(a2.mult);
                    let min = (num.value + a.extra) * mult1.map_or(1.0, |m| m.0);
                    let cur2 = cur2_before.or(a2.cur);
                    // "2024 - $67,015": a leading currency of the upper end is not lent to a bare lower end.
                    let compatible = if cur.is_none() {
                        cur2_before.is_none()
                    } else {
                        cur2.is_none() || cur == cur2
                    };
                    if min <= max && compatible {
                        amount = min;
                        amount_max = Some(max);
                        cur = cur.or(cur2);
                        mult = mult1;
                        home = home.or(a2.mult.and_then(|m| m.1));
                        period = period.or(a2.period);
                        span_end = a2.end;
                    }
                }
            }
        }
    }
    // A bare number (no currency, no multiplier) is not money: out before the backward period search,
    // the costliest step, so that OTPs, counts and phone numbers stay cheap.
    if cur.is_none() && mult.is_none() {
        return Err(num.end);
    }
    if period.is_none() {
        period = period_before(s, span_start);
    }
    let cur = cur.or(home).or_else(|| {
        // A shared multiplier (k, million) names no country: a period word or the text's cue words.
        mult?;
        period
            .and_then(|p| p.1.currency())
            .or_else(|| text_cue(s, cue))
    });
    let Some(cur) = cur else {
        return Err(num.end);
    };
    // A single-letter currency is read only on real amounts: "3d" is three days, "2u" a size.
    if a.cur_letter && before.is_none() && amount_max.unwrap_or(amount) < 1000.0 && cur == "VND" {
        return Err(num.end);
    }
    if !amount.is_finite() || amount < 0.0 || amount_max.is_some_and(|m| !m.is_finite()) {
        return Err(num.end);
    }
    // Trim a trailing space the span may not keep.
    while span_end > span_start && b[span_end - 1] == b' ' {
        span_end -= 1;
    }
    span_start = span_start.min(start);
    Ok(MoneyMatch {
        start: span_start,
        end: span_end,
        amount,
        amount_max,
        currency: cur,
        period: period.map(|p| p.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn digit_scans_agree_with_a_byte_loop() {
        // Digits before, on and after the 32-byte chunk edges, and texts without any.
        let mut texts: Vec<String> = vec![String::new(), "no digits at all".repeat(9)];
        for at in [0, 1, 30, 31, 32, 33, 63, 64, 65, 100] {
            for run in [1, 7, 8, 9, 40] {
                texts.push(format!(
                    "{}{}{}",
                    "é".repeat(at / 2),
                    "5".repeat(run),
                    "x".repeat(at)
                ));
                texts.push(format!("{}{} 1 2", "a".repeat(at), "0".repeat(run)));
            }
        }
        for t in &texts {
            let b = t.as_bytes();
            for from in [0, 1, 31, 32, 33, b.len()] {
                let want = (from..b.len()).find(|&i| b[i].is_ascii_digit());
                assert_eq!(next_ascii_digit(b, from), want, "{t:?} from {from}");
            }
            let total = b.iter().filter(|c| c.is_ascii_digit()).count();
            for limit in [1, 8, 1000] {
                let got = ascii_digits_up_to(b, limit);
                assert_eq!(got.min(limit), total.min(limit), "{t:?} limit {limit}");
                assert!(got <= total, "{t:?}");
            }
        }
    }

    fn norm(text: &str) -> String {
        crate::Classifier::builtin().normalize(text)
    }

    /// Each match as `span text|amount|max|currency|period` ("-" for none): one string per match.
    fn render(text: &str) -> Vec<String> {
        let n = norm(text);
        let mut out = Vec::new();
        find_money(&n, &mut out);
        out.iter()
            .map(|m| {
                format!(
                    "{}|{}|{}|{}|{}",
                    &n[m.start..m.end],
                    m.amount,
                    m.amount_max.map_or("-".to_string(), |x| x.to_string()),
                    m.currency,
                    m.period.map_or("-", Period::as_str)
                )
            })
            .collect()
    }

    /// Input → every money match expected in it (span in the normalised text).
    const CASES: &[(&str, &[&str])] = &[
        // English, symbols and codes before and after
        (
            "Earn ₹8,000 per day typing",
            &["₹8,000 per day|8000|-|INR|day"],
        ),
        ("Earn $500/day, no experience", &["$500/day|500|-|USD|day"]),
        ("salary US$300 a week", &["us$300 a week|300|-|USD|week"]),
        (
            "pay 1,500 USD monthly",
            &["1,500 usd monthly|1500|-|USD|month"],
        ),
        ("earn daily $500", &["$500|500|-|USD|day"]),
        ("$20/hr remote", &["$20/hr|20|-|USD|hour"]),
        ("$25 an hour", &["$25 an hour|25|-|USD|hour"]),
        ("up to $5k per month", &["$5k per month|5000|-|USD|month"]),
        ("$2m deal", &["$2m|2000000|-|USD|-"]),
        ("£2,500 p.m. plus bonus", &["£2,500 p.m.|2500|-|GBP|month"]),
        ("€1.500 im Monat", &["€1.500|1500|-|EUR|-"]),
        ("1.500,50 € total", &["1.500,50 €|1500.5|-|EUR|-"]),
        ("S$500 weekly", &["s$500 weekly|500|-|SGD|week"]),
        ("HK$ 200 each day", &["hk$ 200 each day|200|-|HKD|day"]),
        ("Rs. 1,500 per din", &["rs. 1,500 per din|1500|-|INR|day"]),
        ("₹2 lakh", &["₹2 lakh|200000|-|INR|-"]),
        (
            "earn 2 lakh monthly",
            &["2 lakh monthly|200000|-|INR|month"],
        ),
        ("1,00,000 rupees", &["1,00,000 rupees|100000|-|INR|-"]),
        ("₹500 rozana", &["₹500 rozana|500|-|INR|day"]),
        ("500 rs/din", &["500 rs/din|500|-|INR|day"]),
        ("1 crore", &["1 crore|10000000|-|INR|-"]),
        // Crypto
        ("deposit 500 USDT today", &["500 usdt|500|-|USDT|-"]),
        ("5OO USDT", &["500 usdt|500|-|USDT|-"]),
        ("日赚500U", &["500u|500|-|USDT|day"]),
        // Malaysian, Indonesian
        (
            "gaji RM3,000 sebulan",
            &["rm3,000 sebulan|3000|-|MYR|month"],
        ),
        ("RM50 sehari", &["rm50 sehari|50|-|MYR|day"]),
        (
            "gaji Rp 5 juta/bulan",
            &["rp 5 juta/bulan|5000000|-|IDR|month"],
        ),
        ("800 ribu/hari", &["800 ribu/hari|800000|-|IDR|day"]),
        ("daily income 800 ribu", &["800 ribu|800000|-|IDR|day"]),
        ("5 juta", &["5 juta|5000000|-|IDR|-"]),
        (
            "5-10jt per bulan",
            &["5-10jt per bulan|5000000|10000000|IDR|month"],
        ),
        (
            "Rp 800.000 per hari",
            &["rp 800.000 per hari|800000|-|IDR|day"],
        ),
        ("800k/hari", &["800k/hari|800000|-|IDR|day"]),
        // Vietnamese
        ("Lương 500k/ngày", &["500k/ngay|500000|-|VND|day"]),
        ("lương ngày 500k", &["500k|500000|-|VND|day"]),
        ("tặng ngay 2400đ", &["2400d|2400|-|VND|-"]),
        ("nhận 500k ngay", &["500k|500000|-|VND|-"]),
        ("lương tháng 15tr", &["15tr|15000000|-|VND|month"]),
        (
            "thu nhập 1tr5 mỗi ngày",
            &["1tr5 moi ngay|1500000|-|VND|day"],
        ),
        ("500k-1tr/ngày", &["500k-1tr/ngay|500000|1000000|VND|day"]),
        (
            "từ 500k đến 1 triệu",
            &["500k den 1 trieu|500000|1000000|VND|-"],
        ),
        ("1.500.000đ", &["1.500.000d|1500000|-|VND|-"]),
        ("500 nghìn đồng", &["500 nghin dong|500000|-|VND|-"]),
        ("giá 150k", &["150k|150000|-|VND|-"]),
        ("VNĐ 500.000", &["vnd 500.000|500000|-|VND|-"]),
        // Chinese
        ("日赚500元", &["500元|500|-|CNY|day"]),
        ("每天300元", &["300元|300|-|CNY|day"]),
        ("300元/天", &["300元/天|300|-|CNY|day"]),
        ("月薪5000元", &["5000元|5000|-|CNY|month"]),
        ("50万", &["50万|500000|-|CNY|-"]),
        ("1.5万元", &["1.5万元|15000|-|CNY|-"]),
        ("人民币 300", &["人民币 300|300|-|CNY|-"]),
        ("８００ 元", &["800 元|800|-|CNY|-"]),
        ("500~1000元每天", &["500~1000元每天|500|1000|CNY|day"]),
        // Thai, Filipino
        ("วันละ 500 บาท", &["500 บาท|500|-|THB|day"]),
        ("5 หมื่นบาท/เดือน", &["5 หมื่นบาท/เดือน|50000|-|THB|month"]),
        ("รายได้ต่อวัน 1,000 บาท", &["1,000 บาท|1000|-|THB|day"]),
        ("฿500 ต่อวัน", &["฿500 ต่อวัน|500|-|THB|day"]),
        ("₱1,000 kada araw", &["₱1,000 kada araw|1000|-|PHP|day"]),
        ("500 pesos a day", &["500 pesos a day|500|-|PHP|day"]),
        // Russian (the fold makes Cyrillic a mixed skeleton; the lexicon is folded the same way)
        ("5000 рублей в день", &["5000 pyблeu b дehb|5000|-|RUB|day"]),
        ("50 000 ₽ в месяц", &["50 000 ₽ b mecяц|50000|-|RUB|month"]),
        ("от 5 тыс в день", &["5 tыc b дehb|5000|-|RUB|day"]),
        ("1,5 млн руб.", &["1,5 mлh pyб.|1500000|-|RUB|-"]),
        // Styled digits
        ("earn $𝟖𝟎𝟎/day", &["$800/day|800|-|USD|day"]),
        ("$５００ daily", &["$500 daily|500|-|USD|day"]),
        // Ranges in English
        ("$500-$1000/day", &["$500-$1000/day|500|1000|USD|day"]),
        (
            "$500 - 1,000 weekly",
            &["$500 - 1,000 weekly|500|1000|USD|week"],
        ),
        ("500 to 1000 usd", &["500 to 1000 usd|500|1000|USD|-"]),
        ("$1000-500", &["$1000|1000|-|USD|-"]),
        (
            "RM 3k-5k sebulan",
            &["rm 3k-5k sebulan|3000|5000|MYR|month"],
        ),
        (
            "₹15,000-₹25,000/month",
            &["₹15,000-₹25,000/month|15000|25000|INR|month"],
        ),
        ("Gaji 5-7 juta", &["5-7 juta|5000000|7000000|IDR|-"]),
        (
            "3.000.000 - 5.000.000 VND/tháng",
            &["3.000.000 - 5.000.000 vnd/thang|3000000|5000000|VND|month"],
        ),
        ("Salary: 1500$ monthly", &["1500$ monthly|1500|-|USD|month"]),
        (
            "USD 1,500.00/month",
            &["usd 1,500.00/month|1500|-|USD|month"],
        ),
        ("$1.5k a week", &["$1.5k a week|1500|-|USD|week"]),
        ("monthly income ₹50,000", &["₹50,000|50000|-|INR|month"]),
        ("5к руб в день", &["5k pyб b дehb|5000|-|RUB|day"]),
        ("20 USDT per hour", &["20 usdt per hour|20|-|USDT|hour"]),
        ("500k/tháng", &["500k/thang|500000|-|VND|month"]),
        // Several amounts
        (
            "deposit $100 get $1,000",
            &["$100|100|-|USD|-", "$1,000|1000|-|USD|-"],
        ),
        // A currency word between two numbers goes to the first (spans never overlap)
        ("500₹500", &["500₹|500|-|INR|-"]),
        // Shop prices are money without a period
        ("Ao thun 150k, giao hang", &[]),
        (
            "Sale: T-shirt $19.99, 2 for $30",
            &["$19.99|19.99|-|USD|-", "$30|30|-|USD|-"],
        ),
        (
            "Your order total is Rp 125.000",
            &["rp 125.000|125000|-|IDR|-"],
        ),
        // A duration is not a period
        ("$100 for 3 days", &["$100|100|-|USD|-"]),
        ("3 ngày 500k", &["500k|500000|-|VND|-"]),
        ("Work 3 days a week, earn $500", &["$500|500|-|USD|-"]),
        // Near misses: not money at all
        ("meet at 10:30 tomorrow", &[]),
        ("open 24/7", &[]),
        ("50% off everything", &[]),
        ("3 days", &[]),
        ("500/day", &[]),
        ("call 0812-345-678", &[]),
        ("call +84 912 345 678", &[]),
        ("order #12345 shipped", &[]),
        ("version 1.2.3 released", &[]),
        ("on 01.05.2024", &[]),
        ("on 2024-05-01", &[]),
        ("room 500", &[]),
        ("abc500k", &[]),
        ("4x4 truck", &[]),
        ("3d printer", &[]),
        ("5km away", &[]),
        ("thrs 500", &[]),
        ("5 min", &[]),
        ("$5 at 3 p.m.", &["$5|5|-|USD|-"]),
        ("in 2024 we paid $500", &["$500|500|-|USD|-"]),
        ("24h support, top 10", &[]),
        ("rs 0812345678", &[]),
        ("lãi 3%/ngày", &[]),
        ("", &[]),
        ("no digits here at all", &[]),
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

    /// Every period form, after an amount: `$500 <form>` (or the amount glued to a CJK form).
    #[test]
    fn periods_after() {
        use Period::*;
        let cases: &[(&str, Period)] = &[
            ("/day", Day),
            ("per day", Day),
            ("a day", Day),
            ("daily", Day),
            ("each day", Day),
            ("every day", Day),
            ("/hr", Hour),
            ("/h", Hour),
            ("per hour", Hour),
            ("an hour", Hour),
            ("hourly", Hour),
            ("weekly", Week),
            ("/week", Week),
            ("/wk", Week),
            ("a week", Week),
            ("monthly", Month),
            ("/month", Month),
            ("a month", Month),
            ("per month", Month),
            ("/mo", Month),
            ("p.m.", Month),
            ("per annum", Year),
            ("/year", Year),
            ("/yr", Year),
            ("yearly", Year),
            ("annually", Year),
            ("每天", Day),
            ("每日", Day),
            ("/天", Day),
            ("一天", Day),
            ("天", Day),
            ("日", Day),
            ("/日", Day),
            ("每月", Month),
            ("/月", Month),
            ("月", Month),
            ("每周", Week),
            ("周", Week),
            ("/小时", Hour),
            ("小时", Hour),
            ("每小时", Hour),
            ("/ngày", Day),
            ("mỗi ngày", Day),
            ("một ngày", Day),
            ("/tháng", Month),
            ("mỗi tháng", Month),
            ("/giờ", Hour),
            ("/tuần", Week),
            ("/hari", Day),
            ("per hari", Day),
            ("sehari", Day),
            ("/bulan", Month),
            ("per bulan", Month),
            ("sebulan", Month),
            ("/jam", Hour),
            ("per jam", Hour),
            ("/minggu", Week),
            ("seminggu", Week),
            ("/วัน", Day),
            ("ต่อวัน", Day),
            ("/เดือน", Month),
            ("ต่อเดือน", Month),
            ("/ชั่วโมง", Hour),
            ("kada araw", Day),
            ("/araw", Day),
            ("araw-araw", Day),
            ("kada buwan", Month),
            ("/buwan", Month),
            ("/oras", Hour),
            ("kada oras", Hour),
            ("/din", Day),
            ("per din", Day),
            ("roz", Day),
            ("rozana", Day),
            ("प्रतिदिन", Day),
            ("/महीना", Month),
            ("प्रति माह", Month),
            ("в день", Day),
            ("/день", Day),
            ("в сутки", Day),
            ("ежедневно", Day),
            ("в месяц", Month),
            ("/месяц", Month),
            ("в час", Hour),
            ("в неделю", Week),
            ("в год", Year),
        ];
        let mut failures = Vec::new();
        for &(form, want) in cases {
            let cjk = form.chars().next().is_some_and(is_unspaced);
            let text = if cjk {
                format!("500元{form}")
            } else {
                format!("$500 {form}")
            };
            let n = norm(&text);
            let mut out = Vec::new();
            find_money(&n, &mut out);
            let got = out.first().map(|m| (m.period, m.end == n.len()));
            if got != Some((Some(want), true)) {
                failures.push(format!("{text:?} → {n:?}: {out:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A period word before the amount, a few words away in the same clause.
    #[test]
    fn periods_before() {
        use Period::*;
        let cases: &[(&str, Option<Period>)] = &[
            ("daily income $800", Some(Day)),
            ("earn daily $500", Some(Day)),
            ("monthly salary of ₹50,000", Some(Month)),
            ("per hour you get $20", Some(Hour)),
            ("日赚500元", Some(Day)),
            ("每天收入300元", Some(Day)),
            ("日薪 800元", Some(Day)),
            ("月薪5000元", Some(Month)),
            ("时薪50元", Some(Hour)),
            ("lương ngày 500k", Some(Day)),
            ("lương tháng 15tr", Some(Month)),
            ("mỗi ngày kiếm 500k", Some(Day)),
            ("gaji harian Rp 150.000", Some(Day)),
            ("penghasilan per hari 800 ribu", Some(Day)),
            ("วันละ 500 บาท", Some(Day)),
            ("เดือนละ 15,000 บาท", Some(Month)),
            ("kada araw ₱1,000", Some(Day)),
            ("rozana ₹500 kamaye", Some(Day)),
            ("प्रतिदिन ₹800", Some(Day)),
            ("в день 5000 руб", Some(Day)),
            // not a period: another clause, a number between, a duration
            ("daily. Price $800", None),
            ("daily 3 items for $800", None),
            ("3 days $500", None),
            ("3 ngày 500k", None),
            ("today $500", None),
            ("tặng ngay 2400đ", None),
        ];
        let mut failures = Vec::new();
        for &(text, want) in cases {
            let mut out = Vec::new();
            find_money(&norm(text), &mut out);
            let got = out.first().map(|m| m.period);
            if got != Some(want) {
                failures.push(format!("{text:?}: {out:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn numbers() {
        // literal → value, or None when it is not an amount (the whole run)
        let cases: &[(&str, Option<f64>)] = &[
            ("1500", Some(1500.0)),
            ("1,500", Some(1500.0)),
            ("1.500", Some(1500.0)),
            ("1 500", Some(1500.0)),
            ("1,500,000", Some(1_500_000.0)),
            ("1.500.000", Some(1_500_000.0)),
            ("1,00,000", Some(100_000.0)),
            ("12.50", Some(12.5)),
            ("1,5", Some(1.5)),
            ("0.500", Some(0.5)),
            ("1234.567", Some(1234.567)),
            ("1,500.50", Some(1500.5)),
            ("1.500,50", Some(1500.5)),
            ("1 500,50", Some(1500.5)),
            ("1.2.3", None),
            ("01.05.2024", None),
            ("0812", None),
            ("1234567890123456", None),
            ("1.2.3.4.5.6.7.8.9", None),
            ("1,000,000,000,000,000,000", None),
        ];
        for &(lit, want) in cases {
            let got = read_number(lit, 0)
                .ok()
                .filter(|n| n.end == lit.len())
                .map(|n| n.value);
            assert_eq!(got, want, "{lit:?}");
        }
    }

    #[test]
    fn normaliser_makes_styled_digits_ascii() {
        for (styled, plain) in [
            ("𝟖𝟎𝟎", "800"),
            ("８００", "800"),
            ("𝟓𝟎𝟎𝟎", "5000"),
            ("５,０００", "5,000"),
        ] {
            assert_eq!(norm(styled), plain);
        }
    }

    #[test]
    fn output_is_capped() {
        let text = "$1 ".repeat(500);
        let mut out = Vec::new();
        find_money(&text, &mut out);
        assert_eq!(out.len(), MAX_MATCHES);
        // Pathological runs: separators and digits without end, symbols without numbers.
        for unit in ["1,", "1.", "1 000 ", "$", "$1-", "₹1 to ", "9", "1tr"] {
            check_invariants(&unit.repeat(20_000));
        }
    }

    #[test]
    fn period_names() {
        let all = [
            Period::Hour,
            Period::Day,
            Period::Week,
            Period::Month,
            Period::Year,
        ];
        let names: Vec<_> = all.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, ["hour", "day", "week", "month", "year"]);
        assert!(all.windows(2).all(|w| w[0].hours() < w[1].hours()));
    }

    fn check_invariants(n: &str) {
        let mut out = Vec::new();
        find_money(n, &mut out);
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
            assert!(m.amount.is_finite() && m.amount >= 0.0, "{m:?}");
            if let Some(max) = m.amount_max {
                assert!(max.is_finite() && max >= m.amount, "{m:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_unicode(text in "\\PC{0,80}") {
            check_invariants(&text);
            check_invariants(&norm(&text));
        }

        #[test]
        fn money_like_soup(parts in proptest::collection::vec(prop_oneof![
            Just("$"), Just("500"), Just("1,500"), Just("1.5"), Just(" "), Just("k"), Just("tr"), Just("元"),
            Just("/day"), Just("-"), Just("to "), Just("ngay"), Just("₹"), Just("บาท"), Just("万"), Just("d"),
            Just("u"), Just("rp "), Just("juta"), Just("."), Just(","), Just("0"), Just("в "), Just("%"),
        ], 0..64)) {
            check_invariants(&parts.concat());
        }
    }
}
