//! Runs the entity extractors over one text and turns their matches into [`Entity`] values with spans
//! of the original text.
//!
//! Invariant: amounts and returns are read from the normalised text (styled digits, homoglyphs and
//! spacing already folded) and mapped back through the normaliser's offset map; contacts and wallets are
//! read from the original text, because case carries meaning there (base58 and EIP-55 checksums, URL
//! paths). Every entity also gets the span of the *normalised* text it covers, so entity rules can take
//! part in proximity windows like phrases do.

use super::contact::{find_contacts, ContactKind, ContactMatch};
use super::money::{find_money, MoneyMatch, Period};
use super::returns::{find_returns, ReturnKind, ReturnMatch};
use super::wallet::{find_wallets, WalletMatch};
use super::{Contact, Entity, EntityValue, Money, PromisedReturn, ReturnForm, Wallet};
use crate::model::Rates;
use crate::normalize::Normalized;

/// Reusable buffers, one set per thread.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    money: Vec<MoneyMatch>,
    returns: Vec<ReturnMatch>,
    contacts: Vec<ContactMatch>,
    wallets: Vec<WalletMatch>,
}

/// Months per period: hour × 176 (8 h × 22 days), day × 26 (a six-day week), week × 52/12, year / 12.
fn per_month(p: Period) -> f64 {
    match p {
        Period::Hour => 176.0,
        Period::Day => 26.0,
        Period::Week => 52.0 / 12.0,
        Period::Month => 1.0,
        Period::Year => 1.0 / 12.0,
    }
}

/// Chars that can stand in for Latin letters or hide inside words: Greek and Cyrillic look-alikes,
/// IPA and small capitals, letterlike symbols, enclosed and fullwidth forms, mathematical
/// alphanumerics, and invisible format chars.
fn hides_latin(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{0370}'..='\u{052F}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2100}'..='\u{214F}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{1D400}'..='\u{1D7FF}'
        | '\u{1F100}'..='\u{1F1FF}')
}

