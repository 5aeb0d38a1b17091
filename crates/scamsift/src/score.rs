//! Stage 3 of the pipeline: turn rule occurrences into category evidence, family points, a risk score
//! and a verdict.
//!
//! * A rule counts once however often it occurs.
//! * A category's points are its largest rule weight plus half the next, a quarter of the one after…,
//!   so many rules of one category add up to less than twice the strongest.
//! * A family's points are the sum of its categories, its combinations that fired, and the
//!   counter-evidence that applies to it.
//! * Counter-evidence of a `describes` category (an advisory or a report quoting scam wording) does not
//!   add: it scales every family's positive points by `exp(points / 2)` (`exp(points / 4)` when a
//!   `solicits` category fired too), so quoting more indicators cannot outweigh it. It counts in
//!   proportion to the positive hits within [`FRAMING_REACH`] of a describing hit: framing is local.
//! * Risk is `1 - exp(-points / 3)`. The verdict is `scam` at risk ≥ 0.8 **and** two or more positive
//!   categories of the family; `suspicious` at risk ≥ 0.5; otherwise `clean` (see [`Thresholds`]).

use crate::matcher::RawHit;
use crate::model::{Framing, Model, Term};
use crate::verdict::Label;

/// Where risk turns into a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Risk at or above which a text is `suspicious` (default 0.5, about 2.1 points).
    pub suspicious: f64,
    /// Risk at or above which a text is `scam` (default 0.8, about 4.8 points)…
    pub scam: f64,
    /// …provided this many distinct positive categories of the top family fired (default 2), so no
    /// single indicator can make a text `scam`.
    pub scam_min_categories: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            suspicious: 0.5,
            scam: 0.8,
            scam_min_categories: 2,
        }
    }
}

impl Thresholds {
    /// The display band of a risk score: `"high"` at or above the scam threshold, `"mid"` at or above
    /// the suspicious one, `"low"` below. Every surface that colours a score uses this.
    pub fn band(&self, risk: f64) -> &'static str {
        if risk >= self.scam {
            "high"
        } else if risk >= self.suspicious {
            "mid"
        } else {
            "low"
        }
    }
}

/// Points to risk: 0 → 0, 2.1 → 0.5, 4.8 → 0.8, 9 → 0.95.
pub fn risk(points: f64) -> f64 {
    if points <= 0.0 {
        0.0
    } else {
        1.0 - (-points / 3.0).exp()
    }
}

/// Sum with diminishing returns: largest magnitude first, each next one halved again.
fn diminishing(weights: &mut [f64]) -> f64 {
    weights.sort_by(|a, b| b.abs().total_cmp(&a.abs()));
    let mut factor = 1.0;
    let mut sum = 0.0;
    for w in weights.iter() {
        sum += w * factor;
        factor *= 0.5;
    }
    sum
}

/// The scored outcome before it is turned into a public [`crate::Verdict`].
pub(crate) struct Scored {
    pub(crate) label: Label,
    pub(crate) top: Option<usize>,
    pub(crate) family_points: Vec<f64>,
    /// (category, points, rules) for categories with evidence.
    pub(crate) categories: Vec<(u32, f64, Vec<u32>)>,
    pub(crate) combos: Vec<u32>,
    /// The factor the `describes` counter-evidence scaled the points by (1 when none fired).
    pub(crate) framing_scale: f64,
}

/// How far (bytes of normalised text) describing evidence reaches: an advisory or a news article of a
/// few pages is covered whole, a footer does not reach listings far above it.
const FRAMING_REACH: u32 = 2_000;

/// The share of positive-weight hits that lie within [`FRAMING_REACH`] of a `describes` hit (1 when
/// there is no positive hit: nothing to scale).
fn near_share(model: &Model, hits: &[RawHit]) -> f64 {
    let mut describing: Vec<u32> = hits
        .iter()
        .filter(|h| {
            model.categories[model.rules[h.rule as usize].category_idx as usize].framing
                == Framing::Describes
        })
        .map(|h| h.start)
        .collect();
    describing.sort_unstable();
    let (mut positive, mut near) = (0usize, 0usize);
    for h in hits.iter().filter(|h| model.weight(h.rule) > 0.0) {
        positive += 1;
        // The nearest describing hit at or after, and the one before.
        let i = describing.partition_point(|&d| d < h.start);
        let close = |d: u32| d.abs_diff(h.start) <= FRAMING_REACH;
        if describing.get(i).is_some_and(|&d| close(d)) || (i > 0 && close(describing[i - 1])) {
            near += 1;
        }
    }
    if positive == 0 {
        1.0
    } else {
        near as f64 / positive as f64
    }
}

