//! Channels: the vertical runs of jumps, in the gaps between lanes or
//! through lanes that are empty in those rows, chosen to cross as few
//! lines as possible; and the heights at which jumps leave and enter the
//! sides of symbols.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::peta::Peta;
use super::{Geometri, key};
use crate::flow::{Flow, Simbol, Sisi};

/// Distance between neighbouring channel slots.
const SLOT: f64 = 1.5;
/// Room between a symbol and a channel.
const CLEAR: f64 = 1.5;
/// Room between a channel and a lane's rule.
const RULE: f64 = 1.0;
/// The least distance between an entry and an exit of one side.
const BESIDE_EXIT: f64 = 1.4;

/// Jumps that share a trunk: into one side of one target, all from above
/// or all from below. The first (the farthest) draws it.
#[derive(Debug, Clone)]
struct Grup {
    edges: Vec<usize>,
    sisi: Sisi,
    /// The rows the trunk spans.
    span: (usize, usize),
    /// The lanes its runs leave and enter.
    lanes: (usize, usize),
}

/// What jumps sharing a trunk have in common: target step and lane, side,
/// and whether they come from above. `None` for an arrow drawn down
/// (no jump) or cut by a page break (drawn as connectors).
type Batang = (usize, usize, bool, bool);

/// The trunk jump `i` draws or joins.
fn batang(flow: &Flow, putus: &BTreeSet<usize>, i: usize) -> Option<Batang> {
    let e = &flow.edges[i];
    (e.sisi != Sisi::Bawah && !putus.contains(&i)).then_some((
        e.to,
        e.to_lane,
        e.sisi == Sisi::Kanan,
        e.from < e.to,
    ))
}

/// Whether jump `i` shares its trunk with another jump.
pub(super) fn shares_trunk(flow: &Flow, putus: &BTreeSet<usize>, i: usize) -> bool {
    batang(flow, putus, i)
        .is_some_and(|b| (0..flow.edges.len()).any(|j| j != i && batang(flow, putus, j) == Some(b)))
}

/// The jumps drawn on one page, grouped by shared trunk, shortest spans
/// first so they nest inside longer ones.
fn groups(flow: &Flow, putus: &BTreeSet<usize>) -> Vec<Grup> {
    let mut by: BTreeMap<Batang, Vec<usize>> = BTreeMap::new();
    for i in 0..flow.edges.len() {
        if let Some(b) = batang(flow, putus, i) {
            by.entry(b).or_default().push(i);
        }
    }
    let mut out: Vec<Grup> = by
        .into_values()
        .map(|mut edges| {
            let far = |i: &usize| flow.edges[*i].from.abs_diff(flow.edges[*i].to);
            edges.sort_by_key(|i| (std::cmp::Reverse(far(i)), *i));
            let rows: Vec<usize> = edges
                .iter()
                .flat_map(|&i| [flow.edges[i].from, flow.edges[i].to])
                .collect();
            let lanes: Vec<usize> = edges
                .iter()
                .flat_map(|&i| [flow.edges[i].from_lane, flow.edges[i].to_lane])
                .collect();
            Grup {
                sisi: flow.edges[edges[0]].sisi,
                span: (
                    *rows.iter().min().expect("a jump"),
                    *rows.iter().max().expect("a jump"),
                ),
                lanes: (
                    *lanes.iter().min().expect("a jump"),
                    *lanes.iter().max().expect("a jump"),
                ),
                edges,
            }
        })
        .collect();
    out.sort_by_key(|gr| (gr.span.1 - gr.span.0, gr.span.0, gr.edges[0]));
    out
}

