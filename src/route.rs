//! Where every line of a flowchart runs, in millimetres, computed from the
//! flow alone so a re-build draws the same picture.
//!
//! Coordinates: x from the centre of the symbol a drawing belongs to; y from
//! that centre too, or, for points marked `t = 1`, from the centre of the
//! target symbol, whose position only the layout knows. Rows have no fixed
//! height, so vertical runs between rows are always written that way.
//!
//! The rules that keep the picture clean:
//! - an arrow to the next step leaves the bottom, turns once inside its own
//!   row and enters the top of the target;
//! - jumps (loops and skips) leave a side and run in a vertical channel in
//!   the gap between lanes, never through a symbol; channels whose row
//!   spans overlap get distinct slots, shorter spans nearer the symbols so
//!   nested jumps do not cross;
//! - several arrows into one side enter at distinct heights, ordered so
//!   their channels do not cross;
//! - an arrow whose ends stand on different pages becomes a pair of
//!   off-page connectors with the same letter.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::flow::{self, Flow, Simbol, Sisi};

/// Distance between neighbouring channel slots.
const SLOT: f64 = 1.5;
/// Room between a symbol and the first channel slot.
const CLEAR: f64 = 1.5;
/// Room between a channel and the table's outer rule.
const RULE: f64 = 0.8;

/// The sizes a flowchart is drawn with, in millimetres.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Geometri {
    /// Width of one lane (distance between symbol centres of neighbours).
    pub lajur: f64,
    pub simbol_lebar: f64,
    pub simbol_tinggi: f64,
    /// How far below a symbol the arrow to the next step turns.
    pub turun: f64,
    /// Size of an off-page connector pentagon.
    pub penghubung: f64,
}

/// A point of a polyline; `t = 1` measures `y` from the target's centre.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Titik {
    pub x: f64,
    pub y: f64,
    pub t: u8,
}

/// An off-page connector pentagon: its letter and top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Penghubung {
    pub huruf: String,
    pub x: f64,
    pub y: f64,
}

/// A branch label: the corner named by `jangkar` is at (x, y).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub isi: String,
    pub x: f64,
    pub y: f64,
    /// `kiri-atas`, `kanan-atas`, `kiri-bawah` or `kanan-bawah`.
    pub jangkar: &'static str,
}

/// One thing drawn from the centre of the symbol of `step` in `lane`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gambar {
    pub step: usize,
    pub lane: usize,
    /// The symbol `t = 1` points refer to (0-based step, lane).
    pub ke: Option<(usize, usize)>,
    pub titik: Vec<Titik>,
    /// Direction of the arrowhead at the last point.
    pub panah: Option<&'static str>,
    pub penghubung: Option<Penghubung>,
    pub label: Option<Label>,
}

/// The routed flowchart of one SOP.
#[derive(Debug, Clone, Default)]
pub struct Routed {
    pub gambar: Vec<Gambar>,
    /// Steps that need room above their symbol for an arriving connector.
    pub ruang_atas: Vec<bool>,
    /// Letters of the connectors, by edge index.
    pub huruf: HashMap<usize, String>,
    /// Problems the drawing can live with, in Indonesian.
    pub warnings: Vec<String>,
}