/// The factor by which `describes` counter-evidence (`points` ≤ 0) scales a family's points.
pub(crate) fn framing_scale(points: f64, solicits: bool) -> f64 {
    let divisor = if solicits { 4.0 } else { 2.0 };
    (points.min(0.0) / divisor).exp()
}

pub(crate) fn score(model: &Model, hits: &[RawHit], thresholds: &Thresholds) -> Scored {
    if hits.is_empty() {
        // Most texts: nothing to score.
        return Scored {
            label: Label::Clean,
            top: None,
            family_points: vec![0.0; model.families.len()],
            categories: Vec::new(),
            combos: Vec::new(),
            framing_scale: 1.0,
        };
    }
    let n_cat = model.categories.len();
    // Distinct fired rules, grouped by category.
    let mut fired: Vec<u32> = hits.iter().map(|h| h.rule).collect();
    fired.sort_unstable();
    fired.dedup();
    let mut by_cat: Vec<Vec<u32>> = vec![Vec::new(); n_cat];
    for &r in &fired {
        by_cat[model.rules[r as usize].category_idx as usize].push(r);
    }
    // Which categories fired, for the combinations' category terms (one lookup instead of a scan).
    let cat_fired: Vec<bool> = by_cat.iter().map(|rules| !rules.is_empty()).collect();
    let mut family_points = vec![0.0; model.families.len()];
    let mut positive_cats = vec![0usize; model.families.len()];
    let mut categories = Vec::new();
    let (mut describes, mut solicits) = (0.0, false);
    let mut weights: Vec<f64> = Vec::new();
    for (c, rules) in by_cat.into_iter().enumerate() {
        if rules.is_empty() {
            continue;
        }
        let (p, n) = if let [r] = rules[..] {
            // Most categories fire one rule: no sorting, no allocation.
            let w = model.weight(r);
            (w.max(0.0), w.min(0.0))
        } else {
            weights.clear();
            weights.extend(rules.iter().map(|&r| model.weight(r)).filter(|w| *w > 0.0));
            let p = diminishing(&mut weights);
            weights.clear();
            weights.extend(rules.iter().map(|&r| model.weight(r)).filter(|w| *w < 0.0));
            (p, diminishing(&mut weights))
        };
        match model.categories[c].framing {
            Framing::Describes => {
                describes += p + n;
                categories.push((c as u32, p + n, rules));
                continue;
            }
            Framing::Solicits => solicits = true,
            Framing::None => {}
        }
        match model.categories[c].family_idx {
            Some(f) => {
                family_points[f as usize] += p + n;
                if p > 0.0 {
                    positive_cats[f as usize] += 1;
                }
            }
            None => {
                // Applies to every family.
                for fp in &mut family_points {
                    *fp += p + n;
                }
            }
        }
        categories.push((c as u32, p + n, rules));
    }
    let mut combos = Vec::new();
    let mut window = Window::default();
    // Only topics fired (the common case): only combinations topics can satisfy need checking.
    let only_topics = fired.iter().all(|&r| model.weight(r) == 0.0);
    for (k, combo) in model.combinations.iter().enumerate() {
        if only_topics && !model.topic_capable[k] {
            continue;
        }
        if combination_fires(model, combo, hits, &fired, &cat_fired, &mut window) {
            family_points[combo.family_idx as usize] += combo.weight;
            combos.push(k as u32);
        }
    }
    // Framing is local: a warning in a job board's footer must not clear a lure three listings up.
    // The describing evidence counts in proportion to the positive hits it sits near.
    let describes = if describes < 0.0 {
        describes * near_share(model, hits)
    } else {
        describes
    };
    let scale = framing_scale(describes, solicits);
    if scale < 1.0 {
        for fp in family_points.iter_mut().filter(|p| **p > 0.0) {
            *fp *= scale;
        }
    }
    let top = family_points
        .iter()
        .enumerate()
        .filter(|(_, p)| **p > 0.0)
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let label = match top {
        None => Label::Clean,
        Some(f) => {
            let r = risk(family_points[f]);
            if r >= thresholds.scam && positive_cats[f] >= thresholds.scam_min_categories {
                Label::Scam
            } else if r >= thresholds.suspicious {
                Label::Suspicious
            } else {
                Label::Clean
            }
        }
    };
    Scored {
        label,
        top,
        family_points,
        categories,
        combos,
        framing_scale: scale,
    }
}

