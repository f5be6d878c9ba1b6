//! Jumps (loops back and skips forward): out of a side, along a vertical
//! channel, into the side of the target; jumps into one side of one
//! target share the trunk of the farthest, each joining it with a dot.
//! Across a page break, out of a side into a connector beside the symbol.

use super::bentuk::edge_x;
use super::{
    Arah, Cx, Gambar, LabelCabang, Panah, Penghubung, Ruang, Sudut, TEPI_PENGHUBUNG, asal, dx,
    putus, tujuan,
};
use crate::flow::{Edge, Simbol, Sisi};

/// Where the jump leaves its source: the side (+1 right, -1 left) and the
/// exit point.
fn exit(cx: &Cx, i: usize, e: &Edge) -> (f64, f64, f64) {
    let g = cx.g;
    let s = if e.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
    let ey = cx.ports[&(i, false)];
    let ex = s * edge_x(cx.flow.symbols[e.from], g.hw(), g.hh(), ey);
    (s, ex, ey)
}

/// The places a jump's label may take near its exit `(ex, ey)` on side
/// `s` of a run to `kx`, reading away from the symbol: beside the exit
/// line, then along the run in each lane it crosses, then above and below
/// the symbol on that side.
fn candidates(
    cx: &Cx,
    e: &Edge,
    isi: &str,
    (s, ex, ey): (f64, f64, f64),
    kx: f64,
) -> Vec<LabelCabang> {
    let g = cx.g;
    let (hh, hw, l) = (g.hh(), g.hw(), g.lebar_lajur);
    let (out_kanan, in_kanan) = (s < 0.0, s > 0.0);
    let label = |x, y, kanan, bawah| LabelCabang {
        isi: isi.into(),
        x,
        y,
        sudut: Sudut::new(kanan, bawah),
    };
    // A loop's channel goes up from the exit, a skip's down: first try the
    // other side of the exit line.
    let (first, second) = if e.to < e.from {
        ((ey + 0.3, false), (ey - 0.3, true))
    } else {
        ((ey - 0.3, true), (ey + 0.3, false))
    };
    let mut out = vec![
        label(ex + s * 0.6, first.0, out_kanan, first.1),
        label(ex + s * 0.6, second.0, out_kanan, second.1),
    ];
    // Past each rule the run crosses, just inside the next lane.
    let mut k = 1.0;
    while k * l - l / 2.0 < s * kx {
        let edge = s * (k * l - l / 2.0) + s * 0.35;
        for (y, bawah) in [first, second] {
            out.push(label(edge, y, out_kanan, bawah));
        }
        k += 1.0;
    }
    out.push(label(s * hw, -hh - 0.3, in_kanan, true));
    out.push(label(s * hw, hh + 0.3, in_kanan, false));
    // Over or under the symbol, from beside its middle outwards, where a
    // taller row can give room; last beyond the channel.
    out.push(label(
        s * (0.45 * cx.g.ujung + 0.6),
        -hh - 0.3,
        out_kanan,
        true,
    ));
    out.push(label(s * 0.4, hh + 0.3, out_kanan, false));
    for (y, bawah) in [first, second] {
        out.push(label(kx + s * 0.4, y, out_kanan, bawah));
    }
    if cx.flow.symbols[e.from] == Simbol::Keputusan {
        out.extend(tucked(cx, (s, ex), (first, second), &label));
    }
    out
}

/// Places beside a decision's exit `ex` on side `s` where its lane leaves
/// too little room beyond the vertex: the label reaches back over the
/// diamond's corner, raised just clear of its slanted edge, so it still
/// stands by the line it names rather than by the arrow entering the top.
fn tucked(
    cx: &Cx,
    (s, ex): (f64, f64),
    sides: ((f64, bool), (f64, bool)),
    label: &dyn Fn(f64, f64, bool, bool) -> LabelCabang,
) -> Vec<LabelCabang> {
    let (hw, hh) = (cx.g.hw(), cx.g.hh());
    let mut out = Vec::new();
    let mut d = 0.5;
    while d < ex.abs() {
        // The edge's height where the label's inner side stands, and a
        // little more.
        let lift = hh * (1.0 - (ex.abs() - d) / hw) + KE_SISI;
        for (y, bawah) in [sides.0, sides.1] {
            let y = if bawah { y.min(-lift) } else { y.max(lift) };
            out.push(label(ex - s * d, y, s < 0.0, bawah));
        }
        d += 0.5;
    }
    out
}

