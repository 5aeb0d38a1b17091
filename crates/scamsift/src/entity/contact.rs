//! Contacts a scam asks its target to use: phone numbers, messaging links and handles (Telegram,
//! WhatsApp, LINE, WeChat, Zalo, Viber, Signal), e-mail addresses and URLs.
//!
//! Invariant: every match is a char-boundary span of the original text, in text order, at most
//! [`MAX_PER_KIND`] per [`ContactKind`], with a canonical `value` to block or act on. Texts without a
//! candidate byte (`@`, `x.y`, `://`, eight digits, an app name) cost a few memchr calls; the others run
//! one multi-pattern scan (regex-automata's meta regex, linear time) whose leftmost-first priority
//! settles overlaps (a `t.me` link before a bare domain, an e-mail before its domain, "WhatsApp +62…"
//! before the bare phone), then cheap checks on each match.
//!
//! Decisions a reviewer should know:
//! - **Phones** are 8–15 digits (any Unicode decimal digits: fullwidth, mathematical, Arabic-Indic…),
//!   with spaces, dots, dashes or parentheses between groups. Precision first: a number is a phone when
//!   it is international (`+CC…`, `00CC…`), or has a local phone shape (a trunk `0` and 9–13 digits, a
//!   Chinese mobile `1[3-9]` + 9 digits, or grouped like `555-123-4567` / `9123 4567`), or a phone cue
//!   (call, tel, hp, sđt, WhatsApp, 电话, โทร, …) stands just before it. Never a phone: dates
//!   (`2024-01-05`, `05.01.2024`), times, amounts (a currency or unit next to it, thousands grouping like
//!   `1.500.000`), percentages, ranges of round numbers (`1000-2000`), and numbers after a code cue (order,
//!   OTP, mã, tracking, account, …) unless a phone cue is nearer. The value is the digits, with a leading
//!   `+` when international (`00` becomes `+`, a `(0)` trunk after the country code is dropped).
//! - **Handles next to an app name**: the app in its common spellings (telegram/tg/телеграм,
//!   whatsapp/wa/watsap/واتساب, wechat/weixin/vx/微信/威信, line, zalo, viber, signal) then, within a
//!   few separators and filler words (id, 号, username, me, là, …), a phone (the kind is the app, the
//!   value the phone) or a handle. A handle without `@` needs a marker (`:`, "ID", 号), a CJK app name
//!   (`加微信 abc123`) or a digit/underscore in it (`Telegram hr_amy88`); the short, ambiguous names
//!   (line, signal, tg, wa, vx) need `@` or a marker. Common words ("Telegram channel") are not handles.
//!   A phone followed by an app name in a few chars ("0912 345 678 (Zalo)") takes the app as its kind.
//! - **A bare `@handle`** (5–32 chars, Telegram's username shape, not part of an e-mail) is reported as a
//!   Telegram handle only when the text names no other messaging app or @-handle social network
//!   (Instagram, X/Twitter, TikTok, Facebook, …) anywhere: Telegram is where these ads send people, but an
//!   `@name` next to "Instagram" is someone else's account. E-mail addresses are never handles.
//! - **Messaging links** (t.me, telegram.me/.dog, tg://, wa.me, api/web.whatsapp.com/send?phone=,
//!   whatsapp://, wa.link, chat.whatsapp.com, line.me, lin.ee, zalo.me, viber://, invite.viber.com,
//!   vb.me, signal.me, signal.group) with or without scheme: the kind is the app; the value the handle or
//!   phone they open, or, for groups and invites, the URL.
//! - **URLs** (`http(s)://`, `www.`, bare `domain.tld` for a built-in list of common TLDs; TLDs that are
//!   also words, like `.in`, `.me`, `.co`, need a path) are ASCII: a URL ends at the first non-ASCII char,
//!   since Chinese and Thai ads glue text to links; trailing punctuation and unbalanced brackets are
//!   dropped. The value is the URL as written, with `https://` added when it has no scheme. The
//!   registrable domain uses a small built-in list of multi-label public suffixes (co.uk, com.vn, co.id,
//!   …) instead of the full Public Suffix List: enough for the domains of these ads, wrong for private
//!   suffixes (`github.io` counts as the domain). Known link shorteners are marked.
//! - **E-mails**: lower-cased; the domain is the registrable domain of the address's host.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::meta::Regex;
use regex_automata::Input;
use std::sync::OnceLock;

/// At most this many contacts of one kind are reported per text.
pub(crate) const MAX_PER_KIND: usize = 64;

/// What a contact is: a phone, an app's handle or link, an e-mail or a plain URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ContactKind {
    /// A phone number with no app named.
    Phone,
    /// A Telegram handle, phone or link.
    Telegram,
    /// A WhatsApp phone or link.
    WhatsApp,
    /// A LINE ID or link.
    Line,
    /// A WeChat ID.
    WeChat,
    /// A Zalo phone or link.
    Zalo,
    /// A Viber phone or link.
    Viber,
    /// A Signal username, phone or link.
    Signal,
    /// An e-mail address.
    Email,
    /// A URL that is not a messaging link.
    Url,
}

const KINDS: usize = 10;

impl ContactKind {
    /// A stable lower-case name for output records.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Phone => "phone",
            ContactKind::Telegram => "telegram",
            ContactKind::WhatsApp => "whatsapp",
            ContactKind::Line => "line",
            ContactKind::WeChat => "wechat",
            ContactKind::Zalo => "zalo",
            ContactKind::Viber => "viber",
            ContactKind::Signal => "signal",
            ContactKind::Email => "email",
            ContactKind::Url => "url",
        }
    }
}

/// One contact: `text[start..end]` is what was written (the handle, phone, address or link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactMatch {
    pub start: usize,
    pub end: usize,
    pub kind: ContactKind,
    /// canonical value to block/act on: phone as digits with leading + when international
    /// ("+6281234567", "0912345678"), handle without @ lower-cased ("hr_amy"), e-mail lower-cased,
    /// URL as written (scheme added if missing), group invite links as the URL
    pub value: String,
    /// registrable domain for URLs, e-mails and messaging links ("job-asia.com", "t.me", "bit.ly")
    pub domain: Option<String>,
    /// true for known link shorteners (bit.ly, tinyurl.com, t.co, goo.gl, cutt.ly, s.id, rb.gy, …)
    pub shortener: bool,
}

/// Appends the contacts of `text` to `out`, in text order, at most [`MAX_PER_KIND`] per kind.
pub(crate) fn find_contacts(text: &str, out: &mut Vec<ContactMatch>) {
    if !might_have_contact(text) {
        return;
    }
    let mut found = Vec::new();
    scan(text, &mut found);
    // Bare handles are resolved after the scan, so the matches may be out of order.
    found.sort_by_key(|m| m.start);
    let mut counts = [0usize; KINDS];
    for m in found {
        let n = &mut counts[m.kind as usize];
        if *n < MAX_PER_KIND {
            *n += 1;
            out.push(m);
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Pre-check

/// False when `text` cannot hold a contact: no `@`, no `x.y`, no `://`, fewer than 8 digits and no app
/// name. Most texts stop here: memchr calls, a vectorised digit count, and a search for the first
/// bytes of the app names that looks closer only where one starts a word.
fn might_have_contact(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'@', b).is_some() {
        return true;
    }
    // Past 8 the count no longer matters, and long digit-rich texts stop early.
    let digits = super::money::ascii_digits_up_to(b, 8);
    if digits >= 8 {
        return true;
    }
    let scheme = memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"));
    let dotted = memchr::memchr_iter(b'.', b).any(|i| {
        i > 0
            && b[i - 1].is_ascii_alphanumeric()
            && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    });
    if scheme || dotted {
        return true;
    }
    // Every place an app name's head occurs (a SIMD search), checked further only at word starts.
    // The iteration skips the inside of each head, which is letters, so no word start is missed.
    let at_word_start = |i: usize| i == 0 || !b[i - 1].is_ascii_alphanumeric();
    if ascii_app_heads()
        .find_iter(b)
        .any(|m| at_word_start(m.start()) && ascii_app_name_at(text, m.start()))
    {
        return true;
    }
    !text.is_ascii() && {
        let other_digits = text
            .chars()
            .filter(|c| !c.is_ascii() && c.is_numeric())
            .count();
        digits + other_digits >= 8 || non_ascii_app_names().is_match(text)
    }
}

/// The first bytes of the ASCII app names, lower case: a word starting otherwise names no app.
const ASCII_APP_HEADS: &[&str] = &[
    "tele", "what", "wats", "wasa", "wech", "we c", "weix", "line", "zalo", "vibe", "sign", "tg",
    "wa", "vx",
];

fn ascii_app_heads() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(ASCII_APP_HEADS)
            .expect("app name heads are a small fixed list")
    })
}

/// An ASCII app name standing as a word at byte `i` (a word start). The first bytes, lower-cased, are
/// compared with the names' heads before the full comparison.
fn ascii_app_name_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let mut head = [0u8; 4];
    for (h, c) in head.iter_mut().zip(&b[i..]) {
        *h = c.to_ascii_lowercase();
    }
    let quick = ASCII_APP_HEADS
        .iter()
        .any(|h| head.starts_with(h.as_bytes()));
    if !quick {
        return false;
    }
    let mut end = (i + 12).min(b.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    app_prefix(&text[i..end]).is_some()
}

