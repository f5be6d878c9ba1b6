//! Arrows to the next step: out of the bottom, one turn just below the
//! symbol, into the top of the target; or, across a page break, a
//! connector pair.

use super::bentuk::top_y;
use super::{
    Arah, Cx, Gambar, LabelCabang, Panah, Penghubung, Ruang, Sudut, asal, dx, putus, tujuan,
};
use crate::flow::Edge;

/// The arrow on one page.
pub(super) fn gambar(cx: &Cx, e: &Edge, isi: &str, ruang: &mut Ruang) -> Panah {
    let g = cx.g;
    let hh = g.hh();
    let dx = dx(g, e);
    let turn = g.belok();
    // The line below the turn must show beyond the arrowhead.
    let need = 2.0 * g.ujung + 0.1;
    let mut titik = vec![asal(0.0, hh)];
    if dx.abs() > 0.01 {
        // Clear of the row's rule, not running along it.
        ruang.bawah(e.from, turn + g.di_atas_garis());
        let have = ruang.bawah[e.from] - turn + ruang.atas[e.to];
        if have < need {
            ruang.atas(e.to, ruang.atas[e.to] + need - have);
        }
        titik.push(asal(0.0, hh + turn));
        titik.push(asal(dx, hh + turn));
    } else {
        let have = ruang.bawah[e.from] + ruang.atas[e.to];
        if have < need {
            ruang.atas(e.to, ruang.atas[e.to] + need - have);
        }
    }
    let dst = cx.flow.symbols[e.to];
    titik.push(tujuan(dx, top_y(dst, g.hw(), hh, 0.0)));
    // Beside the line, first on the side the turn does not take.
    let right = (0.6, Sudut::KiriAtas);
    let left = (-0.6, Sudut::KananAtas);
    let sides = if dx > 0.01 {
        [left, right]
    } else {
        [right, left]
    };
    let kandidat = sides
        .into_iter()
        .map(|(x, sudut)| LabelCabang {
            isi: isi.into(),
            x,
            y: hh + 0.2,
            sudut,
        })
        .collect();
    Panah {
        gambar: vec![Gambar {
            ke: Some((e.to, e.to_lane)),
            panah: Some(Arah::Bawah),
            ..Gambar::garis(e.from, e.from_lane, titik)
        }],
        kandidat,
    }
}

/// The arrow across a page break: a stub into a connector under the
/// source, the same letter above the target.
pub(super) fn putus(
    cx: &Cx,
    i: usize,
    e: &Edge,
    isi: &str,
    huruf: &str,
    ruang: &mut Ruang,
) -> Panah {
    let g = cx.g;
    let hh = g.hh();
    let p = g.penghubung;
    let y = hh + g.pendek();
    ruang.bawah(e.from, g.pendek() + p + 0.6);
    let label = |x, sudut| LabelCabang {
        isi: isi.into(),
        x,
        y: hh + 0.2,
        sudut,
    };
    let leaving = Gambar {
        panah: Some(Arah::Bawah),
        penghubung: Some(Penghubung {
            huruf: huruf.into(),
            x: -p / 2.0,
            y,
        }),
        ..Gambar::garis(e.from, e.from_lane, vec![asal(0.0, hh), asal(0.0, y)])
    };
    let dst = cx.flow.symbols[e.to];
    Panah {
        gambar: vec![
            leaving,
            putus::arriving(e.to, e.to_lane, cx.tops[&i], dst, g, huruf, ruang),
        ],
        kandidat: vec![label(0.6, Sudut::KiriAtas), label(-0.6, Sudut::KananAtas)],
    }
}
