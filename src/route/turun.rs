//! Arrows to the next step: out of the bottom, one turn inside the row,
//! into the top of the target; or, across a page break, a connector pair.

use super::{Arah, Cx, Gambar, LabelCabang, Panah, Penghubung, Sudut, asal, dx, putus, tujuan};
use crate::flow::Edge;

/// The arrow on one page.
pub(super) fn gambar(cx: &Cx, e: &Edge, isi: &str) -> Panah {
    let g = cx.g;
    let hh = g.tinggi_simbol / 2.0;
    let dx = dx(g, e);
    let mut titik = vec![asal(0.0, hh)];
    if dx.abs() > 0.01 {
        titik.push(asal(0.0, hh + g.turun));
        titik.push(asal(dx, hh + g.turun));
    }
    titik.push(tujuan(dx, -hh));
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

/// The arrow across a page break: a short stub into a connector under the
/// source, the same letter above the target.
pub(super) fn putus(cx: &Cx, i: usize, e: &Edge, isi: &str, huruf: &str) -> Panah {
    let g = cx.g;
    let hh = g.tinggi_simbol / 2.0;
    let p = g.penghubung;
    let y = hh + 1.2;
    let label = |x, sudut| LabelCabang {
        isi: isi.into(),
        x,
        y,
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
            putus::arriving(e.to, e.to_lane, cx.tops[&i], dst, g, huruf),
        ],
        kandidat: vec![
            label(p / 2.0 + 0.5, Sudut::KiriAtas),
            label(-p / 2.0 - 0.5, Sudut::KananAtas),
        ],
    }
}