fn non_ascii_app_names() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        // Lower case and capitalised: Cyrillic names start sentences too.
        let names = APPS
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !n.is_ascii())
            .flat_map(|n| {
                let mut cap = n.chars();
                let cap: String = cap
                    .next()
                    .map(|c| c.to_uppercase().chain(cap).collect())
                    .unwrap_or_default();
                [n.to_string(), cap, n.to_uppercase()]
            });
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostFirst)
            .build(names)
            .expect("app names are a small fixed list")
    })
}

// ---------------------------------------------------------------------------------------------------
// The one scan

/// App names and the kind they stand for. Lower case; the regex matches them case-insensitively.
const APPS: &[(&str, ContactKind)] = &[
    ("telegramm", ContactKind::Telegram),
    ("telegram", ContactKind::Telegram),
    ("телеграмм", ContactKind::Telegram),
    ("телеграм", ContactKind::Telegram),
    ("телега", ContactKind::Telegram),
    ("tg", ContactKind::Telegram),
    ("whatsapp", ContactKind::WhatsApp),
    ("whats app", ContactKind::WhatsApp),
    ("whatsap", ContactKind::WhatsApp),
    ("watsapp", ContactKind::WhatsApp),
    ("watsap", ContactKind::WhatsApp),
    ("wasap", ContactKind::WhatsApp),
    ("wa", ContactKind::WhatsApp),
    ("واتساب", ContactKind::WhatsApp),
    ("واتس", ContactKind::WhatsApp),
    ("ватсап", ContactKind::WhatsApp),
    ("вотсап", ContactKind::WhatsApp),
    ("wechat", ContactKind::WeChat),
    ("we chat", ContactKind::WeChat),
    ("weixin", ContactKind::WeChat),
    ("vx", ContactKind::WeChat),
    ("微信", ContactKind::WeChat),
    ("威信", ContactKind::WeChat),
    ("薇信", ContactKind::WeChat),
    ("line", ContactKind::Line),
    ("ไลน์", ContactKind::Line),
    ("zalo", ContactKind::Zalo),
    ("viber", ContactKind::Viber),
    ("вайбер", ContactKind::Viber),
    ("signal", ContactKind::Signal),
];

/// Names too common as words to stand for the app without `@` or an ID marker.
const WEAK_APPS: &[&str] = &["tg", "wa", "vx", "line", "signal"];

/// Networks whose `@name` is not a Telegram handle.
const SOCIAL: &str = "instagram|insta|twitter|tiktok|facebook|messenger|kakaotalk|kakao|skype|discord|snapchat|threads|youtube";

// Pattern ids, in priority order (leftmost-first: at one start position the earlier pattern wins).
const P_SCHEME_URL: usize = 0;
const P_WWW: usize = 1;
const P_EMAIL: usize = 2;
const P_DOMAIN: usize = 3;
const P_APP_VALUE: usize = 4;
const P_AT_HANDLE: usize = 5;
const P_PHONE: usize = 6;
const P_MENTION: usize = 7;

/// RFC 3986 URL characters minus quotes and `<>{}|\^` (ASCII only: see the module doc).
const URLCH: &str = r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]";
// Unbounded repetitions: bounded ones (`{0,61}`) multiply the lazy DFA's states; label and handle
// lengths are checked on the match instead.
const LABEL: &str = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?";
/// Separators between the digit groups of a phone number.
const PHONE_SEP: &str =
    r"[ \t.\-()\u{A0}\u{2010}-\u{2015}\u{2212}\u{3000}\u{FF0D}\u{FF0E}\u{FF08}\u{FF09}]";

/// TLDs accepted after a bare domain without a path.
const TLDS: &str = "com|net|org|info|biz|xyz|top|site|online|club|shop|vip|app|live|store|asia|icu|cc|io|cn|vn|ph|th|sg|hk|tw|kr|jp|ru|uk|au|de|fr|nl|es|pl|br|mx|tr|ua|kz|pk|bd|lk|np|kh|mm|ng|ke|za|nz|ca|eu|fun|buzz|cyou|cfd|sbs|bond|win|bet|life|today|tech|space|website|cloud|mobi|pro|work";
/// TLDs that are also common words or abbreviations: a bare domain with one of them needs a path.
const AMBIGUOUS_TLDS: &[&str] = &[
    "in", "me", "co", "id", "my", "to", "us", "is", "it", "at", "be", "so", "do", "go", "am", "pm",
    "ly", "gl", "gd", "st", "la", "ee", "dog", "group", "link", "ai", "tv", "fm", "ws", "tk", "ml",
    "ga", "cf", "gq", "su", "im", "ms", "md", "vc", "ink", "lol", "gy", "one", "li", "ht",
];

fn regex() -> &'static (Regex, usize) {
    static RE: OnceLock<(Regex, usize)> = OnceLock::new();
    RE.get_or_init(|| {
        let app_ascii: Vec<&str> = APPS.iter().map(|(n, _)| *n).filter(|n| n.is_ascii()).collect();
        let app_other: Vec<&str> = APPS.iter().map(|(n, _)| *n).filter(|n| !n.is_ascii()).collect();
        let app = format!(
            r"(?:(?-u:\b)(?:{})(?-u:\b)|{})",
            app_ascii.join("|").replace(' ', r"\s?"),
            app_other.join("|")
        );
        let sepch = r"[\s:：=\-–—>→»|,/&(（)）\[\]【】「」'*~]|[\u{2190}-\u{21FF}\u{2300}-\u{27BF}\u{2B00}-\u{2BFF}\u{1F000}-\u{1FAFF}\u{FE0F}\u{200D}]";
        let filler_ascii =
            r"(?-u:\b)(?:id|username|user|handle|acc|account|number|no|nr|me|us|at|on|via|la|so|sdt|contact|only|chat|add)(?-u:\b)";
        let filler_other = r"là|số|sđt|号码|號碼|号|號|联系方式|联系|聯繫|添加|ไอดี|айди|ник";
        let phone = format!(r"[+＋(（]{{0,2}}\d(?:{PHONE_SEP}{{0,3}}\d)*");
        let handle = r"@?[A-Za-z0-9][A-Za-z0-9_.\-]{0,40}";
        let tlds = format!("{TLDS}|{}", AMBIGUOUS_TLDS.join("|"));
        let patterns = [
            format!(r"(?i)(?-u:\b)(?:https?|tg|whatsapp|viber|line)://{URLCH}+"),
            format!(r"(?i)(?-u:\b)www\.{URLCH}+"),
            format!(r"(?i)[A-Za-z0-9][A-Za-z0-9._%+\-]*@{LABEL}(?:\.{LABEL})*\.[A-Za-z]{{2,24}}(?-u:\b)"),
            format!(r"(?i)(?-u:\b)(?:{LABEL}\.)+(?:{tlds})(?-u:\b)(?:[/?#]{URLCH}*)?"),
            format!(
                r"(?i){app}(?:{sepch}|{filler_ascii}|{filler_other}|{app}){{0,8}}(?:{phone}|{handle})"
            ),
            r"@[A-Za-z][A-Za-z0-9_]{3,31}".to_string(),
            phone,
            format!(r"(?i:{app}|(?-u:\b)(?:{SOCIAL})(?-u:\b))|(?-u:\b)(?:LINE|Line|Signal|IG|WA|TG)(?-u:\b)"),
        ];
        // The lazy DFA of eight patterns with Unicode classes needs more room than the default
        // cache, or it clears and rebuilds states on every long text.
        let re = Regex::builder()
            .configure(Regex::config().hybrid_cache_capacity(16 << 20))
            .build_many(&patterns)
            .expect("the contact patterns are fixed and valid");
        (re, patterns.len())
    })
}

/// Which apps the text names, for the bare-handle decision.
#[derive(Default)]
struct Named {
    other_than_telegram: bool,
}

fn scan(text: &str, found: &mut Vec<ContactMatch>) {
    let (re, _) = regex();
    let mut named = Named::default();
    let mut bare: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    // Enough raw candidates for every kind to reach its cap; bounds the work on hostile input.
    let mut budget = MAX_PER_KIND * KINDS * 8;
    while pos < text.len() && budget > 0 {
        budget -= 1;
        let Some(m) = re.search(&Input::new(text).span(pos..text.len())) else {
            break;
        };
        let (s, e) = (m.start(), m.end());
        let mut next = e.max(s + 1);
        match m.pattern().as_usize() {
            P_SCHEME_URL | P_WWW | P_DOMAIN => {
                if let Some(c) = url_contact(text, s, e, m.pattern().as_usize() == P_DOMAIN) {
                    note_kind(&mut named, c.kind);
                    found.push(c);
                }
            }
            P_EMAIL => {
                if let Some(c) = email_contact(text, s, e) {
                    found.push(c);
                }
            }
            P_APP_VALUE => {
                // The groups are found by hand: a capture search on this many-pattern regex costs
                // ~100x the match itself.
                let Some((app_end, kind)) = app_prefix(&text[s..e]).map(|(n, k)| (s + n, k)) else {
                    pos = next;
                    continue;
                };
                note_kind(&mut named, kind);
                let (value_start, is_phone) = value_start(text, app_end, e);
                let got = if is_phone {
                    phone_contacts(text, value_start, e, Some(kind), found)
                } else {
                    let c = app_handle(
                        text,
                        &text[s..app_end],
                        kind,
                        &text[app_end..value_start],
                        value_start,
                        e,
                    );
                    let ok = c.is_some();
                    found.extend(c);
                    ok
                };
                if !got {
                    // Scan what followed the app name again: it may hold a phone, link or handle.
                    next = app_end;
                }
            }
            P_AT_HANDLE if bare_handle_ok(text, s, e) => bare.push((s, e)),
            P_PHONE => {
                phone_contacts(text, s, e, None, found);
            }
            P_MENTION => {
                let word = text[s..e].to_lowercase();
                let kind = APPS
                    .iter()
                    .find(|(n, _)| *n == word.replace(char::is_whitespace, " "))
                    .map(|a| a.1);
                match kind {
                    Some(k) => note_kind(&mut named, k),
                    None => named.other_than_telegram = true, // a social network
                }
            }
            _ => {}
        }
        pos = next;
    }
    if !named.other_than_telegram {
        for (s, e) in bare {
            found.push(ContactMatch {
                start: s,
                end: e,
                kind: ContactKind::Telegram,
                value: text[s + 1..e].to_ascii_lowercase(),
                domain: None,
                shortener: false,
            });
        }
    }
}

