//! Branch labels: each takes the first of its candidate places that lies
//! inside one lane and clear of every line, arrowhead, symbol, connector
//! and label; where none is clear without it, its row grows, and where no
//! candidate is clear at all, the nearest clear place in the lane is
//! searched for.

use std::collections::BTreeMap;

use super::peta::{Belah, Kotak, Peta, Ruas};
use super::{Acuan, Gambar, Geometri, LabelCabang, Ruang, Sudut};
use crate::flow::{Flow, Simbol};

/// Room kept between a label and a row's rule.
const TEPI: f64 = 0.3;
/// Room kept between two labels side by side.
const ANTAR_LABEL: f64 = 1.5;
/// Room kept between two labels one over the other: nearer, they read
/// as one label on two lines ("Berhasil" over "Tidak berhasil").
const ANTAR_BARIS: f64 = 1.0;

/// A candidate judged: its box, and how much more room its row needs
/// above and below (0 when it fits as the row stands).
struct Nilai {
    kotak: Kotak,
    atas: f64,
    bawah: f64,
}

/// Gives each label a place; `labels` holds, per drawing index, its
/// candidates in order of preference. A label that finds no place on one
/// line tries two. Returns the drawing indices of those that found no
/// clean place (each warned about), and of those that found one only as
/// near another line (or over another label) as their own.
///
/// Labels are placed one after the other, so one placed early may take
/// the one place a later label reads well in; where some end without a
/// clean or a readable place only for the labels before them, those are
/// placed first once more, and that order kept when it leaves fewer
/// labels without a clean place, or as many and fewer without a readable
/// one.
pub(super) fn place(
    flow: &Flow,
    g: &Geometri,
    gambar: &mut [Gambar],
    labels: Vec<(usize, Vec<LabelCabang>)>,
    ruang: &mut Ruang,
    lebar: &dyn Fn(&str) -> f64,
    warnings: &mut Vec<(usize, String)>,
) -> (Vec<usize>, Vec<usize>) {
    let peta = obstacles(flow, g, gambar);
    let mut best = attempt(flow, g, gambar, &labels, &peta, ruang, lebar);
    if !best.terhalang.is_empty() {
        let (first, then): (Vec<_>, Vec<_>) = labels
            .iter()
            .cloned()
            .partition(|(idx, _)| best.terhalang.contains(idx));
        let order: Vec<_> = first.into_iter().chain(then).collect();
        let other = attempt(flow, g, gambar, &order, &peta, ruang, lebar);
        let worse = |p: &Percobaan| (p.kotor.len(), p.mendua.len());
        if worse(&other) < worse(&best) {
            best = other;
        }
    }
    *ruang = best.ruang;
    for (idx, l) in best.label {
        gambar[idx].label = Some(l);
    }
    for &idx in &best.kotor {
        let (row, isi) = (gambar[idx].step, &labels_of(&labels, idx)[0].isi);
        warnings.push((
            row,
            format!(
                "langkah {}: label `{isi}` tidak mendapat tempat yang bersih; periksa bagannya",
                row + 1
            ),
        ));
    }
    (best.kotor, best.mendua)
}

/// The candidates of the label of drawing `idx`.
fn labels_of(labels: &[(usize, Vec<LabelCabang>)], idx: usize) -> &[LabelCabang] {
    labels
        .iter()
        .find(|(i, _)| *i == idx)
        .map_or(&[], |(_, c)| c.as_slice())
}

/// The labels placed in one order: where each went, the room the rows
/// then need, and those without a clean or a readable place.
struct Percobaan {
    label: Vec<(usize, LabelCabang)>,
    ruang: Ruang,
    kotor: Vec<usize>,
    mendua: Vec<usize>,
    /// Those of `kotor` and `mendua` that would read as their own but for
    /// the labels placed before them.
    terhalang: Vec<usize>,
}

/// The boxes of the labels placed so far, by row.
type Placed = BTreeMap<usize, Vec<Kotak>>;