fn term_fired(term: Term, fired: &[u32], cat_fired: &[bool]) -> bool {
    match term {
        Term::Rule(r) => fired.binary_search(&r).is_ok(),
        Term::Category(c) => cat_fired[c as usize],
    }
}

fn term_of_hit(model: &Model, term: Term, rule: u32) -> bool {
    match term {
        Term::Rule(r) => r == rule,
        Term::Category(c) => model.rules[rule as usize].category_idx == c,
    }
}

fn clauses_hold(combo: &crate::model::Combination, present: impl Fn(usize) -> bool) -> bool {
    // Terms are numbered: all_of, then any_of, then of.
    // Short-circuits: most texts fail the first `all_of` term of most combinations.
    let na = combo.all_of.len();
    let ny = combo.any_of.len();
    if !(0..na).all(&present) || (ny > 0 && !(na..na + ny).any(&present)) {
        return false;
    }
    if combo.at_least == 0 {
        return true;
    }
    let mut found = 0;
    for i in na + ny..na + ny + combo.of.len() {
        if present(i) {
            found += 1;
            if found >= combo.at_least {
                return true;
            }
        }
    }
    false
}

/// Buffers of the proximity check, reused across the combinations of one text.
#[derive(Default)]
struct Window {
    events: Vec<(u32, u32, usize)>,
    counts: Vec<u32>,
}

fn combination_fires(
    model: &Model,
    combo: &crate::model::Combination,
    hits: &[RawHit],
    fired: &[u32],
    cat_fired: &[bool],
    window_buf: &mut Window,
) -> bool {
    let terms = &combo.terms;
    if !clauses_hold(combo, |i| term_fired(terms[i], fired, cat_fired)) {
        return false;
    }
    let Some(window) = combo.within else {
        return true;
    };
    // Proximity: some window of `within` bytes of normalised text holds hits satisfying every clause.
    let Window { events, counts } = window_buf;
    events.clear();
    for h in hits {
        for (i, &t) in terms.iter().enumerate() {
            if term_of_hit(model, t, h.rule) {
                events.push((h.start, h.end, i));
            }
        }
    }
    events.sort_unstable();
    counts.clear();
    counts.resize(terms.len(), 0);
    let mut left = 0;
    for right in 0..events.len() {
        counts[events[right].2] += 1;
        while events[right].1.saturating_sub(events[left].0) as usize > window {
            counts[events[left].2] -= 1;
            left += 1;
        }
        if clauses_hold(combo, |i| counts[i] > 0) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_curve_matches_documented_thresholds() {
        assert!(risk(2.1) >= 0.5 && risk(2.0) < 0.5);
        assert!(risk(4.83) >= 0.8 && risk(4.8) < 0.8);
        assert_eq!(risk(-3.0), 0.0);
    }

    #[test]
    fn framing_scales_instead_of_subtracting() {
        assert_eq!(framing_scale(0.0, false), 1.0);
        assert_eq!(framing_scale(2.0, true), 1.0);
        // A -5 advisory leaves 8 % of any amount of quoted evidence, 29 % when the text also solicits.
        assert!((framing_scale(-5.0, false) - 0.0821).abs() < 1e-3);
        assert!((framing_scale(-5.0, true) - 0.2865).abs() < 1e-3);
        // Twelve points of quoted indicators stay below `suspicious` under a -5 advisory.
        assert!(risk(12.0 * framing_scale(-5.0, false)) < 0.5);
    }

    #[test]
    fn diminishing_returns() {
        assert_eq!(diminishing(&mut [1.0, 2.0, 1.0]), 2.0 + 0.5 + 0.25);
        assert_eq!(diminishing(&mut [-1.0, -4.0]), -4.0 - 0.5);
    }
}