fn note_kind(named: &mut Named, kind: ContactKind) {
    if !matches!(
        kind,
        ContactKind::Telegram | ContactKind::Phone | ContactKind::Email | ContactKind::Url
    ) {
        named.other_than_telegram = true;
    }
}

/// The longest app name `m` starts with (case-insensitive; ASCII names end at a word boundary), as
/// its byte length and kind.
fn app_prefix(m: &str) -> Option<(usize, ContactKind)> {
    let mut best: Option<(usize, ContactKind)> = None;
    for &(name, kind) in APPS {
        if name.is_ascii() {
            // The common case, without Unicode lower-casing: a space in a name matches one space.
            let (nb, mb) = (name.as_bytes(), m.as_bytes());
            let same = mb.len() >= nb.len()
                && nb.iter().zip(mb).all(|(&n, &t)| {
                    t.to_ascii_lowercase() == n || (n == b' ' && t.is_ascii_whitespace())
                });
            let glued = same
                && mb
                    .get(nb.len())
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
            if same && !glued && best.is_none_or(|(b, _)| nb.len() > b) {
                best = Some((nb.len(), kind));
            }
            continue;
        }
        if m.as_bytes().first().is_some_and(u8::is_ascii) {
            continue;
        }
        let mut chars = m.char_indices();
        let mut len = Some(0);
        for nc in name.chars() {
            len = match chars.next() {
                Some((i, tc))
                    if (nc == ' ' && tc.is_whitespace())
                        || tc.to_lowercase().eq(std::iter::once(nc)) =>
                {
                    Some(i + tc.len_utf8())
                }
                _ => None,
            };
            if len.is_none() {
                break;
            }
        }
        let Some(len) = len else { continue };
        let glued = name.is_ascii()
            && m[len..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !glued && best.is_none_or(|(b, _)| len > b) {
            best = Some((len, kind));
        }
    }
    best
}

/// Where the value of an app match `text[..e]` starts (not before `app_end`), and whether it is a
/// phone: the regex's last part is a phone (`[+(]` and digits with separators) or a handle.
fn value_start(text: &str, app_end: usize, e: usize) -> (usize, bool) {
    let is_sep = |c: char| {
        matches!(
            c,
            ' ' | '\t'
                | '.'
                | '-'
                | '('
                | ')'
                | '\u{A0}'
                | '\u{2212}'
                | '\u{3000}'
                | '\u{FF0D}'
                | '\u{FF0E}'
                | '\u{FF08}'
                | '\u{FF09}'
                | '+'
                | '＋'
        ) || ('\u{2010}'..='\u{2015}').contains(&c)
    };
    let tail = &text[app_end..e];
    // The run of phone characters at the end.
    let run = tail
        .char_indices()
        .rev()
        .take_while(|&(_, c)| digit_value(c).is_some() || is_sep(c))
        .last()
        .map_or(tail.len(), |(i, _)| i);
    let glued_to_handle = tail[run..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '（' | '+' | '＋'))
        && tail[..run]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
    let has_digit = tail[run..].chars().any(|c| digit_value(c).is_some());
    if has_digit && !glued_to_handle {
        let first = tail[run..]
            .find(|c: char| digit_value(c).is_some() || matches!(c, '+' | '＋' | '(' | '（'))
            .unwrap_or(0);
        return (app_end + run + first, true);
    }
    // The handle: the run of handle characters at the end.
    let h = tail
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '@'))
        .last()
        .map_or(tail.len(), |(i, _)| i);
    let h = h + tail[h..].find(|c: char| c != '.' && c != '-').unwrap_or(0);
    (app_end + h, false)
}

// ---------------------------------------------------------------------------------------------------
// Handles

/// Words that follow an app name but are not handles.
const NOT_HANDLES: &[&str] = &[
    "me", "us", "here", "below", "above", "link", "links", "group", "groups", "channel",
    "channels", "now", "only", "and", "or", "the", "for", "to", "with", "contact", "account",
    "chat", "app", "apps", "official", "support", "number", "admin", "click", "join", "add", "id",
    "is", "please", "pls", "via", "call", "calls", "message", "messages", "msg", "text", "video",
    "voice", "pay", "web", "desktop", "download", "bot", "bots", "user", "username", "handle",
    "from", "you", "your", "our", "my", "we", "they", "then", "first", "if", "in", "on", "at",
    "by", "of", "as", "an", "a", "it", "this", "that", "will", "can", "has", "have", "are", "was",
    "get", "group", "team", "manager", "hr", "ok", "okay", "yes", "no", "not", "chat", "inbox",
];

fn app_handle(
    text: &str,
    app_name: &str,
    kind: ContactKind,
    gap: &str,
    start: usize,
    end: usize,
) -> Option<ContactMatch> {
    let raw = &text[start..end];
    let had_at = raw.starts_with('@');
    let body_start = start + usize::from(had_at);
    // Telegram usernames are [A-Za-z0-9_]; other apps' IDs may hold `.` and `-` inside.
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || c == '_'
            || (kind != ContactKind::Telegram && (c == '.' || c == '-'))
    };
    let mut body_end = body_start
        + text[body_start..end]
            .find(|c: char| !allowed(c))
            .unwrap_or(end - body_start);
    while body_end > body_start && matches!(text.as_bytes()[body_end - 1], b'.' | b'-') {
        body_end -= 1;
    }
    let body = &text[body_start..body_end];
    // Glued to more word characters, or the start of an e-mail or domain: not a handle.
    let after = &text[body_end..];
    let mut rest = after.chars();
    match (rest.next(), rest.next()) {
        (Some(c), _) if c.is_ascii_alphanumeric() || c == '_' || c == '@' => return None,
        (Some('.' | '-'), Some(c)) if c.is_ascii_alphanumeric() => return None,
        _ => {}
    }
    let (min, max) = if kind == ContactKind::Telegram {
        (4, 32)
    } else {
        (3, 32)
    };
    if body.len() < min || body.len() > max || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    if NOT_HANDLES.contains(&lower.as_str()) {
        return None;
    }
    let gap_lower = gap.to_lowercase();
    let id_marker = gap_lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "id" | "username"
                | "user"
                | "handle"
                | "acc"
                | "account"
                | "là"
                | "ไอดี"
                | "айди"
                | "ник"
        )
    }) || gap.contains(['号', '號']);
    let colon = gap.contains([':', '：', '=']);
    let marked = has_digit_or_underscore(body);
    let app_lower = app_name.to_lowercase();
    let ok = if WEAK_APPS.contains(&app_lower.as_str()) {
        had_at || id_marker || (colon && marked)
    } else {
        had_at || id_marker || colon || !app_name.is_ascii() || marked
    };
    ok.then_some(ContactMatch {
        start: if had_at { start } else { body_start },
        end: body_end,
        kind,
        value: lower,
        domain: None,
        shortener: false,
    })
}

fn has_digit_or_underscore(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit() || b == b'_')
}

/// A bare `@name`: Telegram's username shape, not glued to a domain or e-mail.
fn bare_handle_ok(text: &str, s: usize, e: usize) -> bool {
    if text[..s]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '@'))
    {
        return false;
    }
    let mut rest = text[e..].chars();
    match (rest.next(), rest.next()) {
        (Some(c), _) if c.is_ascii_alphanumeric() || c == '_' || c == '@' => false,
        (Some('.' | '-'), Some(c)) if c.is_ascii_alphanumeric() => false,
        _ => e - s > 5 && !NOT_HANDLES.contains(&text[s + 1..e].to_ascii_lowercase().as_str()),
    }
}

// ---------------------------------------------------------------------------------------------------
// Phones

/// Words before a number saying it is a phone.
const PHONE_CUES: &[&str] = &[
    "call",
    "tel",
    "tele",
    "phone",
    "hp",
    "sđt",
    "sdt",
    "đt",
    "dt",
    "whatsapp",
    "whats",
    "wa",
    "zalo",
    "viber",
    "hotline",
    "mobile",
    "mob",
    "contact",
    "cell",
    "telp",
    "nomor",
    "nombor",
    "ligue",
    "gọi",
    "goi",
    "liên hệ",
    "lien he",
    "signal",
    "line",
    "wechat",
    "sms",
    "text",
    "hubungi",
    "telefone",
    "teléfono",
    "telefono",
    "llama",
    "llámanos",
    "电话",
    "電話",
    "手机",
    "手機",
    "联系",
    "聯繫",
    "联络",
    "โทร",
    "ติดต่อ",
    "เบอร์",
    "тел",
    "телефон",
    "звоните",
    "звонить",
    "номер",
    "微信",
    "ig",
    "dm",
];