/// Routes `flow`; `putus` holds the edges whose ends the last layout put on
/// different pages.
pub fn route(flow: &Flow, g: &Geometri, putus: &BTreeSet<usize>) -> Routed {
    let mut r = Routed {
        ruang_atas: vec![false; flow.symbols.len()],
        ..Routed::default()
    };
    let kanal = channels(flow, g, putus, &mut r.warnings);
    let ports = ports(flow, g, &kanal);
    r.huruf = letters(flow, putus);
    let tops = arrivals(flow, g, putus, &mut r.warnings);
    let hw = g.simbol_lebar / 2.0;
    let hh = g.simbol_tinggi / 2.0;
    let p = g.penghubung;

    // Labels wait until every line is known: each takes the first of its
    // candidate places that is clear of symbols, lines and other labels.
    let mut labels: Vec<(usize, Vec<Label>)> = Vec::new();
    for (i, e) in flow.edges.iter().enumerate() {
        let src = flow.symbols[e.from];
        let dst = flow.symbols[e.to];
        let dx = (e.to_lane as f64 - e.from_lane as f64) * g.lajur;
        let at_src = |titik: Vec<Titik>| Gambar {
            step: e.from,
            lane: e.from_lane,
            ke: None,
            titik,
            panah: None,
            penghubung: None,
            label: None,
        };
        let huruf = r.huruf.get(&i).cloned();
        let s = if e.sisi == Sisi::Kiri { -1.0 } else { 1.0 };
        let mut candidates = Vec::new();
        let mut place = |isi: &str, x: f64, y: f64, jangkar: &'static str| {
            candidates.push(Label {
                isi: isi.into(),
                x,
                y,
                jangkar,
            })
        };
        let isi = e.label.clone().unwrap_or_default();
        match (e.sisi, &huruf) {
            (Sisi::Bawah, None) => {
                let mut titik = vec![pt(0.0, hh, 0)];
                if dx.abs() > 0.01 {
                    titik.push(pt(0.0, hh + g.turun, 0));
                    titik.push(pt(dx, hh + g.turun, 0));
                }
                titik.push(pt(dx, -hh, 1));
                // Beside the line, first on the side the turn does not take.
                let right = (0.6, "kiri-atas");
                let left = (-0.6, "kanan-atas");
                for (x, j) in if dx > 0.01 {
                    [left, right]
                } else {
                    [right, left]
                } {
                    place(&isi, x, hh + 0.2, j);
                }
                r.gambar.push(Gambar {
                    ke: Some((e.to, e.to_lane)),
                    panah: Some("bawah"),
                    ..at_src(titik)
                });
            }
            (Sisi::Bawah, Some(h)) => {
                let y = hh + 1.2;
                place(&isi, p / 2.0 + 0.5, y, "kiri-atas");
                place(&isi, -p / 2.0 - 0.5, y, "kanan-atas");
                r.gambar.push(Gambar {
                    panah: Some("bawah"),
                    penghubung: Some(Penghubung {
                        huruf: h.clone(),
                        x: -p / 2.0,
                        y,
                    }),
                    ..at_src(vec![pt(0.0, hh, 0), pt(0.0, y, 0)])
                });
                r.gambar
                    .push(arriving(e.to, e.to_lane, tops[&i], dst, g, h));
                r.ruang_atas[e.to] = true;
            }
            (sisi, huruf) => {
                let ey = ports[&(i, false)];
                let ex = s * edge_x(src, hw, hh, ey);
                // Labels start at the exit and read away from the symbol.
                let (out_h, in_h) = if s > 0.0 {
                    ("kiri", "kanan")
                } else {
                    ("kanan", "kiri")
                };
                match huruf {
                    None => {
                        let ty = ports[&(i, true)];
                        let tx = s * edge_x(dst, hw, hh, ty);
                        let cx = kanal[&i] - e.from_lane as f64 * g.lajur;
                        // A loop's channel goes up from the exit, a skip's
                        // down: first try the other side of the exit line.
                        let (away, toward) = if e.to < e.from {
                            ((ey + 0.3, "atas"), (ey - 0.3, "bawah"))
                        } else {
                            ((ey - 0.3, "bawah"), (ey + 0.3, "atas"))
                        };
                        for (y, v) in [away, toward] {
                            place(&isi, ex + s * 0.6, y, corner(out_h, v));
                        }
                        // Then beside the channel, past the turn, and
                        // last inside it, past the symbol.
                        let (y, v) = (2.0 * toward.0 - ey, toward.1);
                        for (x, h) in [(cx + s * 0.5, out_h), (cx - s * 0.5, in_h)] {
                            place(&isi, x, y, corner(h, v));
                        }
                        let past = if v == "atas" { hh + 0.3 } else { -hh - 0.3 };
                        place(&isi, cx - s * 0.5, past, corner(in_h, v));
                        r.gambar.push(Gambar {
                            ke: Some((e.to, e.to_lane)),
                            panah: Some(if sisi == Sisi::Kanan { "kiri" } else { "kanan" }),
                            ..at_src(vec![
                                pt(ex, ey, 0),
                                pt(cx, ey, 0),
                                pt(cx, ty, 1),
                                pt(dx + tx, ty, 1),
                            ])
                        });
                    }
                    Some(h) => {
                        let cx = s * (hw + 0.5 + p / 2.0);
                        // Above the exit line; else above the symbol,
                        // inside the stub.
                        place(&isi, ex + s * 0.6, ey - 0.3, corner(out_h, "bawah"));
                        place(&isi, cx - s * 0.5, -hh - 0.3, corner(in_h, "bawah"));
                        r.gambar.push(Gambar {
                            panah: Some("bawah"),
                            penghubung: Some(Penghubung {
                                huruf: h.clone(),
                                x: cx - p / 2.0,
                                y: hh + 0.6,
                            }),
                            ..at_src(vec![pt(ex, ey, 0), pt(cx, ey, 0), pt(cx, hh + 0.6, 0)])
                        });
                        // Arrives on top of the target, beside where the
                        // arrow from the step before comes in.
                        r.gambar
                            .push(arriving(e.to, e.to_lane, tops[&i], dst, g, h));
                        r.ruang_atas[e.to] = true;
                    }
                }
            }
        }
        if e.label.is_some() {
            let idx = r
                .gambar
                .iter()
                .rposition(|d| d.step == e.from)
                .expect("just drawn");
            labels.push((idx, candidates));
        }
    }
    joins(flow, g, &mut r);
    place_labels(flow, g, &mut r.gambar, labels);
    r
}