/// True when `text` holds a char for which [`hides_latin`] holds. Only non-ASCII chars are decoded,
/// and ASCII is skipped eight bytes at a time: job ads are long, mostly ASCII, and most hold a bullet or
/// a curly quote, so decoding and testing every char cost more than the rest of their extraction.
fn holds_latin_hider(text: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(w) = b[i..].first_chunk::<8>() {
            if u64::from_ne_bytes(*w) & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        if b[i].is_ascii() {
            i += 1;
            continue;
        }
        // `i` is a char boundary: it only ever moves past ASCII bytes or whole chars.
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return false;
        };
        if hides_latin(c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// The index of a contact already in `items` that overlaps the original span `s..e`.
fn overlapping_contact(
    items: &[(usize, usize, u32, u32, EntityValue)],
    s: usize,
    e: usize,
) -> Option<usize> {
    items.iter().position(|it| {
        matches!(it.4, EntityValue::Contact(_)) && it.0 < e.max(s + 1) && s < it.1.max(it.0 + 1)
    })
}

/// Extracts every entity of `text` (whose normalised form is `norm`) into `out`, in text order, with
/// the normalised span of each in `norm_spans` (same order).
pub(crate) fn extract(
    text: &str,
    norm: &Normalized,
    rates: &Rates,
    scratch: &mut Scratch,
    out: &mut Vec<Entity>,
    norm_spans: &mut Vec<(u32, u32)>,
) {
    out.clear();
    norm_spans.clear();
    let n = norm.as_str();
    scratch.money.clear();
    scratch.returns.clear();
    scratch.contacts.clear();
    scratch.wallets.clear();
    find_money(n, &mut scratch.money);
    find_returns(n, &scratch.money, &mut scratch.returns);
    find_contacts(text, &mut scratch.contacts);
    find_wallets(text, &mut scratch.wallets);
    // Obfuscated text ("Теlеgrаm @hr", "ｔ.ｍｅ/hr", "T e l e g r a m"): contacts the original hides
    // are read from the normalised text too, where they do not overlap one read from the original.
    // Only texts the normaliser rewrote, or that hold a char obfuscation uses, pay for this second
    // scan: bullets, curly quotes and no-break spaces (most non-ASCII in job ads) do not.
    let mut from_norm = Vec::new();
    if norm.was_rewritten() || holds_latin_hider(text) {
        find_contacts(n, &mut from_norm);
    }

    let mut items: Vec<(usize, usize, u32, u32, EntityValue)> = Vec::with_capacity(
        scratch.money.len()
            + scratch.returns.len()
            + scratch.contacts.len()
            + scratch.wallets.len(),
    );
    for m in &scratch.money {
        let (s, e) = norm.original_span(m.start, m.end);
        let rate = rates.usd(m.currency);
        let top = m.amount_max.unwrap_or(m.amount);
        items.push((
            s,
            e,
            m.start as u32,
            m.end as u32,
            EntityValue::Money(Money {
                amount: m.amount,
                amount_max: m.amount_max,
                currency: m.currency,
                period: m.period,
                usd: rate.map(|r| top * r),
                usd_per_month: rate.zip(m.period).map(|(r, p)| top * r * per_month(p)),
            }),
        ));
    }
    for r in &scratch.returns {
        let (s, e) = norm.original_span(r.start, r.end);
        let value = match &r.kind {
            ReturnKind::Percent {
                min,
                max,
                period,
                hours,
            } => PromisedReturn {
                form: ReturnForm::Percent,
                percent: Some(*min),
                percent_max: *max,
                period: *period,
                factor: Some(1.0 + max.unwrap_or(*min) / 100.0),
                hours: hours.or_else(|| period.map(Period::hours)),
                invested: None,
                received: None,
                currency: None,
            },
            ReturnKind::Multiple { factor, hours } => PromisedReturn {
                form: ReturnForm::Multiple,
                percent: None,
                percent_max: None,
                period: None,
                factor: Some(*factor),
                hours: *hours,
                invested: None,
                received: None,
                currency: None,
            },
            ReturnKind::Testimonial {
                invested,
                received,
                factor,
                currency,
                hours,
            } => PromisedReturn {
                form: ReturnForm::Testimonial,
                percent: None,
                percent_max: None,
                period: None,
                factor: Some(*factor),
                hours: *hours,
                invested: Some(*invested),
                received: Some(*received),
                currency: *currency,
            },
        };
        items.push((
            s,
            e,
            r.start as u32,
            r.end as u32,
            EntityValue::Return(value),
        ));
    }
    for c in scratch.contacts.drain(..) {
        let (ns, ne) = norm.normalized_span(c.start, c.end);
        items.push((
            c.start,
            c.end,
            ns as u32,
            ne as u32,
            EntityValue::Contact(Contact {
                kind: c.kind,
                value: c.value,
                domain: c.domain,
                shortener: c.shortener,
            }),
        ));
    }
    for c in from_norm {
        let (s, e) = norm.original_span(c.start, c.end);
        if let Some(k) = overlapping_contact(&items, s, e) {
            // A bare phone read from the original, an app name read from the normalised text
            // ("W h a t s A p p +62 …"): the app is the better reading.
            let app = !matches!(
                c.kind,
                ContactKind::Phone | ContactKind::Email | ContactKind::Url
            );
            let phone =
                matches!(&items[k].4, EntityValue::Contact(x) if x.kind == ContactKind::Phone);
            if !(app && phone) {
                continue;
            }
            items.remove(k);
        }
        items.push((
            s,
            e,
            c.start as u32,
            c.end as u32,
            EntityValue::Contact(Contact {
                kind: c.kind,
                value: c.value,
                domain: c.domain,
                shortener: c.shortener,
            }),
        ));
    }
    for w in &scratch.wallets {
        let (ns, ne) = norm.normalized_span(w.start, w.end);
        items.push((
            w.start,
            w.end,
            ns as u32,
            ne as u32,
            EntityValue::Wallet(Wallet {
                chain: w.chain,
                address: text.get(w.start..w.end).unwrap_or("").to_owned(),
            }),
        ));
    }
    items.sort_by_key(|a| (a.0, a.1));
    for (start, end, ns, ne, value) in items {
        out.push(Entity { start, end, value });
        norm_spans.push((ns, ne));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hider_scan_finds_what_a_char_scan_finds() {
        for (text, hides) in [
            ("", false),
            (
                "plain ASCII job ad, long enough to take the eight-byte path",
                false,
            ),
            (
                "• bullets, “curly quotes”, no\u{A0}break spaces and 日本語",
                false,
            ),
            ("Теlеgrаm @hr", true),
            ("ｔ.ｍｅ/hr", true),
            ("zero\u{200B}width", true),
            ("twelve bytes\u{00AD}", true),
            ("𝐭𝐞𝐥𝐞𝐠𝐫𝐚𝐦", true),
            ("ends with a small capital ᴛ", true),
        ] {
            assert_eq!(holds_latin_hider(text), hides, "{text:?}");
            assert_eq!(
                holds_latin_hider(text),
                text.chars().any(hides_latin),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn hider_scan_agrees_with_a_char_scan(text in "(\\PC|[a-z ]{0,12}){0,40}") {
            proptest::prop_assert_eq!(holds_latin_hider(&text), text.chars().any(hides_latin));
        }
    }
}