/// Words before a number saying it is a code, an order, an account: not a phone.
const CODE_CUES: &[&str] = &[
    "order",
    "orders",
    "đơn",
    "tracking",
    "track",
    "awb",
    "resi",
    "otp",
    "code",
    "codes",
    "mã",
    "ma",
    "pin",
    "ref",
    "reference",
    "invoice",
    "inv",
    "transaction",
    "txn",
    "giao dịch",
    "account",
    "acct",
    "a/c",
    "ac",
    "rekening",
    "norek",
    "stk",
    "tài khoản",
    "订单",
    "验证码",
    "驗證碼",
    "单号",
    "單號",
    "卡号",
    "账号",
    "รหัส",
    "id",
    "serial",
    "imei",
    "npwp",
    "nik",
    "kode",
    "booking",
    "pnr",
    "receipt",
    "bill",
    "ticket",
    "passport",
    "ktp",
    "cmnd",
    "cccd",
    "iban",
    "swift",
    "bsb",
    "sku",
    "item",
    "no.",
    "nr.",
    "#",
    "заказ",
    "код",
    "счет",
    "счёт",
];

/// Currency signs, codes and words, and number units, that make a number an amount.
const AMOUNT_WORDS: &[&str] = &[
    "$",
    "us$",
    "s$",
    "hk$",
    "rm",
    "rp",
    "rs",
    "₹",
    "₱",
    "€",
    "£",
    "¥",
    "₫",
    "฿",
    "₽",
    "₩",
    "usd",
    "usdt",
    "vnd",
    "idr",
    "php",
    "inr",
    "myr",
    "thb",
    "sgd",
    "cny",
    "rmb",
    "hkd",
    "eur",
    "gbp",
    "rub",
    "jpy",
    "krw",
    "aud",
    "đ",
    "đồng",
    "dong",
    "k",
    "tr",
    "triệu",
    "trieu",
    "jt",
    "juta",
    "rb",
    "ribu",
    "元",
    "块",
    "塊",
    "万",
    "萬",
    "千",
    "baht",
    "บาท",
    "peso",
    "pesos",
    "rupees",
    "rupee",
    "ringgit",
    "руб",
    "рублей",
    "тыс",
    "%",
    "percent",
    "lakh",
    "crore",
];

/// One digit group of a number candidate: its digits (ASCII) and what separated it from the last one.
struct Group {
    start: usize,
    end: usize,
    digits: String,
    sep: String,
}

/// Finds the phones in the number candidate `text[s..e]` (it may hold several, separated by spaces)
/// and pushes them; true if any. `app` is the app named just before it, if any.
fn phone_contacts(
    text: &str,
    s: usize,
    e: usize,
    app: Option<ContactKind>,
    found: &mut Vec<ContactMatch>,
) -> bool {
    // A phone has at least 8 digits (`phone_from`), and most candidates are short numbers ("5
    // years", "2024"): count before parsing groups, which allocates.
    if text[s..e]
        .chars()
        .filter(|&c| digit_value(c).is_some())
        .count()
        < 8
    {
        return false;
    }
    let (plus, groups) = parse_groups(text, s, e);
    if groups.is_empty() {
        return false;
    }
    if let Some(c) = phone_from(text, plus, &groups, app) {
        found.push(c);
        return true;
    }
    // Several numbers in a row ("0912345678 0987654321", "Rp 1.500.000 0912345678"): split at
    // whitespace and take, from the left, the longest run of segments that is a phone.
    let cuts: Vec<usize> = (1..groups.len())
        .filter(|&i| groups[i].sep.chars().any(char::is_whitespace))
        .collect();
    if cuts.is_empty() {
        return false;
    }
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(groups.len());
    let mut any = false;
    let mut i = 0;
    while i + 1 < bounds.len() {
        let mut taken = None;
        // Segments that together stay within a phone's length (8–15 digits, 17 with `00` and a `(0)`).
        let mut reach = i + 1;
        let mut digits = 0;
        while reach < bounds.len() {
            digits += groups[bounds[reach - 1]..bounds[reach]]
                .iter()
                .map(|g| g.digits.len())
                .sum::<usize>();
            if digits > 17 {
                break;
            }
            reach += 1;
        }
        for j in (i + 1..reach).rev() {
            let slice = &groups[bounds[i]..bounds[j]];
            if let Some(c) = phone_from(text, plus && i == 0, slice, app) {
                taken = Some((j, c));
                break;
            }
        }
        match taken {
            Some((j, c)) => {
                found.push(c);
                any = true;
                i = j;
            }
            None => i += 1,
        }
    }
    any
}

/// Splits `text[s..e]` into digit groups; the bool says a `+` led it.
fn parse_groups(text: &str, s: usize, e: usize) -> (bool, Vec<Group>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut plus = false;
    let mut sep = String::new();
    let mut cur: Option<Group> = None;
    for (off, c) in text[s..e].char_indices() {
        let at = s + off;
        if let Some(d) = digit_value(c) {
            let g = cur.get_or_insert_with(|| Group {
                start: at,
                end: at,
                digits: String::new(),
                sep: std::mem::take(&mut sep),
            });
            g.digits.push(char::from(b'0' + d));
            g.end = at + c.len_utf8();
        } else {
            if let Some(g) = cur.take() {
                groups.push(g);
            }
            if c == '+' || c == '＋' {
                plus = groups.is_empty();
            }
            sep.push(c);
        }
    }
    groups.extend(cur);
    (plus, groups)
}

/// The value of a Unicode decimal digit (`\d`: ASCII, fullwidth, mathematical, Arabic-Indic, …).
fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    if c.is_ascii() {
        return None;
    }
    // Unicode keeps every decimal digit in runs of ten from its zero, so a range of `\d` that starts at
    // a zero gives each digit its value.
    let ranges = unicode_digit_ranges();
    let cp = u32::from(c);
    let i = ranges.partition_point(|&(_, end)| end < cp);
    let &(start, end) = ranges.get(i)?;
    (start <= cp && cp <= end).then(|| ((cp - start) % 10) as u8)
}

fn unicode_digit_ranges() -> &'static [(u32, u32)] {
    static R: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    R.get_or_init(|| {
        use regex_syntax::hir::{Class, HirKind};
        let hir = regex_syntax::parse(r"\d").expect("\\d is a valid class");
        match hir.kind() {
            HirKind::Class(Class::Unicode(cls)) => cls
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect(),
            _ => Vec::new(),
        }
    })
}

/// The phone in `groups`, or None when the number is not one (see the module doc for the rules).
fn phone_from(
    text: &str,
    plus: bool,
    groups: &[Group],
    app: Option<ContactKind>,
) -> Option<ContactMatch> {
    let first = groups.first()?;
    let last = groups.last()?;
    // The span starts at a `+` or `(` written just before the first digit.
    let mut start = first.start;
    let lead: String = first
        .sep
        .chars()
        .rev()
        .take_while(|c| matches!(c, '+' | '＋' | '(' | '（'))
        .collect();
    if plus || lead.contains(['(', '（']) {
        start -= lead.chars().map(char::len_utf8).sum::<usize>();
    }
    let mut end = last.end;
    // A `(` with no `)` inside the span is not ours to keep; neither is a `)` after it.
    if text[start..end].contains(['(', '（'])
        && !text[start..end].contains([')', '）'])
        && !text[start..first.start].is_empty()
    {
        start = first.start;
    }
    if text[end..].starts_with([')', '）'])
        && text[start..end].contains(['(', '（'])
        && !text[start..end].contains([')', '）'])
    {
        end += text[end..].chars().next().map_or(0, char::len_utf8);
    }

    // Boundaries: not inside a longer word or number, not a time, date or code part.
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || digit_value(c).is_some())
    };
    if glued(before) || glued(after) {
        return None;
    }
    let mut after2 = text[end..].chars();
    let (a1, a2) = (after2.next(), after2.next());
    if matches!(a1, Some(':' | '/' | ',')) && a2.is_some_and(|c| digit_value(c).is_some()) {
        return None;
    }
    let mut before2 = text[..start].chars().rev();
    let (b1, b2) = (before2.next(), before2.next());
    if matches!(b1, Some(':' | '/' | ',' | '.')) && b2.is_some_and(|c| digit_value(c).is_some()) {
        return None;
    }
    if matches!(b1, Some('#' | '№')) {
        return None;
    }

    let mut digits: String = groups.iter().map(|g| g.digits.as_str()).collect();
    let mut intl = plus;
    if !intl && digits.starts_with("00") && digits.as_bytes().get(2).is_some_and(|&b| b != b'0') {
        intl = true;
        digits.drain(..2);
    }
    if intl {
        // "+44 (0)20 …": the trunk zero in parentheses is not dialled.
        if groups.len() > 2 && groups[1].digits == "0" && groups[1].sep.contains('(') {
            let cc = &groups[0].digits;
            let cut = if plus {
                cc.len()
            } else {
                cc.len().saturating_sub(2)
            };
            if cut <= digits.len() && digits[cut..].starts_with('0') {
                digits.remove(cut);
            }
        }
        if digits.starts_with('0') {
            return None;
        }
    }
    if !(8..=15).contains(&digits.len()) {
        return None;
    }

    let lens: Vec<usize> = groups.iter().map(|g| g.digits.len()).collect();
    let seps: Vec<&str> = groups.iter().skip(1).map(|g| g.sep.as_str()).collect();
    if is_date(groups) {
        return None;
    }
    let before_window = window_before(text, start, 40);
    let after_window = window_after(text, end, 16);
    if is_amount_next_to(&before_window, &after_window) {
        return None;
    }
    let (phone_cue, code_cue) = last_cues(&before_window);
    let cued = app.is_some() || phone_cue.is_some_and(|p| code_cue.is_none_or(|c| p > c));
    if app.is_none() && code_cue.is_some() && !cued {
        return None;
    }
    let leading_zero = digits.starts_with('0');
    let same_sep = seps.windows(2).all(|w| w[0] == w[1]);
    let thousands = !intl
        && !leading_zero
        && lens.len() >= 2
        && lens[0] <= 3
        && lens[1..].iter().all(|&n| n == 3)
        && same_sep
        && seps
            .iter()
            .all(|s| matches!(*s, "." | "," | " " | "\u{A0}"));
    if thousands && !cued {
        return None;
    }
    let range = !intl
        && lens.len() == 2
        && seps[0].contains(['-', '–', '—'])
        && groups.iter().all(|g| g.digits.ends_with("00"));
    if range && !cued {
        return None;
    }
    let trunk = !intl
        && leading_zero
        && digits.as_bytes().get(1).is_some_and(|&b| b != b'0')
        && (9..=13).contains(&digits.len());
    let cn_mobile = !intl
        && digits.len() == 11
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1])
        && (lens == [11] || lens == [3, 4, 4]);
    let grouped = lens.len() >= 2
        && lens.len() <= 6
        && lens[1..].iter().all(|&n| (2..=5).contains(&n))
        && lens[0] <= 5
        && lens.iter().any(|&n| n >= 3)
        && *lens.last().unwrap_or(&0) >= 3
        && digits.len() <= 13;
    if !(intl || cued || trunk || cn_mobile || grouped) {
        return None;
    }
    let kind = app
        .or_else(|| app_after(&after_window))
        .unwrap_or(ContactKind::Phone);
    let value = if intl { format!("+{digits}") } else { digits };
    Some(ContactMatch {
        start,
        end,
        kind,
        value,
        domain: None,
        shortener: false,
    })
}

