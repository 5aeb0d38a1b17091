//! Entity conditions: the `entity = { … }` table of a rule, which fires the rule on every entity whose
//! kind and values satisfy it ("money per day above US$1,500 a month", "a Telegram link", "a wallet").
//!
//! Invariant: a condition is checked against the pack when it is compiled (known kind, fields that
//! apply to that kind, known names, finite non-negative bounds), so evaluating it on an entity is a
//! handful of comparisons and never fails.

use serde::Deserialize;
use toml::Spanned;

use super::{Chain, ContactKind, Entity, EntityKind, EntityValue, Period, ReturnForm};
use crate::error::{PackError, PackErrorKind};
use crate::pack::Source;

/// The condition as written in the pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntityCondDef {
    kind: Spanned<String>,
    // money and return
    #[serde(default)]
    period: Vec<Spanned<String>>,
    #[serde(default)]
    has_period: Option<Spanned<bool>>,
    // money
    #[serde(default)]
    currency: Vec<Spanned<String>>,
    #[serde(default)]
    min_usd_month: Option<Spanned<f64>>,
    #[serde(default)]
    max_usd_month: Option<Spanned<f64>>,
    #[serde(default)]
    min_usd: Option<Spanned<f64>>,
    #[serde(default)]
    max_usd: Option<Spanned<f64>>,
    // return
    #[serde(default)]
    form: Vec<Spanned<String>>,
    #[serde(default)]
    min_percent: Option<Spanned<f64>>,
    #[serde(default)]
    min_factor: Option<Spanned<f64>>,
    #[serde(default)]
    max_hours: Option<Spanned<f64>>,
    // contact
    #[serde(default)]
    contact: Vec<Spanned<String>>,
    #[serde(default)]
    shortener: Option<Spanned<bool>>,
    #[serde(default)]
    domain: Vec<Spanned<String>>,
    // wallet
    #[serde(default)]
    chain: Vec<Spanned<String>>,
}

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    Money {
        periods: Vec<Period>,
        has_period: Option<bool>,
        currencies: Vec<String>,
        min_usd_month: Option<f64>,
        max_usd_month: Option<f64>,
        min_usd: Option<f64>,
        max_usd: Option<f64>,
    },
    Return {
        forms: Vec<ReturnForm>,
        periods: Vec<Period>,
        has_period: Option<bool>,
        min_percent: Option<f64>,
        min_factor: Option<f64>,
        max_hours: Option<f64>,
    },
    Contact {
        kinds: Vec<ContactKind>,
        shortener: Option<bool>,
        domains: Vec<String>,
    },
    Wallet {
        chains: Vec<Chain>,
    },
}

impl Cond {
    /// The entity kind the condition is about.
    pub(crate) fn kind(&self) -> EntityKind {
        match self {
            Cond::Money { .. } => EntityKind::Money,
            Cond::Return { .. } => EntityKind::Return,
            Cond::Contact { .. } => EntityKind::Contact,
            Cond::Wallet { .. } => EntityKind::Wallet,
        }
    }

    /// True when `e` satisfies the condition.
    pub(crate) fn matches(&self, e: &Entity) -> bool {
        fn within(x: Option<f64>, min: Option<f64>, max: Option<f64>) -> bool {
            match x {
                Some(x) => min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m),
                None => min.is_none() && max.is_none(),
            }
        }
        fn period_ok(p: Option<Period>, periods: &[Period], has: Option<bool>) -> bool {
            (periods.is_empty() || p.is_some_and(|p| periods.contains(&p)))
                && has.is_none_or(|h| h == p.is_some())
        }
        match (self, &e.value) {
            (
                Cond::Money {
                    periods,
                    has_period,
                    currencies,
                    min_usd_month,
                    max_usd_month,
                    min_usd,
                    max_usd,
                },
                EntityValue::Money(m),
            ) => {
                period_ok(m.period, periods, *has_period)
                    && (currencies.is_empty() || currencies.iter().any(|c| c == m.currency))
                    && within(m.usd_per_month, *min_usd_month, *max_usd_month)
                    && within(m.usd, *min_usd, *max_usd)
            }
            (
                Cond::Return {
                    forms,
                    periods,
                    has_period,
                    min_percent,
                    min_factor,
                    max_hours,
                },
                EntityValue::Return(r),
            ) => {
                (forms.is_empty() || forms.contains(&r.form))
                    && period_ok(r.period, periods, *has_period)
                    && min_percent
                        .is_none_or(|m| r.percent.or(r.percent_max).is_some_and(|p| p >= m))
                    && min_factor.is_none_or(|m| r.factor.is_some_and(|f| f >= m))
                    && max_hours.is_none_or(|m| r.hours.is_some_and(|h| h <= m))
            }
            (
                Cond::Contact {
                    kinds,
                    shortener,
                    domains,
                },
                EntityValue::Contact(c),
            ) => {
                (kinds.is_empty() || kinds.contains(&c.kind))
                    && shortener.is_none_or(|s| s == c.shortener)
                    && (domains.is_empty()
                        || c.domain
                            .as_deref()
                            .is_some_and(|d| domains.iter().any(|x| x == d)))
            }
            (Cond::Wallet { chains }, EntityValue::Wallet(w)) => {
                chains.is_empty() || chains.contains(&w.chain)
            }
            _ => false,
        }
    }
}

