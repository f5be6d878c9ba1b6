//! Channels: the vertical runs of jumps in the gaps between lanes, and
//! the heights at which jumps leave and enter the sides of symbols.

use std::collections::{BTreeSet, HashMap};

use super::{Geometri, key};
use crate::flow::{Flow, Sisi};

/// Distance between neighbouring channel slots.
const SLOT: f64 = 1.5;
/// Room between a symbol and the first channel slot.
const CLEAR: f64 = 1.5;
/// Room between a channel and the table's outer rule.
const RULE: f64 = 0.8;

/// The x (from the centre of lane 0) of the vertical channel of each jump
/// drawn on one page. Slots lie in the gaps beside the lanes (gap 0 left
/// of lane 0, gap k between lanes k-1 and k); shortest spans go first so
/// they nest inside longer ones.
pub(super) fn channels(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    warnings: &mut Vec<String>,
) -> HashMap<usize, f64> {
    let n = flow.lanes;
    let mut jumps: Vec<usize> = (0..flow.edges.len())
        .filter(|i| flow.edges[*i].sisi != Sisi::Bawah && !putus.contains(i))
        .collect();
    jumps.sort_by_key(|&i| {
        let e = &flow.edges[i];
        (e.from.abs_diff(e.to), e.from.min(e.to), i)
    });
    // Occupied row spans per slot x (in hundredths of a millimetre).
    let mut used: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    let mut out = HashMap::new();
    for i in jumps {
        let e = &flow.edges[i];
        let span = (e.from.min(e.to), e.from.max(e.to));
        let gaps: Vec<usize> = match e.sisi {
            Sisi::Kanan => (e.from_lane.max(e.to_lane) + 1..=n).collect(),
            _ => (0..=e.from_lane.min(e.to_lane)).rev().collect(),
        };
        let free = |x: f64, used: &HashMap<i64, Vec<(usize, usize)>>| {
            used.get(&key(x))
                .is_none_or(|v| v.iter().all(|&(a, b)| b < span.0 || a > span.1))
        };
        let mut chosen = None;
        'gaps: for &gap in &gaps {
            let mut xs = slots(g, gap, n);
            if e.sisi == Sisi::Kiri {
                xs.reverse();
            }
            for x in xs {
                if free(x, &used) {
                    chosen = Some(x);
                    break 'gaps;
                }
            }
        }
        let x = chosen.unwrap_or_else(|| {
            warnings.push(format!(
                "langkah {}: tidak ada lagi ruang untuk jalur panah ke langkah {}; garisnya bisa bertumpuk",
                e.from + 1,
                e.to + 1
            ));
            let outer = *gaps.last().expect("at least one gap");
            let xs = slots(g, outer, n);
            if e.sisi == Sisi::Kiri { xs[0] } else { *xs.last().expect("a slot") }
        });
        used.entry(key(x)).or_default().push(span);
        out.insert(i, x);
    }
    out
}

/// The channel slots of a gap, from left to right; at least one.
fn slots(g: &Geometri, gap: usize, lanes: usize) -> Vec<f64> {
    let hw = g.lebar_simbol / 2.0;
    let centre = |lane: usize| lane as f64 * g.lebar_lajur;
    let lo = if gap == 0 {
        -g.lebar_lajur / 2.0 + RULE
    } else {
        centre(gap - 1) + hw + CLEAR
    };
    let hi = if gap == lanes {
        centre(lanes - 1) + g.lebar_lajur / 2.0 - RULE
    } else {
        centre(gap) - hw - CLEAR
    };
    if hi < lo {
        return vec![(lo + hi) / 2.0];
    }
    let count = ((hi - lo) / SLOT).floor() as usize + 1;
    (0..count).map(|k| lo + k as f64 * SLOT).collect()
}

/// Heights (from the symbol's centre) where each jump leaves (`false`) and
/// enters (`true`) its symbol. Exits use the side's middle (a diamond's
/// vertex); entries from above sit above the middle and from below under
/// it, the outer channel nearer the middle, so the runs into a side never
/// cross each other's channel.
pub(super) fn ports(
    flow: &Flow,
    g: &Geometri,
    kanal: &HashMap<usize, f64>,
) -> HashMap<(usize, bool), f64> {
    let hh = g.tinggi_simbol / 2.0;
    // (step, lane, side) → (exits, entries from above, entries from below)
    type Side = (Vec<usize>, Vec<(f64, usize)>, Vec<(f64, usize)>);
    let mut sides: HashMap<(usize, usize, Sisi), Side> = HashMap::new();
    for (i, e) in flow.edges.iter().enumerate() {
        if e.sisi == Sisi::Bawah {
            continue;
        }
        sides
            .entry((e.from, e.from_lane, e.sisi))
            .or_default()
            .0
            .push(i);
        // A jump without a channel crosses a page: it arrives from above.
        let Some(k) = kanal.get(&i) else { continue };
        let dist = (k - e.to_lane as f64 * g.lebar_lajur).abs();
        let side = sides.entry((e.to, e.to_lane, e.sisi)).or_default();
        if e.from < e.to {
            side.1.push((dist, i));
        } else {
            side.2.push((dist, i));
        }
    }
    let mut out = HashMap::new();
    for (exits, mut above, mut below) in sides.into_values() {
        for i in &exits {
            out.insert((*i, false), 0.0);
        }
        if exits.is_empty() && above.len() + below.len() == 1 {
            for (_, i) in above.iter().chain(&below) {
                out.insert((*i, true), 0.0);
            }
            continue;
        }
        let most = above.len().max(below.len()) as f64;
        let d = (1.0_f64).min((hh - 0.5) / most);
        for (group, sign) in [(&mut above, -1.0), (&mut below, 1.0)] {
            group.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for (k, (_, i)) in group.iter().enumerate() {
                out.insert((*i, true), sign * (k as f64 + 1.0) * d);
            }
        }
    }
    out
}