/// `(4,2,2)` or `(2,2,4)` groups with one separator and a plausible month and day.
fn is_date(groups: &[Group]) -> bool {
    if groups.len() < 3 {
        return false;
    }
    let g = &groups[..3];
    let num = |i: usize| g[i].digits.parse::<u32>().unwrap_or(99);
    let lens = (g[0].digits.len(), g[1].digits.len(), g[2].digits.len());
    let one_sep = g[1].sep == g[2].sep && g[1].sep.chars().count() == 1;
    one_sep
        && match lens {
            (4, 2, 2) => (1..=12).contains(&num(1)) && (1..=31).contains(&num(2)),
            (2, 2, 4) => {
                (1..=31).contains(&num(0))
                    && (1..=31).contains(&num(1))
                    && (num(0) <= 12 || num(1) <= 12)
            }
            _ => false,
        }
}

fn is_amount_next_to(before: &str, after: &str) -> bool {
    let b = before.trim_end();
    let a = after.trim_start();
    let last_word: String = {
        let rev: String = b
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace() && !c.is_ascii_digit())
            .collect();
        rev.chars().rev().collect()
    };
    let first_word: String = a.chars().take_while(|c| c.is_alphabetic()).collect();
    let first_sym: String = a.chars().take(1).filter(|c| !c.is_alphanumeric()).collect();
    AMOUNT_WORDS.iter().any(|w| *w == last_word || (last_word.ends_with(w) && !w.chars().all(char::is_alphabetic)))
        || (!first_word.is_empty() && AMOUNT_WORDS.contains(&first_word.as_str()))
        || (!first_sym.is_empty() && AMOUNT_WORDS.contains(&first_sym.as_str()))
        // CJK units follow with no space and are not "alphabetic" words to split.
        || a.starts_with(['元', '块', '塊', '万', '萬', '千', '₫', '%', '$', '€'])
}

/// The end of the last phone cue and of the last code cue in `window` (lower case) that stand as
/// words (Latin, Vietnamese and Cyrillic cues need non-letters around them; CJK and Thai ones need
/// nothing).
fn last_cues(window: &str) -> (Option<usize>, Option<usize>) {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(PHONE_CUES.iter().chain(CODE_CUES))
            .expect("the cue lists are small and fixed")
    });
    let (mut phone, mut code) = (None, None);
    let alpha = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    for m in ac.find_overlapping_iter(window) {
        let cue = &window[m.range()];
        let word_cue = cue.chars().next().is_some_and(|c| {
            c.is_ascii_alphabetic()
                || ('\u{00C0}'..='\u{1EFF}').contains(&c)
                || ('\u{0400}'..='\u{04FF}').contains(&c)
        });
        if word_cue
            && (alpha(window[..m.start()].chars().next_back())
                || alpha(window[m.end()..].chars().next()))
        {
            continue;
        }
        let slot = if m.pattern().as_usize() < PHONE_CUES.len() {
            &mut phone
        } else {
            &mut code
        };
        *slot = (*slot).max(Some(m.end()));
    }
    (phone, code)
}

/// An app named right after a phone: "0912 345 678 (Zalo)", "+63 917 123 4567 - Viber".
fn app_after(after: &str) -> Option<ContactKind> {
    let t = after.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | '（' | '-' | '–' | '/' | '[' | ':')
    });
    let (len, kind) = app_prefix(t)?;
    let name = t[..len].to_lowercase();
    (name == "wa" || !WEAK_APPS.contains(&name.as_str())).then_some(kind)
}

/// Up to `n` chars before byte `at`, lower-cased.
fn window_before(text: &str, at: usize, n: usize) -> String {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    text[from..at].to_lowercase()
}

/// Up to `n` chars after byte `at`, lower-cased.
fn window_after(text: &str, at: usize, n: usize) -> String {
    text[at..]
        .chars()
        .take(n)
        .collect::<String>()
        .to_lowercase()
}

// ---------------------------------------------------------------------------------------------------
// URLs, messaging links, e-mails

/// Multi-label public suffixes: a domain under one of them is registered one label deeper.
const MULTI_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "com.vn", "net.vn", "org.vn",
    "edu.vn", "gov.vn", "info.vn", "com.my", "net.my", "org.my", "edu.my", "gov.my", "co.id",
    "or.id", "web.id", "my.id", "ac.id", "go.id", "biz.id", "sch.id", "com.ph", "net.ph", "org.ph",
    "gov.ph", "edu.ph", "co.th", "in.th", "or.th", "ac.th", "go.th", "com.cn", "net.cn", "org.cn",
    "gov.cn", "edu.cn", "com.au", "net.au", "org.au", "edu.au", "co.in", "net.in", "org.in",
    "gen.in", "firm.in", "ind.in", "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg", "com.hk",
    "net.hk", "org.hk", "edu.hk", "com.tw", "net.tw", "org.tw", "edu.tw", "co.kr", "or.kr",
    "ne.kr", "co.jp", "ne.jp", "or.jp", "ac.jp", "com.br", "net.br", "com.mx", "com.ar", "com.tr",
    "co.nz", "co.za", "com.pk", "com.bd", "com.kh", "com.mm", "com.la", "com.ng", "com.sa",
    "com.eg", "co.ke", "com.np", "com.lk", "com.ua", "com.ru", "com.tr", "com.pe", "com.co",
    "com.ec", "com.gh",
];

/// Link shorteners: the link hides where it leads.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "cutt.ly",
    "s.id",
    "rb.gy",
    "is.gd",
    "v.gd",
    "ow.ly",
    "buff.ly",
    "tiny.cc",
    "shorturl.at",
    "rebrand.ly",
    "bl.ink",
    "t.ly",
    "shorte.st",
    "adf.ly",
    "lnkd.in",
    "tiny.one",
    "u.to",
    "cutt.us",
    "clck.ru",
    "surl.li",
    "shorturl.asia",
    "bit.do",
    "x.gd",
    "t.cn",
    "url.cn",
    "dwz.cn",
    "suo.im",
    "v.ht",
    "short.gy",
    "tinu.be",
    "urlz.fr",
    "qrco.de",
    "ouo.io",
];