/// Places `labels` in their order, clear of `peta` (everything drawn but
/// labels) and of each other.
fn attempt(
    flow: &Flow,
    g: &Geometri,
    gambar: &[Gambar],
    labels: &[(usize, Vec<LabelCabang>)],
    peta: &Peta,
    ruang: &Ruang,
    lebar: &dyn Fn(&str) -> f64,
) -> Percobaan {
    let mut placed = Placed::new();
    let mut out = Percobaan {
        label: Vec::new(),
        ruang: ruang.clone(),
        kotor: Vec::new(),
        mendua: Vec::new(),
        terhalang: Vec::new(),
    };
    for (idx, candidates) in labels {
        let Some(first) = candidates.first().cloned() else {
            continue;
        };
        let d = &gambar[*idx];
        let (row, x0) = (d.step, d.lane as f64 * g.lebar_lajur);
        // One line or two, readable first: a label on two lines beside its
        // own line beats one on one line as near another line.
        let texts: Vec<String> = [Some(first.isi.clone()), two_lines(&first.isi, lebar)]
            .into_iter()
            .flatten()
            .collect();
        let mut chosen = None;
        // Where it found no readable place: might it without the labels
        // placed before it?
        let mut spots = Vec::new();
        'cari: for readable in [true, false] {
            for isi in &texts {
                let lines: Vec<&str> = isi.split('\n').collect();
                let spot = Spot {
                    flow,
                    g,
                    row,
                    x0,
                    w: lines.iter().map(|t| lebar(t)).fold(0.0, f64::max) + 0.2,
                    h: lines.len() as f64 * g.tinggi_label
                        + (lines.len() - 1) as f64 * g.jarak_baris(),
                };
                let retext = |l: &LabelCabang| LabelCabang {
                    isi: isi.clone(),
                    ..l.clone()
                };
                let cands: Vec<LabelCabang> = candidates.iter().map(retext).collect();
                chosen = spot.best(d, &cands, peta, &placed, &out.ruang, readable);
                if chosen.is_some() && readable {
                    spots.clear();
                    break 'cari;
                }
                if readable {
                    spots.push((spot, cands));
                }
                if chosen.is_some() {
                    out.mendua.push(*idx);
                    break 'cari;
                }
            }
        }
        if spots.iter().any(|(spot, cands)| {
            spot.best(d, cands, peta, &Placed::new(), &out.ruang, true)
                .is_some()
        }) {
            out.terhalang.push(*idx);
        }
        match chosen {
            Some((l, v)) => {
                out.ruang.atas(row, out.ruang.atas[row] + v.atas);
                out.ruang.bawah(row, out.ruang.bawah[row] + v.bawah);
                placed.entry(row).or_default().push(v.kotak);
                out.label.push((*idx, l));
            }
            None => {
                out.kotor.push(*idx);
                out.label.push((*idx, first));
            }
        }
    }
    out
}

/// `Tidak berhasil` as `Tidak` over `berhasil`: split at the space that
/// makes the longer line shortest; `None` for one word.
fn two_lines(isi: &str, lebar: &dyn Fn(&str) -> f64) -> Option<String> {
    isi.match_indices(' ')
        .map(|(k, _)| (lebar(&isi[..k]).max(lebar(&isi[k + 1..])), k))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("{}\n{}", &isi[..k], &isi[k + 1..]))
}

/// Everything a label must keep clear of: lines, arrowheads, connectors,
/// symbols and the table's rules between lanes.
fn obstacles(flow: &Flow, g: &Geometri, gambar: &[Gambar]) -> Peta {
    let mut peta = Peta::default();
    for (k, d) in gambar.iter().enumerate() {
        peta.gambar(k, d, g);
    }
    let (hw, hh, l) = (g.lebar_simbol / 2.0, g.tinggi_simbol / 2.0, g.lebar_lajur);
    for (step, lanes) in flow.step_lanes.iter().enumerate() {
        for &lane in lanes {
            let x = lane as f64 * l;
            if flow.symbols[step] == Simbol::Keputusan {
                peta.belah
                    .entry(step)
                    .or_default()
                    .push(Belah { x, hw, hh });
                continue;
            }
            peta.boxed(
                step,
                Kotak {
                    x0: x - hw,
                    x1: x + hw,
                    y0: -hh,
                    y1: hh,
                },
            );
        }
    }
    peta
}