/// How far above (or below) a diamond's slanted edge a label tucked over
/// its corner stands, in millimetres: a little more than a label keeps
/// from the symbol, measured square to the edge.
const KE_SISI: f64 = 0.35;

/// The jump on one page: the trunk, or the run to the trunk it shares.
pub(super) fn gambar(cx: &Cx, i: usize, e: &Edge, isi: &str) -> Panah {
    let g = cx.g;
    let (hw, hh) = (g.hw(), g.hh());
    let (s, ex, ey) = exit(cx, i, e);
    let kx = cx.kanal[&i] - e.from_lane as f64 * g.lebar_lajur;
    let kandidat = candidates(cx, e, isi, (s, ex, ey), kx);
    let primary = cx.trunk.get(&i).is_none_or(|t| *t == i);
    if !primary {
        return Panah {
            gambar: vec![Gambar {
                ke: Some((e.to, e.to_lane)),
                sambungan: Some(asal(kx, ey)),
                ..Gambar::garis(e.from, e.from_lane, vec![asal(ex, ey), asal(kx, ey)])
            }],
            kandidat,
        };
    }
    let ty = cx.ports[&(i, true)];
    let tx = s * edge_x(cx.flow.symbols[e.to], hw, hh, ty);
    let titik = vec![
        asal(ex, ey),
        asal(kx, ey),
        tujuan(kx, ty),
        tujuan(dx(g, e) + tx, ty),
    ];
    Panah {
        gambar: vec![Gambar {
            ke: Some((e.to, e.to_lane)),
            panah: Some(if e.sisi == Sisi::Kanan {
                Arah::Kiri
            } else {
                Arah::Kanan
            }),
            ..Gambar::garis(e.from, e.from_lane, titik)
        }],
        kandidat,
    }
}

/// Where the connector of a broken jump stands beside its symbol, from
/// the centre of lane 0, if the strip between the symbol and the lane's
/// rule holds it: in the strip's middle, or nearer the symbol (under its
/// corner) to keep [`TEPI_PENGHUBUNG`] from the rule.
pub(super) fn beside(g: &super::Geometri, e: &Edge) -> Option<f64> {
    let s = if e.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
    let room = g.lebar_lajur / 2.0 - g.hw();
    let off = (room / 2.0).min(room - TEPI_PENGHUBUNG - g.penghubung / 2.0);
    (room >= g.penghubung + 0.5).then(|| e.from_lane as f64 * g.lebar_lajur + s * (g.hw() + off))
}

/// The jump across a page break: out of the side and down into a
/// connector beside the symbol, or, where the lane is too narrow, under
/// it; the same letter arrives on top of the target.
pub(super) fn putus(
    cx: &Cx,
    i: usize,
    e: &Edge,
    isi: &str,
    huruf: &str,
    ruang: &mut Ruang,
) -> Panah {
    let g = cx.g;
    let (hw, hh, p) = (g.hw(), g.hh(), g.penghubung);
    let (s, ex, ey) = exit(cx, i, e);
    let (titik, kx, top) = if let Some(kx) = beside(g, e) {
        // Beside: in the strip between the symbol and the lane's rule.
        let kx = kx - e.from_lane as f64 * g.lebar_lajur;
        let top = ey + g.pendek();
        (vec![asal(ex, ey), asal(kx, ey), asal(kx, top)], kx, top)
    } else {
        // Under: round the symbol's corner, then down beside the middle
        // (below any connector of the arrow to the next step).
        let turn = s * (hw + 0.7);
        let under = if cx.putus_turun.contains(&e.from) {
            hh + g.pendek() + p + 0.6
        } else {
            hh + 0.9
        };
        let kx = s * (p / 2.0 + 0.6);
        let top = under + g.pendek();
        let titik = vec![
            asal(ex, ey),
            asal(turn, ey),
            asal(turn, under),
            asal(kx, under),
            asal(kx, top),
        ];
        (titik, kx, top)
    };
    ruang.bawah(e.from, top + p + 0.6 - hh);
    let mut kandidat = candidates(cx, e, isi, (s, ex, ey), kx);
    kandidat.retain(|l| l.y < hh);
    let leaving = Gambar {
        panah: Some(Arah::Bawah),
        penghubung: Some(Penghubung {
            huruf: huruf.into(),
            x: kx - p / 2.0,
            y: top,
        }),
        ..Gambar::garis(e.from, e.from_lane, titik)
    };
    let dst = cx.flow.symbols[e.to];
    Panah {
        gambar: vec![
            leaving,
            putus::arriving(e.to, e.to_lane, cx.tops[&i], dst, g, huruf, ruang),
        ],
        kandidat,
    }
}
