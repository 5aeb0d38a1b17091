//! Typed entities: amounts of money, promised returns, contacts and wallets, found in a text with
//! their span in the *original* text and a normalised value.
//!
//! Invariant: every [`Entity`] span lies on char boundaries of the classified text, and its value was
//! derived from that span alone (plus the pack's dated rate table for the USD figures). Extraction
//! lives in one file per kind ([`money`], [`returns`], [`contact`], [`wallet`]); [`extract`] runs them
//! and [`cond`] evaluates the pack's entity conditions on the result.

pub(crate) mod cond;
pub(crate) mod contact;
pub(crate) mod extract;
pub(crate) mod money;
pub(crate) mod returns;
pub(crate) mod wallet;

use serde::Serialize;

use crate::offsets::HostOffsets;

pub use contact::ContactKind;
pub use money::Period;
pub use wallet::Chain;

/// What kind of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntityKind {
    /// An amount of money, with currency and optional period and range.
    Money,
    /// A promised investment return: a percentage or multiple per period, or a testimonial.
    Return,
    /// A phone number, messaging link or handle, e-mail address or URL.
    Contact,
    /// A cryptocurrency address whose checksum holds.
    Wallet,
}

impl EntityKind {
    /// `"money"`, `"return"`, `"contact"` or `"wallet"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Money => "money",
            EntityKind::Return => "return",
            EntityKind::Contact => "contact",
            EntityKind::Wallet => "wallet",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "money" => EntityKind::Money,
            "return" => EntityKind::Return,
            "contact" => EntityKind::Contact,
            "wallet" => EntityKind::Wallet,
            _ => return None,
        })
    }
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Money {
    /// The amount (the lower end of a range) in units of the currency.
    pub amount: f64,
    /// The upper end of a range ("500k–1tr"), if any.
    pub amount_max: Option<f64>,
    /// ISO 4217-like currency code (`USD`, `USDT`, `INR`, `VND`, …).
    pub currency: &'static str,
    /// The period the amount is paid or earned per, if stated.
    pub period: Option<Period>,
    /// The amount in US dollars, from the pack's rate table (None: the currency has no rate).
    pub usd: Option<f64>,
    /// The amount as US dollars per month (hour × 176, day × 26, week × 52/12, year / 12), when the
    /// period and a rate are known; the upper end of a range counts.
    pub usd_per_month: Option<f64>,
}

/// The form of a promised return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReturnForm {
    /// "30% weekly", "5–15% daily".
    Percent,
    /// "x4", "double your money".
    Multiple,
    /// "I invested $300 and got $3,000 in 3 days".
    Testimonial,
}

impl ReturnForm {
    /// `"percent"`, `"multiple"` or `"testimonial"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnForm::Percent => "percent",
            ReturnForm::Multiple => "multiple",
            ReturnForm::Testimonial => "testimonial",
        }
    }
}

/// A promised investment return.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PromisedReturn {
    /// Percentage, multiple or testimonial.
    pub form: ReturnForm,
    /// The percentage (lower end of a range), for the percent form.
    pub percent: Option<f64>,
    /// The upper end of a percentage range.
    pub percent_max: Option<f64>,
    /// The period a percentage is per, if stated.
    pub period: Option<Period>,
    /// Growth factor: the multiple, received / invested, or 1 + percent/100 for the percent form.
    pub factor: Option<f64>,
    /// The time frame in hours, when stated ("in 3 days" → 72).
    pub hours: Option<f64>,
    /// Testimonial: the amount put in.
    pub invested: Option<f64>,
    /// Testimonial: the amount got back.
    pub received: Option<f64>,
    /// Testimonial: the currency, when stated.
    pub currency: Option<&'static str>,
}

/// A contact: where the text asks the reader to go.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Contact {
    /// Phone, messaging app, e-mail or URL.
    pub kind: ContactKind,
    /// The value to act on: a phone number (`+6281234567`), a handle without `@`, an e-mail address,
    /// a URL.
    pub value: String,
    /// The registrable domain of a URL, e-mail or messaging link.
    pub domain: Option<String>,
    /// True for a known link shortener (bit.ly, tinyurl.com, …).
    pub shortener: bool,
}

/// A cryptocurrency address whose checksum holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Wallet {
    /// The chain the address format belongs to.
    pub chain: Chain,
    /// The address as written.
    pub address: String,
}

/// The value of an entity.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EntityValue {
    /// An amount of money.
    Money(Money),
    /// A promised return.
    Return(PromisedReturn),
    /// A contact.
    Contact(Contact),
    /// A wallet address.
    Wallet(Wallet),
}

/// A typed entity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) value: EntityValue,
}