fn url_contact(text: &str, s: usize, e: usize, bare: bool) -> Option<ContactMatch> {
    let e = trim_url_end(text, s, e);
    let url = &text[s..e];
    let lower = url.to_ascii_lowercase();
    let (scheme, rest) = match lower.find("://") {
        Some(i) => (&lower[..i], &url[i + 3..]),
        None => ("", url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let path = &rest[authority_end..];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host
        .split(':')
        .next()
        .unwrap_or(host)
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let value = if scheme.is_empty() {
        format!("https://{url}")
    } else {
        url.to_string()
    };

    // App schemes: tg://, whatsapp://, viber://, line:// carry no host worth a domain.
    match scheme {
        "tg" => return Some(tg_scheme(s, e, &host, path, value)),
        "whatsapp" => {
            return Some(app_link(
                s,
                e,
                ContactKind::WhatsApp,
                query_phone(path, "phone").map_or(value, |p| p),
                None,
            ))
        }
        "viber" => {
            return Some(app_link(
                s,
                e,
                ContactKind::Viber,
                query_phone(path, "number").map_or(value, |p| p),
                None,
            ))
        }
        "line" => return Some(app_link(s, e, ContactKind::Line, value, None)),
        _ => {}
    }
    if !valid_host(&host) {
        return None;
    }
    let domain = registrable_domain(&host);
    let tld = host.rsplit('.').next().unwrap_or("");
    if bare && AMBIGUOUS_TLDS.contains(&tld) && !under_multi_suffix(&host) {
        let has_path = path.len() > 1;
        if !has_path {
            return None;
        }
    }
    let path_trim = path.trim_start_matches('/');
    let c = |kind, value| Some(app_link(s, e, kind, value, Some(domain.clone())));
    let host_nowww = host.strip_prefix("www.").unwrap_or(&host);
    match host_nowww {
        "t.me" | "telegram.me" | "telegram.dog" => {
            c(ContactKind::Telegram, telegram_value(path_trim, &value))
        }
        "wa.me" => {
            let first = path_trim.split(['/', '?', '#']).next().unwrap_or("");
            let v = if first.len() >= 8 && first.bytes().all(|b| b.is_ascii_digit()) {
                format!("+{first}")
            } else {
                value
            };
            c(ContactKind::WhatsApp, v)
        }
        "api.whatsapp.com" | "web.whatsapp.com" | "whatsapp.com" => {
            match query_phone(path, "phone") {
                Some(p) => c(ContactKind::WhatsApp, p),
                None if path_trim.starts_with("channel") => c(ContactKind::WhatsApp, value),
                None => plain_url(s, e, value, domain),
            }
        }
        "chat.whatsapp.com" | "wa.link" => c(ContactKind::WhatsApp, value),
        "line.me" | "page.line.me" | "lin.ee" => {
            c(ContactKind::Line, line_value(path_trim, &value))
        }
        "zalo.me" => {
            let first = path_trim.split(['/', '?', '#']).next().unwrap_or("");
            let v = if (9..=12).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit())
            {
                first.to_string()
            } else {
                value
            };
            c(ContactKind::Zalo, v)
        }
        "invite.viber.com" | "vb.me" | "viber.com" | "chats.viber.com" => {
            c(ContactKind::Viber, value)
        }
        "viber.click" => {
            let first = path_trim.split(['/', '?', '#']).next().unwrap_or("");
            let v = if first.len() >= 8 && first.bytes().all(|b| b.is_ascii_digit()) {
                format!("+{first}")
            } else {
                value
            };
            c(ContactKind::Viber, v)
        }
        "signal.me" => {
            let v = path.find("#p/").map(|i| &path[i + 3..]).filter(|p| {
                p.starts_with('+') && p.len() > 8 && p[1..].bytes().all(|b| b.is_ascii_digit())
            });
            c(ContactKind::Signal, v.map_or(value, str::to_string))
        }
        "signal.group" => c(ContactKind::Signal, value),
        _ => plain_url(s, e, value, domain),
    }
}

fn plain_url(s: usize, e: usize, value: String, domain: String) -> Option<ContactMatch> {
    let shortener = SHORTENERS.contains(&domain.as_str());
    Some(ContactMatch {
        start: s,
        end: e,
        kind: ContactKind::Url,
        value,
        domain: Some(domain),
        shortener,
    })
}

fn app_link(
    s: usize,
    e: usize,
    kind: ContactKind,
    value: String,
    domain: Option<String>,
) -> ContactMatch {
    ContactMatch {
        start: s,
        end: e,
        kind,
        value,
        domain,
        shortener: false,
    }
}

fn tg_scheme(s: usize, e: usize, host: &str, path: &str, value: String) -> ContactMatch {
    let v = match (host, query_param(path, "domain")) {
        ("resolve", Some(d)) if is_tg_username(d) => d.to_ascii_lowercase(),
        _ => value,
    };
    app_link(s, e, ContactKind::Telegram, v, None)
}

/// t.me/name → "name"; t.me/s/name → "name"; t.me/+digits → "+digits"; invites and others → the URL.
fn telegram_value(path: &str, url: &str) -> String {
    let mut parts = path.split(['/', '?', '#']);
    let first = parts.next().unwrap_or("");
    let name = if first == "s" {
        parts.next().unwrap_or("")
    } else {
        first
    };
    if let Some(num) = name.strip_prefix('+') {
        if (8..=15).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()) {
            return format!("+{num}");
        }
        return url.to_string();
    }
    let reserved = [
        "joinchat",
        "c",
        "addstickers",
        "share",
        "iv",
        "proxy",
        "socks",
        "addlist",
        "login",
        "setlanguage",
        "addemoji",
        "boost",
    ];
    if is_tg_username(name) && !reserved.contains(&name.to_ascii_lowercase().as_str()) {
        name.trim_start_matches('@').to_ascii_lowercase()
    } else {
        url.to_string()
    }
}

fn is_tg_username(name: &str) -> bool {
    let n = name.trim_start_matches('@');
    (4..=32).contains(&n.len())
        && n.as_bytes()[0].is_ascii_alphabetic()
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// line.me/ti/p/~id, line.me/ti/p/@id, line.me/R/ti/p/%40id → "id"; groups and others → the URL.
fn line_value(path: &str, url: &str) -> String {
    let p = path.strip_prefix("R/").unwrap_or(path);
    if let Some(rest) = p.strip_prefix("ti/p/") {
        let id = rest.trim_start_matches('~').trim_start_matches('@');
        let id = id.strip_prefix("%40").unwrap_or(id);
        let id = id.split(['/', '?', '#']).next().unwrap_or("");
        if (3..=32).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return id.to_ascii_lowercase();
        }
    }
    url.to_string()
}

fn query_param<'a>(path: &'a str, key: &str) -> Option<&'a str> {
    let q = &path[path.find('?')? + 1..];
    q.split(['&', '#'])
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

/// `phone=6281234567890` (or `%2B…`, `+…`) in the query → "+6281234567890".
fn query_phone(path: &str, key: &str) -> Option<String> {
    let v = query_param(path, key)?;
    let v = v
        .strip_prefix("%2B")
        .or_else(|| v.strip_prefix("%2b"))
        .or_else(|| v.strip_prefix('+'))
        .unwrap_or(v);
    ((8..=15).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())).then(|| format!("+{v}"))
}

fn valid_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.len() > 63) {
        return false;
    }
    let ipv4 = labels.len() == 4
        && labels
            .iter()
            .all(|l| l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()));
    let tld = labels[labels.len() - 1];
    ipv4 || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        || tld.starts_with("xn--"))
        && labels
            .iter()
            .all(|l| l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// True when the last two labels of `host` are a multi-label public suffix.
fn under_multi_suffix(host: &str) -> bool {
    let mut dots = host.rmatch_indices('.');
    let from = match (dots.next(), dots.next()) {
        (Some(_), Some((i, _))) => i + 1,
        (Some(_), None) => 0,
        _ => return false,
    };
    MULTI_SUFFIXES.contains(&&host[from..])
}

/// The registrable domain of a (lower-case) host: its last two labels, or three under a multi-label
/// public suffix of [`MULTI_SUFFIXES`]. An IPv4 host is its own domain.
fn registrable_domain(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 || labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return host.to_string();
    }
    let n = labels.len();
    let last2 = format!("{}.{}", labels[n - 2], labels[n - 1]);
    let keep = if MULTI_SUFFIXES.contains(&last2.as_str()) {
        3
    } else {
        2
    };
    labels[n - keep..].join(".")
}

/// Drops trailing punctuation and unbalanced closing brackets from the URL `text[s..e]`.
fn trim_url_end(text: &str, s: usize, mut e: usize) -> usize {
    loop {
        let u = &text[s..e];
        let Some(last) = u.bytes().last() else {
            return e;
        };
        let unbalanced = |open: u8, close: u8| {
            last == close
                && u.bytes().filter(|&b| b == close).count()
                    > u.bytes().filter(|&b| b == open).count()
        };
        if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*' | b'\'')
            || unbalanced(b'(', b')')
            || unbalanced(b'[', b']')
        {
            e -= 1;
        } else {
            return e;
        }
    }
}