/// The x of every slot a channel on side `sisi` of lanes `lanes` may take
/// over rows `span`, best first: the gaps and empty lanes nearest the
/// symbols, moving outwards.
fn slots(
    flow: &Flow,
    g: &Geometri,
    sisi: Sisi,
    lanes: (usize, usize),
    span: (usize, usize),
) -> Vec<f64> {
    let n = flow.lanes;
    let l = g.lebar_lajur;
    let hw = g.lebar_simbol / 2.0;
    // A lane is blocked where a symbol of one of the rows stands in it.
    let busy: Vec<bool> = (0..n)
        .map(|k| (span.0..=span.1).any(|r| flow.step_lanes[r].contains(&k)))
        .collect();
    let mut xs = Vec::new();
    let strip = |lo: f64, hi: f64, xs: &mut Vec<f64>| {
        if hi < lo {
            return;
        }
        let count = ((hi - lo) / SLOT).floor() as usize + 1;
        let mut s: Vec<f64> = (0..count).map(|k| lo + k as f64 * SLOT).collect();
        if sisi == Sisi::Kiri {
            s.reverse();
        }
        xs.extend(s);
    };
    let order: Vec<usize> = match sisi {
        Sisi::Kanan => (lanes.1..n).collect(),
        _ => (0..=lanes.0).rev().collect(),
    };
    for k in order {
        let c = k as f64 * l;
        let (left, right) = (c - l / 2.0 + RULE, c + l / 2.0 - RULE);
        if !busy[k] {
            strip(left, right, &mut xs);
            continue;
        }
        // The halves beside the symbol, the side away from the source first.
        let (near, far) = ((c + hw + CLEAR, right), (left, c - hw - CLEAR));
        match sisi {
            Sisi::Kanan => {
                if k != lanes.1 {
                    strip(far.0, far.1, &mut xs);
                }
                strip(near.0, near.1, &mut xs);
            }
            _ => {
                if k != lanes.0 {
                    strip(near.0, near.1, &mut xs);
                }
                strip(far.0, far.1, &mut xs);
            }
        }
    }
    xs
}

/// A trial drawing of a group's lines with its channel at `x`, in the
/// map's coordinates (exits and entries at their side's middle).
fn trial(flow: &Flow, g: &Geometri, gr: &Grup, x: f64, owner: usize) -> Peta {
    let mut p = Peta::default();
    let hw = g.lebar_simbol / 2.0;
    let s = if gr.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
    let side = |lane: usize| lane as f64 * g.lebar_lajur + s * hw;
    let primary = &flow.edges[gr.edges[0]];
    let ty = if primary.from < primary.to { -1.0 } else { 1.0 };
    for &i in &gr.edges {
        let e = &flow.edges[i];
        p.line(owner, (e.from, side(e.from_lane), 0.0), (e.from, x, 0.0));
    }
    p.line(owner, (primary.from, x, 0.0), (primary.to, x, ty));
    p.line(
        owner,
        (primary.to, x, ty),
        (primary.to, side(primary.to_lane), ty),
    );
    p
}

/// How many labels of the group's jumps find no stretch of their exit run
/// to `x` long enough inside one lane.
fn misfits(flow: &Flow, g: &Geometri, gr: &Grup, x: f64, lebar: &dyn Fn(&str) -> f64) -> usize {
    let l = g.lebar_lajur;
    let s = if gr.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
    gr.edges
        .iter()
        .filter(|&&i| {
            let e = &flow.edges[i];
            let Some(text) = &e.label else { return false };
            let need = lebar(text) + 1.0;
            let start = e.from_lane as f64 * l + s * (g.lebar_simbol / 2.0 + 0.6);
            // The run's stretches between the lanes' rules.
            let mut a = start;
            loop {
                let lane = ((a + s * 0.01) / l).round();
                let rule = lane * l + s * l / 2.0;
                let end = if s * rule < s * x { rule } else { x };
                if (end - a).abs() >= need {
                    return false;
                }
                if s * rule >= s * x {
                    return true;
                }
                a = rule;
            }
        })
        .count()
}

