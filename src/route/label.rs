//! Branch labels: each takes the first of its candidate places that stays
//! inside the lanes and clear of everything drawn in its row.

use std::collections::HashMap;

use super::{Acuan, Gambar, Geometri, LabelCabang, Titik};
use crate::flow::Flow;
use crate::kontrak;

/// A rectangle in one row: x from the centre of lane 0, y from the row's
/// symbol centre.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kotak {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Kotak {
    fn overlaps(&self, o: &Kotak) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Estimated size of a label in millimetres: at 6 pt italic a letter is
/// about 1.05 mm wide and a line 2 mm high.
pub(super) fn label_box(l: &LabelCabang, x0: f64) -> Kotak {
    let scale = kontrak::LABEL_PT / 6.0;
    let w = 1.05 * scale * l.isi.chars().count() as f64 + 0.3;
    let h = 2.0 * scale;
    let x = x0 + l.x - if l.sudut.kanan() { w } else { 0.0 };
    let y = l.y - if l.sudut.bawah() { h } else { 0.0 };
    Kotak {
        x0: x,
        x1: x + w,
        y0: y,
        y1: y + h,
    }
}

/// Gives each label the first candidate place that stays inside the lanes
/// and clear of everything drawn in its row.
pub(super) fn place_labels(
    flow: &Flow,
    g: &Geometri,
    gambar: &mut [Gambar],
    labels: Vec<(usize, Vec<LabelCabang>)>,
) {
    let mut rows = obstacles(flow, g, gambar);
    let left = -g.lebar_lajur / 2.0 + 0.3;
    let right = (flow.lanes as f64 - 0.5) * g.lebar_lajur - 0.3;
    for (idx, candidates) in labels {
        let d = &gambar[idx];
        let x0 = d.lane as f64 * g.lebar_lajur;
        let row = rows.entry(d.step).or_default();
        let fits = |l: &LabelCabang| {
            let b = label_box(l, x0);
            b.x0 >= left && b.x1 <= right && !row.iter().any(|o| o.overlaps(&b))
        };
        let chosen = candidates
            .iter()
            .find(|l| fits(l))
            .or(candidates.first())
            .cloned();
        if let Some(l) = chosen {
            row.push(label_box(&l, x0));
            gambar[idx].label = Some(l);
        }
    }
}

/// Everything drawn, as rectangles per row: the rules between lanes,
/// symbols, line segments (a run between rows fills the rows it passes) and
/// connectors.
fn obstacles(flow: &Flow, g: &Geometri, gambar: &[Gambar]) -> HashMap<usize, Vec<Kotak>> {
    const PAD: f64 = 0.2;
    const FAR: f64 = 1.0e3;
    let hw = g.lebar_simbol / 2.0;
    let hh = g.tinggi_simbol / 2.0;
    let mut rows: HashMap<usize, Vec<Kotak>> = HashMap::new();
    let mut add = |row: usize, x0: f64, x1: f64, y0: f64, y1: f64| {
        rows.entry(row).or_default().push(Kotak {
            x0: x0.min(x1) - PAD,
            x1: x0.max(x1) + PAD,
            y0: y0.min(y1) - PAD,
            y1: y0.max(y1) + PAD,
        });
    };
    for (step, lanes) in flow.step_lanes.iter().enumerate() {
        // The table's rules between lanes.
        for k in 1..flow.lanes {
            let x = (k as f64 - 0.5) * g.lebar_lajur;
            add(step, x, x, -FAR, FAR);
        }
        for &l in lanes {
            let x = l as f64 * g.lebar_lajur;
            add(step, x - hw, x + hw, -hh, hh);
        }
    }
    for d in gambar {
        let x0 = d.lane as f64 * g.lebar_lajur;
        let row_of = |t: &Titik| match (t.acuan, d.ke) {
            (Acuan::Tujuan, Some((step, _))) => step,
            _ => d.step,
        };
        for w in d.titik.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let (ra, rb) = (row_of(a), row_of(b));
            if ra == rb {
                add(ra, x0 + a.x, x0 + b.x, a.y, b.y);
            } else {
                let down = if rb > ra { FAR } else { -FAR };
                add(ra, x0 + a.x, x0 + a.x, a.y, down);
                add(rb, x0 + b.x, x0 + b.x, b.y, -down);
                for r in ra.min(rb) + 1..ra.max(rb) {
                    add(r, x0 + a.x, x0 + a.x, -FAR, FAR);
                }
            }
        }
        if let Some(h) = &d.penghubung {
            let p = g.penghubung;
            add(d.step, x0 + h.x, x0 + h.x + p, h.y, h.y + p);
        }
    }
    rows
}