/// Where a label is drawn from: the symbol at `x0` in `row`; `w` is the
/// label's width.
struct Spot<'a> {
    flow: &'a Flow,
    g: &'a Geometri,
    row: usize,
    x0: f64,
    w: f64,
    h: f64,
}

impl Spot<'_> {
    /// The best of `candidates` for the label of drawing `d`: of those
    /// clear of everything and nearer its own line than any other, the
    /// first that fits its row as it stands, else the one that needs least
    /// more room; failing all, the nearest such place above or below its
    /// symbol, then beside its line's first vertical run.
    /// Not `readable`: the clear candidate that needs least more room,
    /// however near another line or over another label.
    fn best(
        &self,
        d: &Gambar,
        candidates: &[LabelCabang],
        peta: &Peta,
        placed: &Placed,
        ruang: &Ruang,
        readable: bool,
    ) -> Option<(LabelCabang, Nilai)> {
        let clean = |l: &LabelCabang| self.judge(l, peta, placed, ruang, readable);
        // Only nearer its own line than any other, or a reader could not
        // tell which line it names; not `readable`, a clean candidate as
        // near another line as its own is better than one over a line.
        // Stricter than the audit, which lets a jump own the trunk it
        // joins from the dot on: here the trunk is another line, so a
        // label keeps off it where it can (judged so, the corpus drew 69
        // crossings, not 72, and as few unreadable labels).
        let mine = match readable {
            true => {
                let mut own = Peta::default();
                own.gambar(0, d, self.g);
                own.ruas.remove(&self.row).unwrap_or_default()
            }
            false => Vec::new(),
        };
        let others = peta.ruas.get(&self.row).map_or(&[][..], Vec::as_slice);
        let reads_as_own = |k: &Kotak| {
            if !readable {
                return true;
            }
            let to = |rs: &[Ruas]| rs.iter().map(|r| near(k, r)).fold(f64::INFINITY, f64::min);
            let own = to(&mine);
            let other = others
                .iter()
                .filter(|r| !mine.iter().any(|m| same(m, r)))
                .map(|r| near(k, r))
                .fold(f64::INFINITY, f64::min);
            own <= 3.5 && own + 0.3 < other
        };
        let tiers: [&dyn Fn() -> Vec<LabelCabang>; 3] = [
            &|| candidates.to_vec(),
            &|| search(d, self.g, self.w, &candidates[0], self.flow),
            &|| along(d, self.g, &candidates[0]),
        ];
        // Not `readable`: the candidates alone; farther places, however
        // clean, would name no line.
        for places in tiers.into_iter().take(if readable { 3 } else { 1 }) {
            let scored: Vec<(usize, LabelCabang, Nilai)> = places()
                .into_iter()
                .enumerate()
                .filter_map(|(k, l)| clean(&l).map(|v| (k, l, v)))
                .filter(|(_, _, v)| reads_as_own(&v.kotak))
                .collect();
            if !scored.is_empty() {
                return pick(scored);
            }
        }
        None
    }

    /// The box of label `l`, if it lies inside one lane and clear of
    /// everything; with the room its row lacks. Another label on its
    /// baseline keeps a gap, or the two read as one phrase ("Berhasil
    /// Tidak berhasil"); so does one just over it when the label must be
    /// `readable`.
    fn judge(
        &self,
        l: &LabelCabang,
        peta: &Peta,
        placed: &Placed,
        ruang: &Ruang,
        readable: bool,
    ) -> Option<Nilai> {
        let (g, row, w, h) = (self.g, self.row, self.w, self.h);
        let x = self.x0 + l.x - if l.sudut.kanan() { w } else { 0.0 };
        let y = l.y - if l.sudut.bawah() { h } else { 0.0 };
        let k = Kotak {
            x0: x,
            x1: x + w,
            y0: y - 0.15,
            y1: y + h,
        };
        let lane = g.lebar_lajur;
        let inside = (0..self.flow.lanes).any(|j| {
            let c = j as f64 * lane;
            k.x0 >= c - lane / 2.0 + TEPI && k.x1 <= c + lane / 2.0 - TEPI
        });
        let lines = peta
            .ruas
            .get(&row)
            .is_some_and(|rs| rs.iter().any(|r: &Ruas| k.hits(r)));
        let boxes = peta
            .kotak
            .get(&row)
            .is_some_and(|ks| ks.iter().any(|o| o.overlaps(&k)))
            || peta
                .belah
                .get(&row)
                .is_some_and(|ds| ds.iter().any(|d| d.hits(&k, TEPI)));
        let over = if readable { ANTAR_BARIS } else { 0.0 };
        let labels = placed.get(&row).is_some_and(|ls| {
            ls.iter().any(|o| {
                let around = Kotak {
                    x0: o.x0 - ANTAR_LABEL,
                    x1: o.x1 + ANTAR_LABEL,
                    y0: o.y0 - over,
                    y1: o.y1 + over,
                };
                around.overlaps(&k)
            })
        });
        if !inside || lines || boxes || labels {
            return None;
        }
        let hh = g.tinggi_simbol / 2.0;
        Some(Nilai {
            kotak: k,
            atas: (-k.y0 - hh + TEPI - ruang.atas[row]).max(0.0),
            bawah: (k.y1 - hh + TEPI - ruang.bawah[row]).max(0.0),
        })
    }
}