/// Where on top of its target each broken arrow arrives: the arrow from
/// the step before in the middle, jumps beside it on their own side first.
fn arrivals(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    warnings: &mut Vec<String>,
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
                warnings.push(format!(
                    "langkah {}: terlalu banyak penghubung antarhalaman tiba di satu simbol; penghubungnya bisa bertumpuk",
                    e.to + 1
                ));
                options[0]
            });
        used.push(key(x));
        out.insert(i, x);
    }
    out
}

/// The arriving half of an off-page connector pair: a pentagon above the
/// symbol at `x` from its centre and an arrow down into its outline.
fn arriving(step: usize, lane: usize, x: f64, s: Simbol, g: &Geometri, huruf: &str) -> Gambar {
    let hh = g.simbol_tinggi / 2.0;
    let top = -hh - 1.8;
    Gambar {
        step,
        lane,
        ke: None,
        titik: vec![
            pt(x, top, 0),
            pt(x, top_y(s, g.simbol_lebar / 2.0, hh, x), 0),
        ],
        panah: Some("bawah"),
        penghubung: Some(Penghubung {
            huruf: huruf.into(),
            x: x - g.penghubung / 2.0,
            y: top - g.penghubung,
        }),
        label: None,
    }
}

fn corner(h: &str, v: &str) -> &'static str {
    match (h, v) {
        ("kiri", "atas") => "kiri-atas",
        ("kiri", _) => "kiri-bawah",
        (_, "atas") => "kanan-atas",
        _ => "kanan-bawah",
    }
}