impl Entity {
    /// Byte offset of the start in the original text (a char boundary).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset of the end (exclusive) in the original text.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range in the original text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The entity's text: `&text[start..end]` of the classified `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The kind of entity.
    pub fn kind(&self) -> EntityKind {
        match self.value {
            EntityValue::Money(_) => EntityKind::Money,
            EntityValue::Return(_) => EntityKind::Return,
            EntityValue::Contact(_) => EntityKind::Contact,
            EntityValue::Wallet(_) => EntityKind::Wallet,
        }
    }

    /// The typed value.
    pub fn value(&self) -> &EntityValue {
        &self.value
    }

    /// The money value, if this is an amount.
    pub fn as_money(&self) -> Option<&Money> {
        match &self.value {
            EntityValue::Money(m) => Some(m),
            _ => None,
        }
    }

    /// The contact, if this is one.
    pub fn as_contact(&self) -> Option<&Contact> {
        match &self.value {
            EntityValue::Contact(c) => Some(c),
            _ => None,
        }
    }

    /// The promised return, if this is one.
    pub fn as_return(&self) -> Option<&PromisedReturn> {
        match &self.value {
            EntityValue::Return(r) => Some(r),
            _ => None,
        }
    }

    /// The wallet, if this is one.
    pub fn as_wallet(&self) -> Option<&Wallet> {
        match &self.value {
            EntityValue::Wallet(w) => Some(w),
            _ => None,
        }
    }

    /// The canonical value to block or act on: the contact value or wallet address; for money and
    /// returns, the text as written.
    pub fn canonical<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.value {
            EntityValue::Contact(c) => &c.value,
            EntityValue::Wallet(w) => &w.address,
            _ => self.text(text),
        }
    }

    /// The entity in plain words, for people: "₹8,000 per day ≈ US$2,466/month",
    /// "Telegram @hr_amy", "a 30 % return per week", "a TRON wallet TR7N…". `text` is the classified text.
    pub fn describe(&self, text: &str) -> String {
        let raw = self.text(text).trim();
        match &self.value {
            EntityValue::Money(m) => match (m.usd_per_month, m.usd) {
                (Some(pm), _) if m.currency != "USD" => {
                    format!("{raw} ≈ US${}/month", thousands(pm))
                }
                (Some(pm), _) => format!("{raw} ≈ US${}/month", thousands(pm)),
                (None, Some(usd)) if m.currency != "USD" => {
                    format!("{raw} ≈ US${}", thousands(usd))
                }
                _ => raw.to_owned(),
            },
            EntityValue::Return(r) => {
                let per = r
                    .period
                    .map(|p| format!(" per {}", p.as_str()))
                    .unwrap_or_default();
                // A percentage per period already says its time frame.
                let within = match (r.form, r.period) {
                    (ReturnForm::Percent, Some(_)) => String::new(),
                    _ => r
                        .hours
                        .map(|h| format!(" within {}", duration(h)))
                        .unwrap_or_default(),
                };
                match r.form {
                    ReturnForm::Percent => match (r.percent, r.percent_max) {
                        (Some(a), Some(b)) => {
                            format!("a promised return of {}–{} %{per}{within}", num(a), num(b))
                        }
                        (Some(a), None) => {
                            format!("a promised return of {} %{per}{within}", num(a))
                        }
                        _ => format!("a promised return ({raw})"),
                    },
                    ReturnForm::Multiple => match r.factor {
                        Some(f) => format!("a promise to multiply money ×{}{within}", num(f)),
                        None => format!("a promise to multiply money ({raw})"),
                    },
                    ReturnForm::Testimonial => match r.factor {
                        Some(f) => format!(
                            "a testimonial of money growing ×{}{within} (\"{raw}\")",
                            num(f)
                        ),
                        None => format!("a testimonial of quick profit (\"{raw}\")"),
                    },
                }
            }
            EntityValue::Contact(c) => {
                let app = match c.kind {
                    ContactKind::Phone => "phone number",
                    ContactKind::Telegram => "Telegram",
                    ContactKind::WhatsApp => "WhatsApp",
                    ContactKind::Line => "LINE",
                    ContactKind::WeChat => "WeChat",
                    ContactKind::Zalo => "Zalo",
                    ContactKind::Viber => "Viber",
                    ContactKind::Signal => "Signal",
                    ContactKind::Email => "e-mail",
                    ContactKind::Url => "link",
                };
                let short = if c.shortener {
                    " (a link shortener hides where it leads)"
                } else {
                    ""
                };
                let handle = matches!(
                    c.kind,
                    ContactKind::Telegram | ContactKind::Line | ContactKind::Signal
                ) && !c.value.contains('/')
                    && !c.value.starts_with('+')
                    && !c.value.chars().all(|ch| ch.is_ascii_digit());
                if handle {
                    format!("{app} @{}{short}", c.value)
                } else {
                    format!("{app} {}{short}", c.value)
                }
            }
            EntityValue::Wallet(w) => {
                let chain = match w.chain {
                    Chain::Bitcoin => "Bitcoin",
                    Chain::Ethereum => "Ethereum",
                    Chain::Tron => "TRON",
                };
                format!("a {chain} wallet {}", w.address)
            }
        }
    }

    /// A serialisable record of the entity as the CLI writes it: `kind`, byte `start`/`end`,
    /// `char_start`/`char_end`, `text`, the typed value's fields and `description`. `text` is the
    /// classified text.
    pub fn record<'a>(&'a self, text: &'a str) -> EntityRecord<'a> {
        self.record_with(text, &mut HostOffsets::new(text), false)
    }

    /// [`record`](Self::record) sharing an offset converter, optionally with UTF-16 offsets.
    pub(crate) fn record_with<'a>(
        &'a self,
        text: &'a str,
        offsets: &mut HostOffsets<'_>,
        utf16: bool,
    ) -> EntityRecord<'a> {
        let (start, end, cs, ce) = if utf16 {
            let (a, b) = offsets.utf16(self.start, self.end);
            (a, b, None, None)
        } else {
            let (a, b) = offsets.chars(self.start, self.end);
            (self.start, self.end, Some(a), Some(b))
        };
        EntityRecord {
            kind: self.kind().as_str(),
            start,
            end,
            char_start: cs,
            char_end: ce,
            text: self.text(text),
            value: ValueOut(&self.value),
            description: self.describe(text),
        }
    }
}

