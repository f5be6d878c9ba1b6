//! Jumps (loops back and skips forward): out of a side, along a vertical
//! channel in the gap between lanes, into the side of the target; or,
//! across a page break, out of a side into a connector pair.

use super::bentuk::edge_x;
use super::{Arah, Cx, Gambar, LabelCabang, Panah, Penghubung, Sudut, asal, dx, putus, tujuan};
use crate::flow::{Edge, Sisi};

/// Where the jump leaves its source: the side (+1 right, -1 left) and the
/// exit point.
fn exit(cx: &Cx, i: usize, e: &Edge) -> (f64, f64, f64) {
    let g = cx.g;
    let s = if e.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
    let ey = cx.ports[&(i, false)];
    let ex = s * edge_x(
        cx.flow.symbols[e.from],
        g.lebar_simbol / 2.0,
        g.tinggi_simbol / 2.0,
        ey,
    );
    (s, ex, ey)
}

/// The jump on one page.
pub(super) fn gambar(cx: &Cx, i: usize, e: &Edge, isi: &str) -> Panah {
    let g = cx.g;
    let (hw, hh) = (g.lebar_simbol / 2.0, g.tinggi_simbol / 2.0);
    let (s, ex, ey) = exit(cx, i, e);
    let ty = cx.ports[&(i, true)];
    let tx = s * edge_x(cx.flow.symbols[e.to], hw, hh, ty);
    let kx = cx.kanal[&i] - e.from_lane as f64 * g.lebar_lajur;
    // Labels start at the exit and read away from the symbol.
    let (out_kanan, in_kanan) = (s < 0.0, s > 0.0);
    let mut kandidat = Vec::new();
    let mut place = |x, y, kanan, bawah| {
        kandidat.push(LabelCabang {
            isi: isi.into(),
            x,
            y,
            sudut: Sudut::new(kanan, bawah),
        })
    };
    // A loop's channel goes up from the exit, a skip's down: first try the
    // other side of the exit line.
    let (away, toward) = if e.to < e.from {
        ((ey + 0.3, false), (ey - 0.3, true))
    } else {
        ((ey - 0.3, true), (ey + 0.3, false))
    };
    for (y, bawah) in [away, toward] {
        place(ex + s * 0.6, y, out_kanan, bawah);
    }
    // Then beside the channel, past the turn, and last inside it, past the
    // symbol.
    let (y, bawah) = (2.0 * toward.0 - ey, toward.1);
    for (x, kanan) in [(kx + s * 0.5, out_kanan), (kx - s * 0.5, in_kanan)] {
        place(x, y, kanan, bawah);
    }
    let past = if bawah { -hh - 0.3 } else { hh + 0.3 };
    place(kx - s * 0.5, past, in_kanan, bawah);
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

/// The jump across a page break: out of the side and down into a
/// connector beside the source; the same letter arrives on top of the
/// target, beside where the arrow from the step before comes in.
pub(super) fn putus(cx: &Cx, i: usize, e: &Edge, isi: &str, huruf: &str) -> Panah {
    let g = cx.g;
    let (hw, hh, p) = (g.lebar_simbol / 2.0, g.tinggi_simbol / 2.0, g.penghubung);
    let (s, ex, ey) = exit(cx, i, e);
    let kx = s * (hw + 0.5 + p / 2.0);
    let (out_kanan, in_kanan) = (s < 0.0, s > 0.0);
    let label = |x, y, kanan| LabelCabang {
        isi: isi.into(),
        x,
        y,
        sudut: Sudut::new(kanan, true),
    };
    // Above the exit line; else above the symbol, inside the stub.
    let kandidat = vec![
        label(ex + s * 0.6, ey - 0.3, out_kanan),
        label(kx - s * 0.5, -hh - 0.3, in_kanan),
    ];
    let leaving = Gambar {
        panah: Some(Arah::Bawah),
        penghubung: Some(Penghubung {
            huruf: huruf.into(),
            x: kx - p / 2.0,
            y: hh + 0.6,
        }),
        ..Gambar::garis(
            e.from,
            e.from_lane,
            vec![asal(ex, ey), asal(kx, ey), asal(kx, hh + 0.6)],
        )
    };
    let dst = cx.flow.symbols[e.to];
    Panah {
        gambar: vec![
            leaving,
            putus::arriving(e.to, e.to_lane, cx.tops[&i], dst, g, huruf),
        ],
        kandidat,
    }
}