/// A rectangle in one row: x from the centre of lane 0, y from the row's
/// symbol centre.
#[derive(Debug, Clone, Copy)]
struct Kotak {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Kotak {
    fn overlaps(&self, o: &Kotak) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Estimated size of a label at 6 pt italic, in millimetres.
fn label_box(l: &Label, x0: f64) -> Kotak {
    let w = 1.05 * l.isi.chars().count() as f64 + 0.3;
    let h = 2.0;
    let x = x0 + l.x
        - if l.jangkar.starts_with("kanan") {
            w
        } else {
            0.0
        };
    let y = l.y - if l.jangkar.ends_with("bawah") { h } else { 0.0 };
    Kotak {
        x0: x,
        x1: x + w,
        y0: y,
        y1: y + h,
    }
}

/// Gives each label the first candidate place that stays inside the lanes
/// and clear of everything drawn in its row.
fn place_labels(
    flow: &Flow,
    g: &Geometri,
    gambar: &mut [Gambar],
    labels: Vec<(usize, Vec<Label>)>,
) {
    let mut rows = obstacles(flow, g, gambar);
    let left = -g.lajur / 2.0 + 0.3;
    let right = (flow.lanes as f64 - 0.5) * g.lajur - 0.3;
    for (idx, candidates) in labels {
        let d = &gambar[idx];
        let x0 = d.lane as f64 * g.lajur;
        let row = rows.entry(d.step).or_default();
        let fits = |l: &Label| {
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
    let hw = g.simbol_lebar / 2.0;
    let hh = g.simbol_tinggi / 2.0;
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
            let x = (k as f64 - 0.5) * g.lajur;
            add(step, x, x, -FAR, FAR);
        }
        for &l in lanes {
            let x = l as f64 * g.lajur;
            add(step, x - hw, x + hw, -hh, hh);
        }
    }
    for d in gambar {
        let x0 = d.lane as f64 * g.lajur;
        let row_of = |t: &Titik| match (t.t, d.ke) {
            (1, Some((step, _))) => step,
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

/// The line joining the symbols of a step performed by several roles.
fn joins(flow: &Flow, g: &Geometri, r: &mut Routed) {
    let hw = g.simbol_lebar / 2.0;
    for (step, ls) in flow.step_lanes.iter().enumerate() {
        if ls.len() > 1 {
            let (a, b) = (ls[0], *ls.last().expect("non-empty"));
            let w = (b - a) as f64 * g.lajur;
            r.gambar.push(Gambar {
                step,
                lane: a,
                ke: None,
                titik: vec![pt(hw, 0.0, 0), pt(w - hw, 0.0, 0)],
                panah: None,
                penghubung: None,
                label: None,
            });
        }
    }
}

/// Connector letters A, B, … per SOP, in the order the pentagons appear
/// (the earlier end of each broken arrow first), so re-builds agree.
fn letters(flow: &Flow, putus: &BTreeSet<usize>) -> HashMap<usize, String> {
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
        .map(|(k, i)| (i, flow::connector_label(k)))
        .collect()
}

/// The x (from the centre of lane 0) of the vertical channel of each jump
/// drawn on one page. Slots lie in the gaps beside the lanes (gap 0 left
/// of lane 0, gap k between lanes k-1 and k); shortest spans go first so
/// they nest inside longer ones.
fn channels(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    warnings: &mut Vec<String>,
) -> HashMap<usize, f64> {
    let n = flow.lanes;
    let mut jumps: Vec<usize> = (0..flow.edges.len())
        .filter(|i| flow.edges[*i].sisi != Sisi::Bawah && !putus.contains(i))
        .collect();
    jumps.sort_by_key(|&i| {
        let e = &flow.edges[i];
        (e.from.abs_diff(e.to), e.from.min(e.to), i)
    });
    // Occupied row spans per slot x (in hundredths of a millimetre).
    let mut used: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    let mut out = HashMap::new();
    for i in jumps {
        let e = &flow.edges[i];
        let span = (e.from.min(e.to), e.from.max(e.to));
        let gaps: Vec<usize> = match e.sisi {
            Sisi::Kanan => (e.from_lane.max(e.to_lane) + 1..=n).collect(),
            _ => (0..=e.from_lane.min(e.to_lane)).rev().collect(),
        };
        let free = |x: f64, used: &HashMap<i64, Vec<(usize, usize)>>| {
            used.get(&key(x))
                .is_none_or(|v| v.iter().all(|&(a, b)| b < span.0 || a > span.1))
        };
        let mut chosen = None;
        'gaps: for &gap in &gaps {
            let mut xs = slots(g, gap, n);
            if e.sisi == Sisi::Kiri {
                xs.reverse();
            }
            for x in xs {
                if free(x, &used) {
                    chosen = Some(x);
                    break 'gaps;
                }
            }
        }
        let x = chosen.unwrap_or_else(|| {
            warnings.push(format!(
                "langkah {}: tidak ada lagi ruang untuk jalur panah ke langkah {}; garisnya bisa bertumpuk",
                e.from + 1,
                e.to + 1
            ));
            let outer = *gaps.last().expect("at least one gap");
            let xs = slots(g, outer, n);
            if e.sisi == Sisi::Kiri { xs[0] } else { *xs.last().expect("a slot") }
        });
        used.entry(key(x)).or_default().push(span);
        out.insert(i, x);
    }
    out
}

fn key(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// The channel slots of a gap, from left to right; at least one.
fn slots(g: &Geometri, gap: usize, lanes: usize) -> Vec<f64> {
    let hw = g.simbol_lebar / 2.0;
    let centre = |lane: usize| lane as f64 * g.lajur;
    let lo = if gap == 0 {
        -g.lajur / 2.0 + RULE
    } else {
        centre(gap - 1) + hw + CLEAR
    };
    let hi = if gap == lanes {
        centre(lanes - 1) + g.lajur / 2.0 - RULE
    } else {
        centre(gap) - hw - CLEAR
    };
    if hi < lo {
        return vec![(lo + hi) / 2.0];
    }
    let count = ((hi - lo) / SLOT).floor() as usize + 1;
    (0..count).map(|k| lo + k as f64 * SLOT).collect()
}

/// Heights (from the symbol's centre) where each jump leaves (`false`) and
/// enters (`true`) its symbol. Exits use the side's middle (a diamond's
/// vertex); entries from above sit above the middle and from below under
/// it, the outer channel nearer the middle, so the runs into a side never
/// cross each other's channel.
fn ports(flow: &Flow, g: &Geometri, kanal: &HashMap<usize, f64>) -> HashMap<(usize, bool), f64> {
    let hh = g.simbol_tinggi / 2.0;
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
        // A jump without a channel crosses a page: it arrives from above.
        let Some(k) = kanal.get(&i) else { continue };
        let dist = (k - e.to_lane as f64 * g.lajur).abs();
        let side = sides.entry((e.to, e.to_lane, e.sisi)).or_default();
        if e.from < e.to {
            side.1.push((dist, i));
        } else {
            side.2.push((dist, i));
        }
    }
    let mut out = HashMap::new();
    for (exits, mut above, mut below) in sides.into_values() {
        for i in &exits {
            out.insert((*i, false), 0.0);
        }
        if exits.is_empty() && above.len() + below.len() == 1 {
            for (_, i) in above.iter().chain(&below) {
                out.insert((*i, true), 0.0);
            }
            continue;
        }
        let most = above.len().max(below.len()) as f64;
        let d = (1.0_f64).min((hh - 0.5) / most);
        for (group, sign) in [(&mut above, -1.0), (&mut below, 1.0)] {
            group.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for (k, (_, i)) in group.iter().enumerate() {
                out.insert((*i, true), sign * (k as f64 + 1.0) * d);
            }
        }
    }
    out
}

/// How far above its centre a symbol's outline is at `x` from it.
fn top_y(s: Simbol, hw: f64, hh: f64, x: f64) -> f64 {
    let x = x.abs().min(hw);
    match s {
        Simbol::Proses => -hh,
        Simbol::Keputusan => -hh * (1.0 - x / hw),
        Simbol::Terminator => {
            let r = hh.min(hw);
            let off = (x - (hw - r)).max(0.0);
            -(r * r - off * off).max(0.0).sqrt()
        }
    }
}

/// How far right of its centre a symbol's outline is at height `y`.
fn edge_x(s: Simbol, hw: f64, hh: f64, y: f64) -> f64 {
    match s {
        Simbol::Proses => hw,
        Simbol::Keputusan => hw * (1.0 - y.abs() / hh),
        Simbol::Terminator => {
            let r = hh.min(hw);
            hw - r + (r * r - y * y).max(0.0).sqrt()
        }
    }
}

fn pt(x: f64, y: f64, t: u8) -> Titik {
    let round = |v: f64| (v * 1000.0).round() / 1000.0 + 0.0;
    Titik {
        x: round(x),
        y: round(y),
        t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::tests::{decision, node};
    use crate::flow::{Lanjut, Node, build};

    const G: Geometri = Geometri {
        lajur: 22.0,
        simbol_lebar: 12.0,
        simbol_tinggi: 5.5,
        turun: 1.375,
        penghubung: 4.5,
    };

    fn routed(nodes: &[Node], lanes: usize, putus: &[usize]) -> (Flow, Routed) {
        let f = build(nodes, lanes).unwrap();
        let r = route(&f, &G, &putus.iter().copied().collect());
        (f, r)
    }

    /// The x of the vertical run of the drawing that leaves `step`.
    fn channel_x(r: &Routed, step: usize) -> f64 {
        let d = r
            .gambar
            .iter()
            .find(|d| d.step == step && d.titik.len() == 4)
            .unwrap();
        d.lane as f64 * G.lajur + d.titik[1].x
    }

    #[test]
    fn overlapping_jumps_get_distinct_channels_shorter_inside() {
        // 1 → 2 → 3 ⟲ 2 and 4 ⟲ 1, all in lane 0: the short loop (3 → 2)
        // nearer the symbols than the long one (4 → 1).
        let mut d3 = decision(0, 3, 1);
        d3.lanjut = Lanjut::Keputusan {
            ya: Some(3),
            tidak: Some(1),
            label_ya: None,
            label_tidak: None,
        };
        let nodes = [node(&[0]), node(&[0]), d3, decision(0, 4, 0), node(&[0])];
        let (_, r) = routed(&nodes, 2, &[]);
        let short = channel_x(&r, 2);
        let long = channel_x(&r, 3);
        assert!(short > G.simbol_lebar / 2.0, "{short}");
        assert!(long > short + 1.0, "short {short}, long {long}");
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn arrows_into_one_side_enter_at_distinct_heights() {
        // Steps 3 and 4 both loop back to step 2 on the right.
        let nodes = [
            node(&[0]),
            node(&[0]),
            decision(0, 3, 1),
            decision(0, 4, 1),
            node(&[0]),
        ];
        let (_, r) = routed(&nodes, 1, &[]);
        let ends: Vec<f64> = r
            .gambar
            .iter()
            .filter(|d| d.ke == Some((1, 0)) && d.titik.len() == 4)
            .map(|d| d.titik[3].y)
            .collect();
        assert_eq!(ends.len(), 2);
        assert!((ends[0] - ends[1]).abs() >= 0.9, "{ends:?}");
        // Both come from below: both enter below the middle.
        assert!(ends.iter().all(|y| *y > 0.0), "{ends:?}");
    }

    #[test]
    fn broken_arrows_become_lettered_pairs_in_reading_order() {
        // Edge 0: 1 → 2; the decision at step 4 (edges 3, 4) loops to 2.
        let nodes = [
            node(&[0]),
            node(&[0]),
            node(&[1]),
            decision(1, 4, 1),
            node(&[1]),
        ];
        let f = build(&nodes, 2).unwrap();
        let back = f
            .edges
            .iter()
            .position(|e| e.from == 3 && e.to == 1)
            .unwrap();
        let r = route(&f, &G, &[0, back].into_iter().collect());
        assert_eq!(r.huruf[&0], "A");
        assert_eq!(r.huruf[&back], "B");
        // Each letter is drawn twice: leaving and arriving.
        for h in ["A", "B"] {
            let n = r
                .gambar
                .iter()
                .filter(|d| d.penghubung.as_ref().is_some_and(|p| p.huruf == h))
                .count();
            assert_eq!(n, 2, "{h}");
        }
        // The arriving pentagons need room above steps 2 (index 1) only.
        assert_eq!(r.ruang_atas, vec![false, true, false, false, false]);
        // The same input gives the same letters and lines.
        let again = route(&f, &G, &[back, 0].into_iter().collect());
        assert_eq!(again.gambar, r.gambar);
    }

    #[test]
    fn a_jump_from_the_last_lane_labels_inside_the_table() {
        let (_, r) = routed(&[node(&[1]), decision(1, 2, 0), node(&[1])], 2, &[]);
        let d = r
            .gambar
            .iter()
            .find(|d| d.label.is_some() && d.titik.len() == 4)
            .unwrap();
        let l = d.label.as_ref().unwrap();
        let b = label_box(l, d.lane as f64 * G.lajur);
        assert!(b.x1 <= 1.5 * G.lajur && b.x0 >= -0.5 * G.lajur, "{b:?}");
    }

    /// A tiny deterministic generator, so the property test needs no crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// A vertical (`x0 == x1`) or horizontal piece of line in one row.
    #[derive(Debug)]
    struct Seg {
        row: usize,
        owner: usize,
        x0: f64,
        x1: f64,
        y0: f64,
        y1: f64,
    }

    fn segments(r: &Routed) -> Vec<Seg> {
        let mut out = Vec::new();
        for (owner, d) in r.gambar.iter().enumerate() {
            let x0 = d.lane as f64 * G.lajur;
            let row = |t: &Titik| if t.t == 1 { d.ke.unwrap().0 } else { d.step };
            for w in d.titik.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let mut push = |row, ya: f64, yb: f64| {
                    out.push(Seg {
                        row,
                        owner,
                        x0: x0 + a.x.min(b.x),
                        x1: x0 + a.x.max(b.x),
                        y0: ya.min(yb),
                        y1: ya.max(yb),
                    })
                };
                let (ra, rb) = (row(a), row(b));
                if ra == rb {
                    push(ra, a.y, b.y);
                } else {
                    let far = if rb > ra { 99.0 } else { -99.0 };
                    push(ra, a.y, far);
                    push(rb, b.y, -far);
                    for k in ra.min(rb) + 1..ra.max(rb) {
                        push(k, -99.0, 99.0);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn random_flows_never_cross_symbols_or_run_on_other_lines() {
        let mut rng = Lcg(7);
        let (mut checked, mut crowded) = (0, 0);
        while checked < 400 {
            let lanes = 1 + rng.next(6);
            let n = 3 + rng.next(22);
            let nodes: Vec<Node> = (0..n)
                .map(|i| {
                    let lane = rng.next(lanes);
                    let mut nd = node(&[lane]);
                    if lanes > 2 && rng.next(8) == 0 {
                        let other = (lane + 1 + rng.next(lanes - 1)) % lanes;
                        nd.lanes = vec![lane.min(other), lane.max(other)];
                    }
                    match rng.next(10) {
                        0 | 1 if i + 1 < n => {
                            let (a, b) = (rng.next(n), rng.next(n));
                            nd.lanjut = Lanjut::Keputusan {
                                ya: Some(a),
                                tidak: Some(b),
                                label_ya: None,
                                label_tidak: None,
                            };
                        }
                        2 => nd.lanjut = Lanjut::Ke(rng.next(n)),
                        _ => {}
                    }
                    nd
                })
                .collect();
            let Ok(f) = build(&nodes, lanes) else {
                continue;
            };
            let putus: BTreeSet<usize> = (0..f.edges.len()).filter(|_| rng.next(6) == 0).collect();
            let r = route(&f, &G, &putus);
            checked += 1;
            if !r.warnings.is_empty() {
                crowded += 1;
                continue;
            }
            let segs = segments(&r);
            let hw = G.simbol_lebar / 2.0;
            let hh = G.simbol_tinggi / 2.0;
            for s in &segs {
                let d = &r.gambar[s.owner];
                for (step, ls) in f.step_lanes.iter().enumerate() {
                    for &l in ls {
                        let own = (step, l) == (d.step, d.lane) || Some((step, l)) == d.ke;
                        let x = l as f64 * G.lajur;
                        let inside = s.row == step
                            && s.x0 < x + hw - 0.01
                            && s.x1 > x - hw + 0.01
                            && s.y0 < hh - 0.01
                            && s.y1 > -hh + 0.01;
                        assert!(
                            own || !inside,
                            "through symbol {step}/{l}: {s:?}\n{nodes:?}"
                        );
                    }
                }
            }
            for (i, a) in segs.iter().enumerate() {
                for b in &segs[i + 1..] {
                    if a.row != b.row || a.owner == b.owner {
                        continue;
                    }
                    let vertical = |s: &Seg| s.x1 - s.x0 < 0.001;
                    let overlap = if vertical(a) && vertical(b) {
                        (a.x0 - b.x0).abs() < 0.01 && a.y0.max(b.y0) < a.y1.min(b.y1) - 0.01
                    } else if !vertical(a) && !vertical(b) {
                        (a.y0 - b.y0).abs() < 0.01 && a.x0.max(b.x0) < a.x1.min(b.x1) - 0.01
                    } else {
                        false
                    };
                    assert!(
                        !overlap,
                        "lines on top of each other:\n{a:?}\n{b:?}\n{nodes:?}"
                    );
                }
            }
        }
        // Channels run out only in crowded random graphs.
        assert!(crowded < checked / 10, "{crowded} of {checked} crowded");
    }
}