fn email_contact(text: &str, s: usize, e: usize) -> Option<ContactMatch> {
    let addr = &text[s..e];
    let (local, host) = addr.rsplit_once('@')?;
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") || local.len() > 64 {
        return None;
    }
    let host = host.to_ascii_lowercase();
    if !valid_host(&host) {
        return None;
    }
    Some(ContactMatch {
        start: s,
        end: e,
        kind: ContactKind::Email,
        value: addr.to_ascii_lowercase(),
        domain: Some(registrable_domain(&host)),
        shortener: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContactKind::*;

    fn contacts(text: &str) -> Vec<ContactMatch> {
        let mut out = Vec::new();
        find_contacts(text, &mut out);
        out
    }

    /// (kind, text as written, value) of each contact of `text`.
    fn triples(text: &str) -> Vec<(ContactKind, &str, String)> {
        contacts(text)
            .into_iter()
            .map(|m| (m.kind, &text[m.start..m.end], m.value))
            .collect()
    }

    type Case = (
        &'static str,
        &'static [(ContactKind, &'static str, &'static str)],
    );

    fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for &(text, want) in cases {
            let got = triples(text);
            let want: Vec<(ContactKind, &str, String)> = want
                .iter()
                .map(|&(k, s, v)| (k, s, v.to_string()))
                .collect();
            if got != want {
                failures.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases differ:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn messaging_links() {
        check(&[
            (
                "Interview on Telegram only: t.me/hr_jobs_88",
                &[(Telegram, "t.me/hr_jobs_88", "hr_jobs_88")],
            ),
            (
                "https://t.me/HR_Amy.",
                &[(Telegram, "https://t.me/HR_Amy", "hr_amy")],
            ),
            (
                "join https://t.me/+AbCdEfGhIjKlMnOp now",
                &[(
                    Telegram,
                    "https://t.me/+AbCdEfGhIjKlMnOp",
                    "https://t.me/+AbCdEfGhIjKlMnOp",
                )],
            ),
            (
                "t.me/joinchat/AAAAAEkk2WdoDrB4-Q8-gg",
                &[(
                    Telegram,
                    "t.me/joinchat/AAAAAEkk2WdoDrB4-Q8-gg",
                    "https://t.me/joinchat/AAAAAEkk2WdoDrB4-Q8-gg",
                )],
            ),
            (
                "t.me/+6281234567890",
                &[(Telegram, "t.me/+6281234567890", "+6281234567890")],
            ),
            (
                "telegram.me/s/jobs_vn",
                &[(Telegram, "telegram.me/s/jobs_vn", "jobs_vn")],
            ),
            (
                "telegram.dog/amy_hr",
                &[(Telegram, "telegram.dog/amy_hr", "amy_hr")],
            ),
            (
                "tg://resolve?domain=amy_hr",
                &[(Telegram, "tg://resolve?domain=amy_hr", "amy_hr")],
            ),
            (
                "Chat: wa.me/6281234567890?text=hi",
                &[(WhatsApp, "wa.me/6281234567890?text=hi", "+6281234567890")],
            ),
            (
                "https://api.whatsapp.com/send?phone=60123456789&text=job",
                &[(
                    WhatsApp,
                    "https://api.whatsapp.com/send?phone=60123456789&text=job",
                    "+60123456789",
                )],
            ),
            (
                "whatsapp://send?phone=%2B639171234567",
                &[(
                    WhatsApp,
                    "whatsapp://send?phone=%2B639171234567",
                    "+639171234567",
                )],
            ),
            (
                "wa.link/ab12cd",
                &[(WhatsApp, "wa.link/ab12cd", "https://wa.link/ab12cd")],
            ),
            (
                "Group: https://chat.whatsapp.com/KxYz123AbC",
                &[(
                    WhatsApp,
                    "https://chat.whatsapp.com/KxYz123AbC",
                    "https://chat.whatsapp.com/KxYz123AbC",
                )],
            ),
            (
                "line.me/ti/p/~amy.job",
                &[(Line, "line.me/ti/p/~amy.job", "amy.job")],
            ),
            (
                "https://line.me/R/ti/p/@abc1234",
                &[(Line, "https://line.me/R/ti/p/@abc1234", "abc1234")],
            ),
            (
                "https://lin.ee/xYz12AB",
                &[(Line, "https://lin.ee/xYz12AB", "https://lin.ee/xYz12AB")],
            ),
            (
                "zalo.me/0912345678",
                &[(Zalo, "zalo.me/0912345678", "0912345678")],
            ),
            (
                "zalo.me/g/abcxyz123",
                &[(Zalo, "zalo.me/g/abcxyz123", "https://zalo.me/g/abcxyz123")],
            ),
            (
                "viber://chat?number=%2B639171234567",
                &[(
                    Viber,
                    "viber://chat?number=%2B639171234567",
                    "+639171234567",
                )],
            ),
            (
                "https://invite.viber.com/?g2=AQBabc",
                &[(
                    Viber,
                    "https://invite.viber.com/?g2=AQBabc",
                    "https://invite.viber.com/?g2=AQBabc",
                )],
            ),
            (
                "signal.me/#p/+639171234567",
                &[(Signal, "signal.me/#p/+639171234567", "+639171234567")],
            ),
            (
                "https://signal.group/#CjQKIabc",
                &[(
                    Signal,
                    "https://signal.group/#CjQKIabc",
                    "https://signal.group/#CjQKIabc",
                )],
            ),
            // Chinese and Thai glue text to links: the link ends at the first non-ASCII char.
            (
                "加入t.me/amy_hr。谢谢",
                &[(Telegram, "t.me/amy_hr", "amy_hr")],
            ),
        ]);
    }

    #[test]
    fn handles_next_to_app_names() {
        check(&[
            ("Telegram @hr_amy", &[(Telegram, "@hr_amy", "hr_amy")]),
            ("TG: @hr_amy", &[(Telegram, "@hr_amy", "hr_amy")]),
            ("telegram: hr_amy", &[(Telegram, "hr_amy", "hr_amy")]),
            (
                "Contact HR on Telegram: @Amy_HR88 for details",
                &[(Telegram, "@Amy_HR88", "amy_hr88")],
            ),
            (
                "Телеграм: @rabota_dubai",
                &[(Telegram, "@rabota_dubai", "rabota_dubai")],
            ),
            (
                "WhatsApp +62 812-3456-7890",
                &[(WhatsApp, "+62 812-3456-7890", "+6281234567890")],
            ),
            (
                "whatsapp me 0812 3456 7890",
                &[(WhatsApp, "0812 3456 7890", "081234567890")],
            ),
            (
                "واتساب +971 50 123 4567",
                &[(WhatsApp, "+971 50 123 4567", "+971501234567")],
            ),
            ("WeChat ID: abc123", &[(WeChat, "abc123", "abc123")]),
            ("微信: abc123", &[(WeChat, "abc123", "abc123")]),
            ("加微信 abc123", &[(WeChat, "abc123", "abc123")]),
            ("微信号 abc123", &[(WeChat, "abc123", "abc123")]),
            (
                "加微信13812345678",
                &[(WeChat, "13812345678", "13812345678")],
            ),
            ("vx: job_8888", &[(WeChat, "job_8888", "job_8888")]),
            ("LINE ID: xyz", &[(Line, "xyz", "xyz")]),
            ("line: @xyz", &[(Line, "@xyz", "xyz")]),
            ("Zalo 0912 345 678", &[(Zalo, "0912 345 678", "0912345678")]),
            (
                "kết bạn Zalo 0912345678",
                &[(Zalo, "0912345678", "0912345678")],
            ),
            (
                "Viber +63 917 123 4567",
                &[(Viber, "+63 917 123 4567", "+639171234567")],
            ),
            ("Signal: amy.01", &[(Signal, "amy.01", "amy.01")]),
            (
                "Zalo/WhatsApp: 0912345678",
                &[(Zalo, "0912345678", "0912345678")],
            ),
            // The app after the phone.
            (
                "0912 345 678 (Zalo)",
                &[(Zalo, "0912 345 678", "0912345678")],
            ),
            // Near misses: words after app names, and the weak names without `@` or a marker.
            ("Join our Telegram channel for updates", &[]),
            ("Download WhatsApp now", &[]),
            ("Telegram: join now", &[]),
            ("stand in line for tickets", &[]),
            ("the signal strength is low", &[]),
            ("Signal boost abc123", &[]),
            ("online interview", &[]),
            // An e-mail is not a handle, even after an app name.
            (
                "Telegram hr_amy@gmail.com",
                &[(Email, "hr_amy@gmail.com", "hr_amy@gmail.com")],
            ),
        ]);
    }

    /// Bare `@handle`: Telegram only when the text names no other app or @-handle network.
    #[test]
    fn bare_handles() {
        check(&[
            (
                "Contact @hr_amy for the job",
                &[(Telegram, "@hr_amy", "hr_amy")],
            ),
            (
                "DM @hr_amy, interview via telegram",
                &[(Telegram, "@hr_amy", "hr_amy")],
            ),
            ("Follow us on Instagram @brand_shop", &[]),
            ("Add LINE, ask for @hr_amy", &[]),
            (
                "Zalo 0912345678 or @hr_amy",
                &[(Zalo, "0912345678", "0912345678")],
            ),
            (
                "email hr@company.com",
                &[(Email, "hr@company.com", "hr@company.com")],
            ),
            ("@abc is too short", &[]),
            ("price@home", &[]),
        ]);
    }

    #[test]
    fn phones() {
        check(&[
            (
                "Call +1 (555) 123-4567 today",
                &[(Phone, "+1 (555) 123-4567", "+15551234567")],
            ),
            (
                "Tel: 0062 812 3456 7890",
                &[(Phone, "0062 812 3456 7890", "+6281234567890")],
            ),
            (
                "call +44 (0)20 7946 0958",
                &[(Phone, "+44 (0)20 7946 0958", "+442079460958")],
            ),
            (
                "(+62) 812-3456-7890",
                &[(Phone, "(+62) 812-3456-7890", "+6281234567890")],
            ),
            ("(555) 123-4567", &[(Phone, "(555) 123-4567", "5551234567")]),
            (
                "LH 0912.345.678 gấp",
                &[(Phone, "0912.345.678", "0912345678")],
            ),
            ("sđt 0912345678", &[(Phone, "0912345678", "0912345678")]),
            (
                "hp 6281234567890",
                &[(Phone, "6281234567890", "6281234567890")],
            ),
            (
                "联系电话13812345678",
                &[(Phone, "13812345678", "13812345678")],
            ),
            ("โทร 081-234-5678", &[(Phone, "081-234-5678", "0812345678")]),
            ("Hotline: 9123 4567", &[(Phone, "9123 4567", "91234567")]),
            (
                "Gọi ngay 0912345678 hoặc 0987654321",
                &[
                    (Phone, "0912345678", "0912345678"),
                    (Phone, "0987654321", "0987654321"),
                ],
            ),
            (
                "0912345678 0987654321",
                &[
                    (Phone, "0912345678", "0912345678"),
                    (Phone, "0987654321", "0987654321"),
                ],
            ),
            // Styled digits read as digits; the span is what was written.
            (
                "Call ０９１２３４５６７８",
                &[(Phone, "０９１２３４５６７８", "0912345678")],
            ),
            (
                "Call 𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 now",
                &[(Phone, "𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "0912345678")],
            ),
            ("اتصل ٠٩١٢٣٤٥٦٧٨", &[(Phone, "٠٩١٢٣٤٥٦٧٨", "0912345678")]),
            // An amount before the phone on the same line.
            (
                "Rp 1.500.000 0812345678901",
                &[(Phone, "0812345678901", "0812345678901")],
            ),
        ]);
    }

    #[test]
    fn phone_near_misses() {
        check(&[
            ("Interview on 2024-01-05 at 10:30", &[]),
            ("Deadline 05/01/2024", &[]),
            ("Ngày 05.01.2024", &[]),
            ("2024-01-05 10:30:00", &[]),
            ("Lương Rp 1.500.000 per hari", &[]),
            ("Salary $3,000 per month", &[]),
            ("Thưởng 5,000,000 VND", &[]),
            ("Earn 15000000 VND monthly", &[]),
            ("Lương 12 000 000 đ", &[]),
            ("order #12345678 shipped", &[]),
            ("Your order 12345678 has shipped", &[]),
            ("OTP 123456", &[]),
            ("Mã 12345678 của bạn", &[]),
            ("Your verification code is 87654321", &[]),
            ("Tracking number 1234567890123", &[]),
            ("account 1234567890", &[]),
            ("Profit 12345678%", &[]),
            ("Range 1000-2000 units", &[]),
            ("10.30 - 11.45 daily", &[]),
            ("We have 12345678 users", &[]),
            ("ID12345678", &[]),
            ("v1.2.3.4.5.6.7.8", &[]),
            ("1234567890123456789012", &[]),
            ("Version 20240105", &[]),
            ("123 456 789 012", &[]),
            ("IBAN DE89370400440532013000", &[]),
        ]);
    }

    #[test]
    fn urls_and_emails() {
        check(&[
            (
                "Apply at https://job-asia.com/apply?id=7 now",
                &[(
                    Url,
                    "https://job-asia.com/apply?id=7",
                    "https://job-asia.com/apply?id=7",
                )],
            ),
            (
                "See www.job-asia.com.",
                &[(Url, "www.job-asia.com", "https://www.job-asia.com")],
            ),
            (
                "Visit job-asia.com/apply",
                &[(Url, "job-asia.com/apply", "https://job-asia.com/apply")],
            ),
            (
                "Visit tuyendung.com.vn today",
                &[(Url, "tuyendung.com.vn", "https://tuyendung.com.vn")],
            ),
            (
                "(see http://example.org/a_(b))",
                &[(Url, "http://example.org/a_(b)", "http://example.org/a_(b)")],
            ),
            (
                "(http://example.org/x)",
                &[(Url, "http://example.org/x", "http://example.org/x")],
            ),
            (
                "bit.ly/3abcXYZ",
                &[(Url, "bit.ly/3abcXYZ", "https://bit.ly/3abcXYZ")],
            ),
            ("s.id/kerja", &[(Url, "s.id/kerja", "https://s.id/kerja")]),
            (
                "Email HR.Team@Job-Asia.co.uk today",
                &[(Email, "HR.Team@Job-Asia.co.uk", "hr.team@job-asia.co.uk")],
            ),
            (
                "QQ邮箱 12345678@qq.com",
                &[(Email, "12345678@qq.com", "12345678@qq.com")],
            ),
            // Near misses: words around dots, file names, ambiguous TLDs with no path, version numbers.
            ("We work.in Dubai", &[]),
            ("Call me.Thanks", &[]),
            ("report.pdf and photo.jpg", &[]),
            ("version 1.2.3", &[]),
            ("e.g. this, i.e. that", &[]),
            ("hello.world", &[]),
            ("a@b", &[]),
            ("..@..", &[]),
        ]);
    }

    #[test]
    fn domains_and_shorteners() {
        let cases: &[(&str, &str, bool)] = &[
            ("https://job-asia.com/x", "job-asia.com", false),
            ("https://careers.job-asia.co.uk/x", "job-asia.co.uk", false),
            ("https://a.b.tuyendung.com.vn", "tuyendung.com.vn", false),
            (
                "http://user:pw@sub.example.co.id:8080/p",
                "example.co.id",
                false,
            ),
            ("https://bit.ly/abc", "bit.ly", true),
            ("tinyurl.com/abcd", "tinyurl.com", true),
            ("https://t.co/xyz", "t.co", true),
            ("cutt.ly/abc", "cutt.ly", true),
            ("rb.gy/abc", "rb.gy", true),
            ("t.me/hr_amy", "t.me", false),
            ("https://chat.whatsapp.com/abc", "whatsapp.com", false),
            ("http://192.168.1.10/login", "192.168.1.10", false),
            ("hr@mail.job-asia.com", "job-asia.com", false),
        ];
        for &(text, domain, shortener) in cases {
            let got = contacts(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].domain.as_deref(), Some(domain), "{text}");
            assert_eq!(got[0].shortener, shortener, "{text}");
        }
    }

    #[test]
    fn several_kinds_in_one_text_in_order() {
        let text = "Việc nhẹ lương cao! Zalo 0912 345 678, Telegram @hr_amy, web https://viec-lam.vn/a, mail hr@viec-lam.vn";
        let got = triples(text);
        let kinds: Vec<ContactKind> = got.iter().map(|t| t.0).collect();
        assert_eq!(kinds, [Zalo, Telegram, Url, Email], "{got:?}");
        let m = contacts(text);
        assert!(m.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn kind_names_are_stable() {
        let all = [
            Phone, Telegram, WhatsApp, Line, WeChat, Zalo, Viber, Signal, Email, Url,
        ];
        let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "phone", "telegram", "whatsapp", "line", "wechat", "zalo", "viber", "signal",
                "email", "url"
            ]
        );
        assert_eq!(all.len(), KINDS);
    }

    #[test]
    fn texts_without_candidates_skip_the_scan() {
        for text in [
            "",
            "Hello, how are you? See you tomorrow.",
            "Your OTP is 123456. Do not share it.",
            "Lương cao, việc nhẹ.",
        ] {
            assert!(!might_have_contact(text), "{text}");
        }
        for text in [
            "a@b",
            "x.com",
            "0912345678",
            "WeChat: abcdef",
            "微信 abc",
            "tg://x",
            "０９１２３４５６７８",
        ] {
            assert!(might_have_contact(text), "{text}");
        }
    }

    #[test]
    fn unicode_digit_ranges_are_whole_decades() {
        let ranges = unicode_digit_ranges();
        assert!(ranges.len() > 30);
        for &(s, e) in ranges {
            assert_eq!((e - s + 1) % 10, 0, "{s:x}-{e:x}");
            assert_eq!(
                char::from_u32(s).and_then(|c| c.to_digit(10).or(digit_value(c).map(u32::from))),
                Some(0)
            );
        }
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('𝟗'), Some(9));
        assert_eq!(digit_value('๓'), Some(3));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('½'), None);
    }

    #[test]
    fn output_is_capped_per_kind() {
        let text = "call 0912345678, mail a@b.com, ".repeat(MAX_PER_KIND + 20);
        let got = contacts(&text);
        let phones = got.iter().filter(|m| m.kind == Phone).count();
        let mails = got.iter().filter(|m| m.kind == Email).count();
        assert_eq!((phones, mails), (MAX_PER_KIND, MAX_PER_KIND));
    }

    #[test]
    fn long_hostile_input_is_fine() {
        for piece in ["1 ", "a.", "@a", "+", "t.me/", "WhatsApp ", "0", "１"] {
            let text = piece.repeat(20_000);
            let got = contacts(&text);
            assert!(got.len() <= MAX_PER_KIND * KINDS);
        }
    }

    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("t.me/hr_amy ".to_string()),
            Just("WhatsApp +62 812-3456-7890".to_string()),
            Just("微信: abc123".to_string()),
            Just("@hr_amy".to_string()),
            Just("０９１２３４５６７８".to_string()),
            Just("𝟎𝟗𝟏𝟐".to_string()),
            Just("hr@a.com".to_string()),
            Just("https://x.co/(a".to_string()),
            Just("(+".to_string()),
            Just(" - ".to_string()),
            Just("2024-01-05".to_string()),
            any::<String>(),
            "[0-9 .()+-]{0,12}",
            "\\PC{0,6}",
        ];
        prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_in_order(text in tricky()) {
            let got = contacts(&text);
            let mut last = 0;
            for m in &got {
                proptest::prop_assert!(last <= m.start && m.start < m.end && m.end <= text.len(), "{:?}", m);
                proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                proptest::prop_assert!(!m.value.is_empty());
                last = m.end;
            }
        }
    }
}