/// Of the places judged clean, the one that needs least more room, the
/// first among equals.
fn pick(scored: Vec<(usize, LabelCabang, Nilai)>) -> Option<(LabelCabang, Nilai)> {
    scored
        .into_iter()
        .min_by(|a, b| {
            let extra = |v: &Nilai| v.atas + v.bawah;
            extra(&a.2).total_cmp(&extra(&b.2)).then(a.0.cmp(&b.0))
        })
        .map(|(_, l, v)| (l, v))
}

/// Places beside the first vertical run of drawing `d`'s line, on either
/// side, stepping away from where the run begins: beside a crowded
/// symbol, the line's run is often the one place a label reads as its own.
fn along(d: &Gambar, g: &Geometri, l: &LabelCabang) -> Vec<LabelCabang> {
    let p = &d.titik;
    let run = (0..p.len().saturating_sub(1).min(2)).find(|&i| {
        p[i].acuan == Acuan::Asal && (p[i].x - p[i + 1].x).abs() < 1e-6 && p[i].y != p[i + 1].y
    });
    let Some(i) = run else {
        return Vec::new();
    };
    let (a, b) = (p[i], p[i + 1]);
    let down = match b.acuan {
        Acuan::Asal => b.y > a.y,
        Acuan::Tujuan => d.ke.is_some_and(|(step, _)| step > d.step),
    };
    let dir = if down { 1.0 } else { -1.0 };
    let mut out = Vec::new();
    for k in 0..8 {
        let y = a.y + dir * (0.3 + k as f64 * 0.5 * g.tinggi_label);
        for kanan in [true, false] {
            out.push(LabelCabang {
                isi: l.isi.clone(),
                x: if kanan { a.x - 0.4 } else { a.x + 0.4 },
                y,
                sudut: Sudut::new(kanan, !down),
            });
        }
    }
    out
}

/// More places in the label's lane and its neighbours: above and below the
/// symbol, in steps across the lane, nearest the exit first.
fn search(d: &Gambar, g: &Geometri, w: f64, l: &LabelCabang, flow: &Flow) -> Vec<LabelCabang> {
    let hh = g.tinggi_simbol / 2.0;
    let lane = g.lebar_lajur;
    let mut out = Vec::new();
    let lanes = [d.lane as isize, d.lane as isize + 1, d.lane as isize - 1];
    for j in lanes
        .into_iter()
        .filter(|j| *j >= 0 && (*j as usize) < flow.lanes)
    {
        let c = (j - d.lane as isize) as f64 * lane;
        let mut x = c - lane / 2.0 + TEPI;
        while x + w <= c + lane / 2.0 - TEPI {
            for depth in 0..4 {
                let off = depth as f64 * (g.tinggi_label + 0.4);
                out.push(LabelCabang {
                    isi: l.isi.clone(),
                    x,
                    y: -hh - 0.3 - off,
                    sudut: Sudut::KiriBawah,
                });
                out.push(LabelCabang {
                    isi: l.isi.clone(),
                    x,
                    y: hh + 0.3 + off,
                    sudut: Sudut::KiriAtas,
                });
            }
            x += 0.5;
        }
    }
    let near = |c: &LabelCabang| (c.x - l.x).abs() + (c.y - l.y).abs();
    out.sort_by(|a, b| near(a).total_cmp(&near(b)));
    out
}