/// The JSON shape of an entity (see [`Entity::record`]).
#[derive(Debug, Serialize)]
pub struct EntityRecord<'a> {
    kind: &'static str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_end: Option<usize>,
    text: &'a str,
    #[serde(flatten)]
    value: ValueOut<'a>,
    description: String,
}

#[derive(Debug)]
struct ValueOut<'a>(&'a EntityValue);

impl Serialize for ValueOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self.0 {
            EntityValue::Money(v) => {
                m.serialize_entry("amount", &v.amount)?;
                if let Some(x) = v.amount_max {
                    m.serialize_entry("amount_max", &x)?;
                }
                m.serialize_entry("currency", v.currency)?;
                if let Some(p) = v.period {
                    m.serialize_entry("period", p.as_str())?;
                }
                if let Some(x) = v.usd {
                    m.serialize_entry("usd", &round2(x))?;
                }
                if let Some(x) = v.usd_per_month {
                    m.serialize_entry("usd_per_month", &round2(x))?;
                }
            }
            EntityValue::Return(v) => {
                m.serialize_entry("form", v.form.as_str())?;
                for (k, x) in [
                    ("percent", v.percent),
                    ("percent_max", v.percent_max),
                    ("factor", v.factor.map(round4)),
                    ("hours", v.hours),
                    ("invested", v.invested),
                    ("received", v.received),
                ] {
                    if let Some(x) = x {
                        m.serialize_entry(k, &x)?;
                    }
                }
                if let Some(p) = v.period {
                    m.serialize_entry("period", p.as_str())?;
                }
                if let Some(c) = v.currency {
                    m.serialize_entry("currency", c)?;
                }
            }
            EntityValue::Contact(v) => {
                m.serialize_entry("contact", v.kind.as_str())?;
                m.serialize_entry("value", &v.value)?;
                if let Some(d) = &v.domain {
                    m.serialize_entry("domain", d)?;
                }
                if v.shortener {
                    m.serialize_entry("shortener", &true)?;
                }
            }
            EntityValue::Wallet(v) => {
                m.serialize_entry("chain", v.chain.as_str())?;
                m.serialize_entry("value", &v.address)?;
            }
        }
        m.end()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A number for people: no trailing `.0`, at most two decimals.
fn num(x: f64) -> String {
    let r = round2(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// A rounded amount with thousands separators: 2466.4 → "2,466".
fn thousands(x: f64) -> String {
    let n = x.round();
    if !n.is_finite() || n.abs() >= 1e15 {
        return format!("{x:.0}");
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn duration(hours: f64) -> String {
    if hours >= 48.0 && (hours / 24.0).fract() == 0.0 {
        format!("{} days", num(hours / 24.0))
    } else if hours == 24.0 {
        "a day".to_owned()
    } else {
        format!("{} hours", num(hours))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(2466.4), "2,466");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(12.0), "12");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(72.0), "3 days");
        assert_eq!(duration(24.0), "a day");
        assert_eq!(duration(6.0), "6 hours");
    }
}
