//! The map of everything drawn in a table, row by row, in one coordinate
//! system: x from the centre of lane 0, y from the centre of the row's
//! symbol. Rows have no fixed height, so a run between rows fills every
//! row it passes and reaches "infinitely" far in its end rows. Used to
//! choose channels that cross least, to keep labels clear, and to count
//! the crossings left.

use std::collections::BTreeMap;

use super::{Acuan, Gambar, Geometri};

/// Far beyond any row's edge.
pub(super) const FAR: f64 = 1.0e4;

/// A vertical or horizontal piece of line in one row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ruas {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// Which drawing (or channel being tried) it belongs to.
    pub owner: usize,
}

impl Ruas {
    pub fn vertical(&self) -> bool {
        self.x1 - self.x0 < 1e-6
    }

    /// Whether two pieces of different owners cross inside both.
    pub fn crosses(&self, o: &Ruas) -> bool {
        if self.owner == o.owner {
            return false;
        }
        let (v, h) = match (self.vertical(), o.vertical()) {
            (true, false) => (self, o),
            (false, true) => (o, self),
            _ => return false,
        };
        let e = 0.05;
        h.x0 + e < v.x0 && v.x0 < h.x1 - e && v.y0 + e < h.y0 && h.y0 < v.y1 - e
    }
}

/// An axis-aligned box in one row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kotak {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Kotak {
    pub fn overlaps(&self, o: &Kotak) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn hits(&self, r: &Ruas) -> bool {
        let pad = 0.25;
        self.x0 < r.x1 + pad && r.x0 - pad < self.x1 && self.y0 < r.y1 + pad && r.y0 - pad < self.y1
    }
}

/// A decision's diamond in one row: centred at `x`, on the row's symbol
/// line, `hw` and `hh` from its centre to its vertices.
#[derive(Debug, Clone, Copy)]
pub(super) struct Belah {
    pub x: f64,
    pub hw: f64,
    pub hh: f64,
}

impl Belah {
    /// Whether box `k` overlaps the diamond's bounding box and comes
    /// nearer its outline than `pad`: a label may tuck under a slanted
    /// edge, where the bounding box would push it away from the exit it
    /// names.
    pub fn hits(&self, k: &Kotak, pad: f64) -> bool {
        let bounds = Kotak {
            x0: self.x - self.hw,
            x1: self.x + self.hw,
            y0: -self.hh,
            y1: self.hh,
        };
        if !bounds.overlaps(k) {
            return false;
        }
        // The box's point nearest the centre, in the diamond's own measure
        // (1 on its outline), lies where each axis is nearest.
        let dx = (k.x0 - self.x).max(self.x - k.x1).max(0.0);
        let dy = k.y0.max(-k.y1).max(0.0);
        let gauge = dx / self.hw + dy / self.hh;
        // Beyond an edge, the gauge grows by this much a millimetre.
        let per_mm = (self.hw.powi(-2) + self.hh.powi(-2)).sqrt();
        gauge < 1.0 + pad * per_mm
    }
}

/// Everything drawn, by row.
#[derive(Debug, Default)]
pub(super) struct Peta {
    pub ruas: BTreeMap<usize, Vec<Ruas>>,
    pub kotak: BTreeMap<usize, Vec<Kotak>>,
    pub belah: BTreeMap<usize, Vec<Belah>>,
}

impl Peta {
    /// Adds a line from (`xa`, `ya`) in row `ra` to (`xb`, `yb`) in row
    /// `rb`; between rows it must be vertical.
    pub fn line(
        &mut self,
        owner: usize,
        (ra, xa, ya): (usize, f64, f64),
        (rb, xb, yb): (usize, f64, f64),
    ) {
        let mut put = |row: usize, x0: f64, x1: f64, y0: f64, y1: f64| {
            self.ruas.entry(row).or_default().push(Ruas {
                x0: x0.min(x1),
                x1: x0.max(x1),
                y0: y0.min(y1),
                y1: y0.max(y1),
                owner,
            })
        };
        if ra == rb {
            put(ra, xa, xb, ya, yb);
            return;
        }
        let down = if rb > ra { FAR } else { -FAR };
        put(ra, xa, xa, ya, down);
        put(rb, xb, xb, yb, -down);
        for r in ra.min(rb) + 1..ra.max(rb) {
            put(r, xa, xa, -FAR, FAR);
        }
    }

    pub fn boxed(&mut self, row: usize, k: Kotak) {
        self.kotak.entry(row).or_default().push(k);
    }

    /// Adds every line, arrowhead and connector of a drawing.
    pub fn gambar(&mut self, owner: usize, d: &Gambar, g: &Geometri) {
        let x0 = d.lane as f64 * g.lebar_lajur;
        let at = |t: &super::Titik| {
            let row = match (t.acuan, d.ke) {
                (Acuan::Tujuan, Some((step, _))) => step,
                _ => d.step,
            };
            (row, x0 + t.x, t.y)
        };
        for w in d.titik.windows(2) {
            self.line(owner, at(&w[0]), at(&w[1]));
        }
        if let (Some(arah), Some(last)) = (d.panah, d.titik.last()) {
            // The head's triangle, behind its tip.
            let (row, x, y) = at(last);
            let (s, t) = (g.ujung, 0.45 * g.ujung + 0.1);
            let k = match arah {
                super::Arah::Bawah => Kotak {
                    x0: x - t,
                    x1: x + t,
                    y0: y - s,
                    y1: y,
                },
                super::Arah::Kiri => Kotak {
                    x0: x,
                    x1: x + s,
                    y0: y - t,
                    y1: y + t,
                },
                super::Arah::Kanan => Kotak {
                    x0: x - s,
                    x1: x,
                    y0: y - t,
                    y1: y + t,
                },
            };
            self.boxed(row, k);
        }
        if let Some(h) = &d.penghubung {
            let p = g.penghubung;
            self.boxed(
                d.step,
                Kotak {
                    x0: x0 + h.x,
                    x1: x0 + h.x + p,
                    y0: h.y,
                    y1: h.y + p,
                },
            );
        }
    }

    /// How many pieces of `other` cross pieces of this map.
    pub fn crossings_with(&self, other: &Peta) -> usize {
        let mut n = 0;
        for (row, rs) in &other.ruas {
            if let Some(mine) = self.ruas.get(row) {
                n += rs
                    .iter()
                    .map(|r| mine.iter().filter(|m| m.crosses(r)).count())
                    .sum::<usize>();
            }
        }
        n
    }

    /// Every crossing of two different drawings: (row, owners).
    pub fn crossings(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (row, rs) in &self.ruas {
            for (i, a) in rs.iter().enumerate() {
                for b in &rs[i + 1..] {
                    if a.crosses(b) {
                        out.push((*row, a.owner.min(b.owner), a.owner.max(b.owner)));
                    }
                }
            }
        }
        out
    }
}