/// The distance between a box and a piece of line.
fn near(k: &Kotak, r: &Ruas) -> f64 {
    let dx = (r.x0 - k.x1).max(k.x0 - r.x1).max(0.0);
    let dy = (r.y0 - k.y1).max(k.y0 - r.y1).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// Whether two pieces are the same piece of line.
fn same(a: &Ruas, b: &Ruas) -> bool {
    (a.x0 - b.x0).abs() < 1e-9
        && (a.x1 - b.x1).abs() < 1e-9
        && (a.y0 - b.y0).abs() < 1e-9
        && (a.y1 - b.y1).abs() < 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Titik;

    #[test]
    fn a_label_may_stand_over_a_diamonds_corner_but_not_near_its_outline() {
        let d = Belah {
            x: 0.0,
            hw: 6.0,
            hh: 2.75,
        };
        let k = |x0, x1, y0, y1| Kotak { x0, x1, y0, y1 };
        // Beside the bounding box: clear, however near.
        assert!(!d.hits(&k(-11.0, -6.05, -2.0, 0.0), 0.3));
        // Reaching 2 mm past the left vertex, where the edge is 0.92 mm
        // above the centre: clear 1.3 mm up, not 0.95 mm (within 0.3 mm
        // of the edge), nor 0.6 mm (over it).
        assert!(!d.hits(&k(-9.0, -4.0, -3.5, -1.3), 0.3));
        assert!(d.hits(&k(-9.0, -4.0, -3.5, -0.95), 0.3));
        assert!(d.hits(&k(-9.0, -4.0, -3.5, -0.6), 0.3));
        // Below the lower right edge, the same.
        assert!(!d.hits(&k(4.0, 9.0, 1.3, 3.5), 0.3));
        assert!(d.hits(&k(4.0, 9.0, 0.95, 3.5), 0.3));
    }

    #[test]
    fn places_along_a_run_step_away_from_its_exit_on_both_sides() {
        let g = crate::route::tests::G;
        let at = |x, y, acuan| Titik { x, y, acuan };
        let label = LabelCabang {
            isi: "Tidak".into(),
            x: 0.0,
            y: 0.0,
            sudut: Sudut::KiriAtas,
        };
        // Out of the left vertex, left to a channel at x = -9, down to a
        // later step.
        let mut d = Gambar::garis(
            2,
            0,
            vec![
                at(-6.0, 0.0, Acuan::Asal),
                at(-9.0, 0.0, Acuan::Asal),
                at(-9.0, -2.75, Acuan::Tujuan),
            ],
        );
        d.ke = Some((5, 0));
        let down = along(&d, &g, &label);
        assert_eq!(down.len(), 16);
        assert!(down.iter().all(|l| (l.x + 9.0).abs() - 0.4 < 1e-9));
        assert!(down.iter().all(|l| l.y > 0.0 && !l.sudut.bawah()));
        assert!(down.windows(2).all(|w| w[1].y >= w[0].y));
        assert_eq!(down.iter().filter(|l| l.sudut.kanan()).count(), 8);
        // The same run up to an earlier step: the places go up.
        d.ke = Some((0, 0));
        let up = along(&d, &g, &label);
        assert!(up.iter().all(|l| l.y < 0.0 && l.sudut.bawah()));
        // A straight arrow down from the bottom vertex: its first segment
        // is the run.
        let straight = Gambar::garis(
            2,
            0,
            vec![at(0.0, 2.75, Acuan::Asal), at(0.0, 8.0, Acuan::Asal)],
        );
        assert_eq!(along(&straight, &g, &label).len(), 16);
        // A line with no vertical run offers none.
        let flat = Gambar::garis(
            2,
            0,
            vec![at(6.0, 0.0, Acuan::Asal), at(16.0, 0.0, Acuan::Asal)],
        );
        assert!(along(&flat, &g, &label).is_empty());
    }
}