fn period(s: &str) -> Option<Period> {
    Some(match s {
        "hour" => Period::Hour,
        "day" => Period::Day,
        "week" => Period::Week,
        "month" => Period::Month,
        "year" => Period::Year,
        _ => return None,
    })
}

fn form(s: &str) -> Option<ReturnForm> {
    Some(match s {
        "percent" => ReturnForm::Percent,
        "multiple" => ReturnForm::Multiple,
        "testimonial" => ReturnForm::Testimonial,
        _ => return None,
    })
}

fn contact_kind(s: &str) -> Option<ContactKind> {
    Some(match s {
        "phone" => ContactKind::Phone,
        "telegram" => ContactKind::Telegram,
        "whatsapp" => ContactKind::WhatsApp,
        "line" => ContactKind::Line,
        "wechat" => ContactKind::WeChat,
        "zalo" => ContactKind::Zalo,
        "viber" => ContactKind::Viber,
        "signal" => ContactKind::Signal,
        "email" => ContactKind::Email,
        "url" => ContactKind::Url,
        _ => return None,
    })
}

fn chain(s: &str) -> Option<Chain> {
    Some(match s {
        "btc" => Chain::Bitcoin,
        "eth" => Chain::Ethereum,
        "tron" => Chain::Tron,
        _ => return None,
    })
}

