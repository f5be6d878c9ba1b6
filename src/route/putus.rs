//! Off-page connectors: which arrows get one, their letters, and where on
//! top of its target each arriving connector stands.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::bentuk::top_y;
use super::{Arah, Gambar, Geometri, Penghubung, Ruang, TEPI_PENGHUBUNG, asal};
use crate::flow::{Flow, Simbol, Sisi};
use crate::nilai::huruf::huruf;

/// Connector letters A, B, … per table, one per target: every broken
/// arrow into one symbol shares its letter and its arriving pentagon, as a
/// draftsman joins them. In the order the pentagons appear (the earlier
/// end of each broken arrow first), so re-builds agree.
pub(super) fn letters(flow: &Flow, putus: &BTreeSet<usize>) -> HashMap<usize, String> {
    let mut groups: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &i in putus.iter().filter(|&&i| i < flow.edges.len()) {
        let e = &flow.edges[i];
        groups.entry((e.to, e.to_lane)).or_default().push(i);
    }
    let mut order: Vec<((usize, usize, usize), Vec<usize>)> = groups
        .into_values()
        .map(|edges| {
            let first = edges
                .iter()
                .map(|&i| {
                    let e = &flow.edges[i];
                    (e.from.min(e.to), e.from, i)
                })
                .min()
                .expect("a broken arrow");
            (first, edges)
        })
        .collect();
    order.sort();
    order
        .into_iter()
        .enumerate()
        .flat_map(|(k, (_, edges))| edges.into_iter().map(move |i| (i, huruf(k))))
        .collect()
}

/// Where on top of its target the broken arrows into it arrive, one
/// pentagon a target: in the middle when the arrow from the step before
/// is among them, else beside it on the first jump's side.
pub(super) fn arrivals(flow: &Flow, g: &Geometri, putus: &BTreeSet<usize>) -> HashMap<usize, f64> {
    let off = g.penghubung + 0.5;
    let mut groups: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &i in putus.iter().filter(|&&i| i < flow.edges.len()) {
        let e = &flow.edges[i];
        groups.entry((e.to, e.to_lane)).or_default().push(i);
    }
    let mut out = HashMap::new();
    for edges in groups.into_values() {
        let first = &flow.edges[edges[0]];
        // A diamond's top edge falls to its side vertices: keep near its
        // middle, clear of the arrows into its sides.
        let off = if flow.symbols[first.to] == Simbol::Keputusan {
            g.penghubung / 2.0 + 0.8
        } else {
            off
        };
        // In a narrow lane, as far out as keeps the pentagon clear of its
        // lane's rule and its arrow on the symbol; in the narrowest,
        // halfway between the rule and the middle, where the arrow from
        // the step before comes down.
        let inside = (g.lebar_lajur / 2.0 - g.penghubung / 2.0 - TEPI_PENGHUBUNG)
            .max(g.lebar_lajur / 4.0)
            .min(g.hw() - 0.3);
        let off = off.min(inside);
        let x = if edges.iter().any(|&i| flow.edges[i].sisi == Sisi::Bawah) {
            0.0
        } else if first.sisi == Sisi::Kiri {
            -off
        } else {
            off
        };
        for i in edges {
            out.insert(i, x);
        }
    }
    out
}

/// The arriving half of an off-page connector pair: a pentagon above the
/// symbol at `x` from its centre and an arrow down into its outline; the
/// row grows to hold it.
pub(super) fn arriving(
    step: usize,
    lane: usize,
    x: f64,
    s: Simbol,
    g: &Geometri,
    letter: &str,
    ruang: &mut Ruang,
) -> Gambar {
    let hh = g.hh();
    let end = top_y(s, g.hw(), hh, x);
    let bottom = -hh - g.pendek();
    ruang.atas(step, g.pendek() + g.penghubung + 0.6);
    Gambar {
        panah: Some(Arah::Bawah),
        penghubung: Some(Penghubung {
            huruf: letter.into(),
            x: x - g.penghubung / 2.0,
            y: bottom - g.penghubung,
        }),
        ..Gambar::garis(step, lane, vec![asal(x, bottom), asal(x, end)])
    }
}