/// What is drawn before any jump: arrows to the next step and the joins
/// of shared steps, roughly where `turun` puts them.
fn fixed(flow: &Flow, g: &Geometri) -> Peta {
    let mut p = Peta::default();
    let hh = g.tinggi_simbol / 2.0;
    let l = g.lebar_lajur;
    for (owner, e) in flow.edges.iter().enumerate() {
        if e.sisi != Sisi::Bawah {
            continue;
        }
        let (a, b) = (e.from_lane as f64 * l, e.to_lane as f64 * l);
        let y = hh + g.belok();
        p.line(owner, (e.from, a, hh), (e.from, a, y));
        p.line(owner, (e.from, a, y), (e.from, b, y));
        p.line(owner, (e.from, b, y), (e.to, b, -hh));
    }
    let hw = g.lebar_simbol / 2.0;
    for (step, ls) in flow.step_lanes.iter().enumerate() {
        for w in ls.windows(2) {
            let (a, b) = (w[0] as f64 * l + hw, w[1] as f64 * l - hw);
            p.line(usize::MAX - step, (step, a, 0.0), (step, b, 0.0));
        }
    }
    p
}

/// Where the jumps of one page run.
pub(super) struct Kanal {
    /// The x (from the centre of lane 0) of each jump's channel.
    pub x: HashMap<usize, f64>,
    /// The jump that draws the trunk each shares.
    pub trunk: HashMap<usize, usize>,
    /// The jumps whose free slots all pass a connector beside its symbol
    /// (each warned about), drawn against the table's edge.
    pub sempit: Vec<usize>,
}

/// The channel of each jump drawn on one page. A group with a jump in
/// `luar` takes, of its slots that cross least, the farthest from its
/// symbols rather than the nearest.
pub(super) fn channels(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    luar: &BTreeSet<usize>,
    lebar: &dyn Fn(&str) -> f64,
    warnings: &mut Vec<(usize, String)>,
) -> Kanal {
    let mut drawn = fixed(flow, g);
    // Occupied row spans per slot x (in hundredths of a millimetre).
    let mut used: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    let mut kanal = HashMap::new();
    let mut trunk = HashMap::new();
    let mut sempit = Vec::new();
    for (n, gr) in groups(flow, putus).into_iter().enumerate() {
        let owner = flow.edges.len() + n;
        let free = |x: f64, used: &HashMap<i64, Vec<(usize, usize)>>| {
            used.get(&key(x))
                .is_none_or(|v| v.iter().all(|&(a, b)| b < gr.span.0 || a > gr.span.1))
        };
        // Connectors beside their symbols in the rows the trunk passes:
        // a connector hangs below its exit, where a trunk runs in every
        // row of its span but the last, which it enters from above.
        let blocked = |x: f64| {
            putus.iter().any(|&i| {
                let e = &flow.edges[i];
                e.sisi != Sisi::Bawah
                    && (gr.span.0..gr.span.1).contains(&e.from)
                    && super::lompat::beside(g, e)
                        .is_some_and(|c| (x - c).abs() < g.penghubung / 2.0 + 0.5)
            })
        };
        let open: Vec<f64> = slots(flow, g, gr.sisi, gr.lanes, gr.span)
            .into_iter()
            .filter(|x| free(*x, &used))
            .collect();
        let xs: Vec<f64> = open.iter().copied().filter(|x| !blocked(*x)).collect();
        // The slot that crosses least; among equals, one whose exit runs
        // hold their labels; then the nearest (or the farthest).
        let out = gr.edges.iter().any(|i| luar.contains(i));
        let best = xs
            .iter()
            .enumerate()
            .map(|(k, &x)| {
                let crossings = drawn.crossings_with(&trial(flow, g, &gr, x, owner));
                let k = if out { xs.len() - k } else { k };
                ((crossings, misfits(flow, g, &gr, x, lebar), k), x)
            })
            .min_by_key(|(score, _)| *score)
            .map(|(_, x)| x);
        let x = best.unwrap_or_else(|| {
            if !open.is_empty() {
                sempit.extend(&gr.edges);
            }
            let e = &flow.edges[gr.edges[0]];
            warnings.push((
                e.from,
                format!(
                    "langkah {}: tidak ada lagi ruang untuk jalur panah ke langkah {}; garisnya bisa bertumpuk",
                    e.from + 1,
                    e.to + 1
                ),
            ));
            let l = g.lebar_lajur;
            match gr.sisi {
                Sisi::Kiri => -l / 2.0 + RULE,
                _ => (flow.lanes as f64 - 0.5) * l - RULE,
            }
        });
        used.entry(key(x)).or_default().push(gr.span);
        let t = trial(flow, g, &gr, x, owner);
        for (row, rs) in t.ruas {
            drawn.ruas.entry(row).or_default().extend(rs);
        }
        for &i in &gr.edges {
            kanal.insert(i, x);
            trunk.insert(i, gr.edges[0]);
        }
    }
    Kanal {
        x: kanal,
        trunk,
        sempit,
    }
}

