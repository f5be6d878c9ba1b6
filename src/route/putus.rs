//! Off-page connectors: which arrows get one, their letters, and where on
//! top of its target each arriving connector stands.

use std::collections::{BTreeSet, HashMap};

use super::bentuk::top_y;
use super::{Arah, Gambar, Geometri, Penghubung, Ruang, asal, key};
use crate::flow::{Flow, Simbol, Sisi};
use crate::nilai::huruf::huruf;

/// Connector letters A, B, … per SOP, in the order the pentagons appear
/// (the earlier end of each broken arrow first), so re-builds agree.
pub(super) fn letters(flow: &Flow, putus: &BTreeSet<usize>) -> HashMap<usize, String> {
    let mut broken: Vec<usize> = putus
        .iter()
        .copied()
        .filter(|&i| i < flow.edges.len())
        .collect();
    broken.sort_by_key(|&i| {
        let e = &flow.edges[i];
        (e.from.min(e.to), e.from, i)
    });
    broken
        .into_iter()
        .enumerate()
        .map(|(k, i)| (i, huruf(k)))
        .collect()
}

/// Where on top of its target each broken arrow arrives: the arrow from
/// the step before in the middle, jumps beside it on their own side first.
pub(super) fn arrivals(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    warnings: &mut Vec<(usize, String)>,
) -> HashMap<usize, f64> {
    let off = g.penghubung + 0.5;
    let mut taken: HashMap<(usize, usize), Vec<i64>> = HashMap::new();
    let mut out = HashMap::new();
    let mut broken: Vec<usize> = putus
        .iter()
        .copied()
        .filter(|&i| i < flow.edges.len())
        .collect();
    // Arrows from the step before first: they own the middle.
    broken.sort_by_key(|&i| (flow.edges[i].sisi != Sisi::Bawah, i));
    for i in broken {
        let e = &flow.edges[i];
        let s = if e.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
        let options = match e.sisi {
            Sisi::Bawah => vec![0.0],
            _ => vec![s * off, -s * off, 0.0],
        };
        let used = taken.entry((e.to, e.to_lane)).or_default();
        let x = options
            .iter()
            .copied()
            .find(|x| !used.contains(&key(*x)))
            .unwrap_or_else(|| {
                warnings.push((
                    e.to,
                    format!(
                        "langkah {}: terlalu banyak penghubung antarhalaman tiba di satu simbol; penghubungnya bisa bertumpuk",
                        e.to + 1
                    ),
                ));
                options[0]
            });
        used.push(key(x));
        out.insert(i, x);
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