impl EntityCondDef {
    /// Checks the condition and compiles it. `known_currency` says whether the rate table knows a code.
    pub(crate) fn compile(
        &self,
        src: &Source,
        rule: &str,
        known_currency: &dyn Fn(&str) -> bool,
    ) -> Result<Cond, PackError> {
        let err = |byte: usize, field: &str, msg: String| {
            src.err(PackErrorKind::InvalidValue, byte, msg)
                .with_rule(rule)
                .with_field(format!("entity.{field}"))
        };
        let Some(kind) = EntityKind::parse(self.kind.get_ref()) else {
            return Err(err(
                self.kind.span().start,
                "kind",
                format!(
                    "unknown entity kind `{}` (expected money, return, contact or wallet)",
                    self.kind.get_ref()
                ),
            ));
        };
        // Which fields apply to which kind.
        let set: Vec<(&str, usize, &[EntityKind])> = {
            use EntityKind::{Contact, Money, Return, Wallet};
            let mut v: Vec<(&str, usize, &[EntityKind])> = Vec::new();
            let mut opt =
                |name: &'static str, span: Option<usize>, kinds: &'static [EntityKind]| {
                    if let Some(s) = span {
                        v.push((name, s, kinds));
                    }
                };
            let first = |l: &[Spanned<String>]| l.first().map(|x| x.span().start);
            let num = |x: &Option<Spanned<f64>>| x.as_ref().map(|x| x.span().start);
            opt("period", first(&self.period), &[Money, Return]);
            opt(
                "has_period",
                self.has_period.as_ref().map(|x| x.span().start),
                &[Money, Return],
            );
            opt("currency", first(&self.currency), &[Money]);
            opt("min_usd_month", num(&self.min_usd_month), &[Money]);
            opt("max_usd_month", num(&self.max_usd_month), &[Money]);
            opt("min_usd", num(&self.min_usd), &[Money]);
            opt("max_usd", num(&self.max_usd), &[Money]);
            opt("form", first(&self.form), &[Return]);
            opt("min_percent", num(&self.min_percent), &[Return]);
            opt("min_factor", num(&self.min_factor), &[Return]);
            opt("max_hours", num(&self.max_hours), &[Return]);
            opt("contact", first(&self.contact), &[Contact]);
            opt(
                "shortener",
                self.shortener.as_ref().map(|x| x.span().start),
                &[Contact],
            );
            opt("domain", first(&self.domain), &[Contact]);
            opt("chain", first(&self.chain), &[Wallet]);
            v
        };
        for (name, byte, kinds) in &set {
            if !kinds.contains(&kind) {
                let applies: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                return Err(err(
                    *byte,
                    name,
                    format!(
                        "`{name}` applies to entity kind {}, not `{}`",
                        applies.join(" or "),
                        kind.as_str()
                    ),
                ));
            }
        }
        let bound = |x: &Option<Spanned<f64>>, name: &str| -> Result<Option<f64>, PackError> {
            match x {
                None => Ok(None),
                Some(v) if v.get_ref().is_finite() && *v.get_ref() >= 0.0 => Ok(Some(*v.get_ref())),
                Some(v) => Err(err(
                    v.span().start,
                    name,
                    format!("`{name}` must be a finite number ≥ 0, not {}", v.get_ref()),
                )),
            }
        };
        fn names<T>(
            list: &[Spanned<String>],
            parse: fn(&str) -> Option<T>,
            expected: &str,
            field: &str,
            err: &dyn Fn(usize, &str, String) -> PackError,
        ) -> Result<Vec<T>, PackError> {
            list.iter()
                .enumerate()
                .map(|(i, s)| {
                    parse(s.get_ref()).ok_or_else(|| {
                        err(
                            s.span().start,
                            &format!("{field}[{i}]"),
                            format!("unknown {field} `{}` (expected {expected})", s.get_ref()),
                        )
                    })
                })
                .collect()
        }
        let periods = names(
            &self.period,
            period,
            "hour, day, week, month or year",
            "period",
            &err,
        )?;
        let has_period = self.has_period.as_ref().map(|b| *b.get_ref());
        Ok(match kind {
            EntityKind::Money => {
                for (i, c) in self.currency.iter().enumerate() {
                    if !known_currency(c.get_ref()) {
                        return Err(err(
                            c.span().start,
                            &format!("currency[{i}]"),
                            format!(
                                "unknown currency `{}`: not in the pack's [rates] table (codes are upper case, e.g. USD, INR)",
                                c.get_ref()
                            ),
                        ));
                    }
                }
                let (min_m, max_m) = (
                    bound(&self.min_usd_month, "min_usd_month")?,
                    bound(&self.max_usd_month, "max_usd_month")?,
                );
                let (min_u, max_u) = (
                    bound(&self.min_usd, "min_usd")?,
                    bound(&self.max_usd, "max_usd")?,
                );
                for (lo, hi, name, sp) in [
                    (min_m, max_m, "max_usd_month", &self.max_usd_month),
                    (min_u, max_u, "max_usd", &self.max_usd),
                ] {
                    if let (Some(lo), Some(hi), Some(sp)) = (lo, hi, sp) {
                        if hi < lo {
                            return Err(err(
                                sp.span().start,
                                name,
                                format!("`{name}` ({hi}) is below the minimum ({lo}): nothing can match"),
                            ));
                        }
                    }
                }
                Cond::Money {
                    periods,
                    has_period,
                    currencies: self.currency.iter().map(|c| c.get_ref().clone()).collect(),
                    min_usd_month: min_m,
                    max_usd_month: max_m,
                    min_usd: min_u,
                    max_usd: max_u,
                }
            }
            EntityKind::Return => Cond::Return {
                forms: names(
                    &self.form,
                    form,
                    "percent, multiple or testimonial",
                    "form",
                    &err,
                )?,
                periods,
                has_period,
                min_percent: bound(&self.min_percent, "min_percent")?,
                min_factor: bound(&self.min_factor, "min_factor")?,
                max_hours: bound(&self.max_hours, "max_hours")?,
            },
            EntityKind::Contact => Cond::Contact {
                kinds: names(
                    &self.contact,
                    contact_kind,
                    "phone, telegram, whatsapp, line, wechat, zalo, viber, signal, email or url",
                    "contact",
                    &err,
                )?,
                shortener: self.shortener.as_ref().map(|b| *b.get_ref()),
                domains: self
                    .domain
                    .iter()
                    .map(|d| d.get_ref().to_ascii_lowercase())
                    .collect(),
            },
            EntityKind::Wallet => Cond::Wallet {
                chains: names(&self.chain, chain, "btc, eth or tron", "chain", &err)?,
            },
        })
    }
}