/// Heights (from the symbol's centre) where each jump leaves (`false`) and
/// enters (`true`) its symbol. Exits use the side's middle (a diamond's
/// vertex); entries from above sit above the middle and from below under
/// it, well away from an exit, the outer channel nearer the middle so the
/// runs into a side never cross each other's channel. Jumps sharing a
/// trunk share its entry.
pub(super) fn ports(
    flow: &Flow,
    g: &Geometri,
    kanal: &HashMap<usize, f64>,
    trunk: &HashMap<usize, usize>,
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
        // A jump without a channel crosses a page: it arrives from above;
        // one that joins a trunk enters with it.
        let Some(k) = kanal.get(&i) else { continue };
        if trunk.get(&i).is_some_and(|t| *t != i) {
            continue;
        }
        let dist = (k - e.to_lane as f64 * g.lebar_lajur).abs();
        let side = sides.entry((e.to, e.to_lane, e.sisi)).or_default();
        if e.from < e.to {
            side.1.push((dist, i));
        } else {
            side.2.push((dist, i));
        }
    }
    let mut out = HashMap::new();
    for ((step, _, _), (exits, mut above, mut below)) in sides {
        for i in &exits {
            out.insert((*i, false), 0.0);
        }
        let diamond = flow.symbols[step] == Simbol::Keputusan;
        if exits.is_empty() && above.len() + below.len() == 1 && !diamond {
            for (_, i) in above.iter().chain(&below) {
                out.insert((*i, true), 0.0);
            }
            continue;
        }
        // Off the middle, where exits leave: on a diamond well up its edge.
        // Beside an exit, as far from it as the side allows, so the entry
        // and the exit, which run the same way, read as two lines.
        let (first, last) = match (diamond, exits.is_empty()) {
            (true, true) => (0.4 * hh, 0.7 * hh),
            (false, true) => (1.0, hh - 0.4),
            (true, false) => (BESIDE_EXIT.min(0.65 * hh), 0.65 * hh),
            (false, false) => (BESIDE_EXIT.min(hh - 0.7), hh - 0.7),
        };
        let most = above.len().max(below.len());
        for (group, sign) in [(&mut above, -1.0), (&mut below, 1.0)] {
            group.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let n = if exits.is_empty() { most } else { group.len() };
            let d = if n > 1 {
                ((last - first) / (n - 1) as f64).min(1.0)
            } else {
                0.0
            };
            // Spread from `first`, or packed against `last` beside an exit.
            let start = if exits.is_empty() {
                first
            } else {
                last - d * group.len().saturating_sub(1) as f64
            };
            for (k, (_, i)) in group.iter().enumerate() {
                out.insert((*i, true), sign * (start + k as f64 * d));
            }
        }
    }
    // A jump that joins a trunk enters where the trunk does.
    for (&i, &t) in trunk {
        if i != t
            && let Some(&y) = out.get(&(t, true))
        {
            out.insert((i, true), y);
        }
    }
    out
}
