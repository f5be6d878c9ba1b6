//! The layout audit, after typesetting: what a careful reader of the
//! printed flowcharts would object to, measured on the laid-out pages.
//!
//! In: the laid-out pages (every line, arrowhead, symbol, connector,
//! label and table rule, read from Typst's frames by `collect`). Out: a
//! [`Laporan`]: how many of each [`Cacat`] (defect) and where, and how
//! many times two flow lines cross. The build adds what only it knows
//! (rows left alone on a page, arrows it could not draw).

pub mod collect;

use std::collections::BTreeMap;
use std::fmt;

use collect::{Bentuk, Halaman, Kotak, Pt, dist};

/// A kind of drawing defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cacat {
    /// A branch label overlaps a line, an arrowhead, a symbol, a connector
    /// or another label.
    LabelTertimpa,
    /// A branch label is cut by a table rule.
    LabelDiGaris,
    /// Two labels side by side, so near that they read as one phrase.
    LabelBerdempet,
    /// A label nearer another line than its own: it reads as naming the
    /// other.
    LabelMendua,
    /// An off-page connector crosses a row, lane or table rule.
    PenghubungDiGaris,
    /// An arrow hardly longer than its head.
    PanahPendek,
    /// Two arrowheads on one point.
    UjungBertumpuk,
    /// Two lines run on top of each other.
    GarisBertumpuk,
    /// Two parallel lines closer than 0.8 mm.
    GarisBerimpit,
    /// Two lines meet end to end at one point.
    TitikBersama,
    /// An arrow enters a symbol's side beside where another line leaves
    /// it, so the two read as one line.
    MasukDiKeluar,
    /// Two parallel lines closer than 1.2 mm over more than 2 mm.
    GarisSejajar,
    /// A line runs along a table rule, closer than [`DEKAT_GARIS`].
    GarisDiGaris,
    /// A line runs through a symbol.
    MenembusSimbol,
    /// Something stands below the page's bottom margin: cut off.
    Terpotong,
    /// A page carries fewer than 3 rows of a table begun on the page before.
    SisaBaris,
    /// An arrow whose ends stand on different pages has no connector pair.
    PanahHilang,
    /// A table breaks to the next page although its next row (with room
    /// for a connector pair) would have fitted.
    HalamanLonggar,
}

impl Cacat {
    pub const SEMUA: [Cacat; 18] = [
        Cacat::LabelTertimpa,
        Cacat::LabelDiGaris,
        Cacat::LabelBerdempet,
        Cacat::LabelMendua,
        Cacat::PenghubungDiGaris,
        Cacat::PanahPendek,
        Cacat::UjungBertumpuk,
        Cacat::GarisBertumpuk,
        Cacat::GarisBerimpit,
        Cacat::TitikBersama,
        Cacat::MasukDiKeluar,
        Cacat::GarisSejajar,
        Cacat::GarisDiGaris,
        Cacat::MenembusSimbol,
        Cacat::Terpotong,
        Cacat::SisaBaris,
        Cacat::PanahHilang,
        Cacat::HalamanLonggar,
    ];

    /// A short name for tables of figures.
    pub fn nama(self) -> &'static str {
        match self {
            Cacat::LabelTertimpa => "label tertimpa",
            Cacat::LabelDiGaris => "label di garis tabel",
            Cacat::LabelBerdempet => "label berdempetan",
            Cacat::LabelMendua => "label lebih dekat garis lain",
            Cacat::PenghubungDiGaris => "penghubung di garis tabel",
            Cacat::PanahPendek => "panah pendek",
            Cacat::UjungBertumpuk => "ujung panah bertumpuk",
            Cacat::GarisBertumpuk => "garis bertumpuk",
            Cacat::GarisBerimpit => "garis berimpit < 0,8 mm",
            Cacat::TitikBersama => "dua garis satu titik",
            Cacat::MasukDiKeluar => "masuk di samping keluar",
            Cacat::GarisSejajar => "garis sejajar < 1,2 mm",
            Cacat::GarisDiGaris => "garis di garis tabel",
            Cacat::MenembusSimbol => "garis menembus simbol",
            Cacat::Terpotong => "terpotong",
            Cacat::SisaBaris => "halaman sisa < 3 baris",
            Cacat::PanahHilang => "panah hilang",
            Cacat::HalamanLonggar => "halaman longgar",
        }
    }
}

/// How near a line may run along a table rule, centre to centre: 1 mm,
/// less what rounding to the PDF's units may take.
const DEKAT_GARIS: f64 = 0.95;
/// How near an arrow may enter a side beside an exit the same way.
const BESIDE_EXIT: f64 = 1.3;
/// How near two labels may stand side by side.
const ANTAR_LABEL: f64 = 1.2;
/// The least gap between two labels one over the other, in millimetres:
/// nearer, they read as one label on two lines ("Ya" over "Tidak").
const ANTAR_BARIS_LABEL: f64 = 0.8;
/// How near a connector may stand to a table rule.
const DEKAT_PENGHUBUNG: f64 = 0.4;

/// The defects of a booklet.
#[derive(Debug, Clone, Default)]
pub struct Laporan {
    /// Each defect found: its kind, page (1-based) and a few words on where.
    pub cacat: Vec<(Cacat, usize, String)>,
    /// How many times two flow lines cross.
    pub persilangan: usize,
}

impl Laporan {
    pub fn jumlah(&self, c: Cacat) -> usize {
        self.cacat.iter().filter(|(k, ..)| *k == c).count()
    }

    pub fn bersih(&self) -> bool {
        self.cacat.is_empty()
    }

    pub fn tambah(&mut self, c: Cacat, page: usize, where_: impl Into<String>) {
        self.cacat.push((c, page, where_.into()));
    }

    /// The counts of every kind, for a table of figures.
    pub fn hitungan(&self) -> BTreeMap<Cacat, usize> {
        Cacat::SEMUA.iter().map(|c| (*c, self.jumlah(*c))).collect()
    }
}

impl fmt::Display for Laporan {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for c in Cacat::SEMUA {
            write!(f, "{}: {}; ", c.nama(), self.jumlah(c))?;
        }
        write!(f, "persilangan: {}", self.persilangan)?;
        for (c, page, w) in self.cacat.iter().take(12) {
            write!(f, "\n  halaman {page}: {}: {w}", c.nama())?;
        }
        Ok(())
    }
}

/// Audits the pages from `first` (0-based), the SOP pages, whose bottom
/// margin is `tepi_bawah` millimetres.
pub fn pages(doc: &typst_layout::PagedDocument, first: usize, tepi_bawah: f64) -> Laporan {
    let mut r = Laporan::default();
    for (i, page) in doc.pages().iter().enumerate().skip(first) {
        let h = collect::halaman(&page.frame);
        page_defects(&h, i + 1, tepi_bawah, &mut r);
    }
    r
}

/// A segment of a flow line: its ends and which line it belongs to.
#[derive(Debug, Clone, Copy)]
struct Seg {
    a: Pt,
    b: Pt,
    line: usize,
}

impl Seg {
    fn vertical(&self) -> bool {
        (self.a.0 - self.b.0).abs() < 0.01
    }
    fn horizontal(&self) -> bool {
        (self.a.1 - self.b.1).abs() < 0.01
    }
}

fn segments(h: &Halaman) -> Vec<Seg> {
    let mut out = Vec::new();
    for (line, pts) in h.lines.iter().enumerate() {
        for w in pts.windows(2) {
            if dist(w[0], w[1]) > 0.01 {
                out.push(Seg {
                    a: w[0],
                    b: w[1],
                    line,
                });
            }
        }
    }
    out
}

fn page_defects(h: &Halaman, page: usize, tepi_bawah: f64, r: &mut Laporan) {
    let segs = segments(h);
    labels(h, &segs, page, r);
    label_owners(h, &segs, page, r);
    connectors(h, page, r);
    arrows(h, page, r);
    lines(h, &segs, page, r);
    clipped(h, page, tepi_bawah, r);
}

fn at(k: &Kotak) -> String {
    format!("({:.1}, {:.1}) mm", k.x0, k.y0)
}

/// The trunk drawing `own` joins at its junction dots, from each dot on
/// to the trunk's end: the way its arrow goes on.
fn joined_trunk(h: &Halaman, segs: &[Seg], own: usize) -> Vec<Seg> {
    let mut out = Vec::new();
    for (dot, _) in h.dots.iter().filter(|(_, d)| *d == Some(own)) {
        let on = segs.iter().position(|s| {
            h.line_drawing.get(s.line).copied().flatten() != Some(own)
                && point_to_segment(*dot, s.a, s.b) < 0.15
        });
        let Some(first) = on else { continue };
        let line = segs[first].line;
        out.push(Seg {
            a: *dot,
            ..segs[first]
        });
        out.extend(
            segs[first + 1..]
                .iter()
                .take_while(|s| s.line == line)
                .copied(),
        );
    }
    out
}

/// Labels no nearer another line than their own: a reader takes a label
/// for the line nearest it. A label on two lines is judged whole. Where
/// lines of other drawings run on a label's own (a shared trunk), those
/// parts count as its own; so does the trunk its jump joins at a dot,
/// from the dot to the trunk's end.
fn label_owners(h: &Halaman, segs: &[Seg], page: usize, r: &mut Laporan) {
    let mut whole: Vec<(usize, String, Kotak)> = Vec::new();
    for (i, (text, k)) in h.labels.iter().enumerate() {
        let Some(own) = h.label_drawing.get(i).copied().flatten() else {
            continue;
        };
        match whole.iter_mut().find(|(d, ..)| *d == own) {
            Some((_, t, b)) => {
                t.push(' ');
                t.push_str(text);
                *b = Kotak::around(&[(b.x0, b.y0), (b.x1, b.y1), (k.x0, k.y0), (k.x1, k.y1)]);
            }
            None => whole.push((own, text.clone(), *k)),
        }
    }
    for (own, text, k) in &whole {
        let mine = |s: &Seg| h.line_drawing.get(s.line).copied().flatten() == Some(*own);
        let mut own_segs: Vec<Seg> = segs.iter().filter(|s| mine(s)).copied().collect();
        own_segs.extend(joined_trunk(h, segs, *own));
        let d_own = own_segs
            .iter()
            .map(|s| box_to_segment(k, s.a, s.b))
            .fold(f64::INFINITY, f64::min);
        if !d_own.is_finite() {
            continue;
        }
        // Other lines, sampled every 0.2 mm, but where they run on its own.
        let mut d_other = f64::INFINITY;
        for s in segs.iter().filter(|s| !mine(s)) {
            let n = (dist(s.a, s.b) / 0.2).ceil().max(1.0) as usize;
            for m in 0..=n {
                let t = m as f64 / n as f64;
                let p = (s.a.0 + t * (s.b.0 - s.a.0), s.a.1 + t * (s.b.1 - s.a.1));
                if !own_segs.iter().any(|o| point_to_segment(p, o.a, o.b) < 0.1) {
                    d_other = d_other.min(box_to_segment(k, p, p));
                }
            }
        }
        if d_other < d_own {
            r.tambah(
                Cacat::LabelMendua,
                page,
                format!(
                    "`{text}` di {}: {d_other:.1} mm dari garis lain, {d_own:.1} mm dari garisnya",
                    at(k)
                ),
            );
        }
    }
}

fn point_to_segment(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = match len2 > 0.0 {
        true => (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0),
        false => 0.0,
    };
    dist(p, (a.0 + t * dx, a.1 + t * dy))
}

/// The distance from a box to a horizontal or vertical segment (flow
/// lines run only so), or to a point (`a` = `b`).
fn box_to_segment(k: &Kotak, a: Pt, b: Pt) -> f64 {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let dx = (k.x0 - x1).max(x0 - k.x1).max(0.0);
    let dy = (k.y0 - y1).max(y0 - k.y1).max(0.0);
    dx.hypot(dy)
}

/// Whether symbol `b` drawn in box `s` covers part of box `k`: a diamond
/// by its outline, not its bounding box, since labels tuck under its
/// slanted edges.
fn covers(b: Bentuk, s: &Kotak, k: &Kotak) -> bool {
    if !s.overlaps(k) {
        return false;
    }
    if b != Bentuk::Ketupat {
        return true;
    }
    let (cx, cy) = ((s.x0 + s.x1) / 2.0, (s.y0 + s.y1) / 2.0);
    let (hw, hh) = ((s.x1 - s.x0) / 2.0, (s.y1 - s.y0) / 2.0);
    // The box's point nearest the centre, in the diamond's measure.
    let dx = (k.x0 - cx).max(cx - k.x1).max(0.0);
    let dy = (k.y0 - cy).max(cy - k.y1).max(0.0);
    dx / hw + dy / hh < 1.0
}

/// Labels clear of everything drawn and of the table's rules.
fn labels(h: &Halaman, segs: &[Seg], page: usize, r: &mut Laporan) {
    for (i, (text, k)) in h.labels.iter().enumerate() {
        let k = k.shrink(0.05);
        let hit = segs.iter().any(|s| k.cut_by(s.a, s.b))
            || h.heads.iter().any(|t| Kotak::around(t).overlaps(&k))
            || h.symbols.iter().any(|(b, s)| covers(*b, s, &k))
            || h.labels
                .iter()
                .enumerate()
                .any(|(j, (_, o))| j != i && o.overlaps(&k));
        if hit {
            r.tambah(
                Cacat::LabelTertimpa,
                page,
                format!("`{text}` di {}", at(&k)),
            );
        }
        if h.rules.iter().any(|(a, b)| k.cut_by(*a, *b)) {
            r.tambah(Cacat::LabelDiGaris, page, format!("`{text}` di {}", at(&k)));
        }
        // On one baseline, less than the gap between two words apart; or
        // one over the other, nearer than a line apart.
        let beside = h.labels[..i].iter().any(|(_, o)| {
            let gap = (o.x0 - k.x1).max(k.x0 - o.x1);
            let shared = k.y1.min(o.y1) - k.y0.max(o.y0);
            let over = (o.y0 - k.y1).max(k.y0 - o.y1);
            (gap < ANTAR_LABEL && shared > 0.5 * (k.y1 - k.y0).min(o.y1 - o.y0))
                || (gap < 0.0 && over < ANTAR_BARIS_LABEL)
        });
        if beside {
            r.tambah(
                Cacat::LabelBerdempet,
                page,
                format!("`{text}` di {}", at(&k)),
            );
        }
    }
}

/// Connector pentagons inside one cell.
fn connectors(h: &Halaman, page: usize, r: &mut Laporan) {
    for (b, k) in &h.symbols {
        if *b == Bentuk::Penghubung
            && h.rules
                .iter()
                .any(|(a, c)| k.shrink(-DEKAT_PENGHUBUNG).cut_by(*a, *c))
        {
            r.tambah(Cacat::PenghubungDiGaris, page, at(k));
        }
    }
}

/// Arrows longer than their heads, and one head on a point.
fn arrows(h: &Halaman, page: usize, r: &mut Laporan) {
    for (i, t) in h.heads.iter().enumerate() {
        let tip = t[2];
        let head = dist(tip, ((t[0].0 + t[1].0) / 2.0, (t[0].1 + t[1].1) / 2.0));
        let line = h
            .lines
            .iter()
            .find(|l| l.last().is_some_and(|p| dist(*p, tip) < 0.05));
        if let Some(l) = line {
            let len: f64 = l.windows(2).map(|w| dist(w[0], w[1])).sum();
            if len < 2.0 * head {
                r.tambah(
                    Cacat::PanahPendek,
                    page,
                    format!("{len:.1} mm di ({:.1}, {:.1})", tip.0, tip.1),
                );
            }
        }
        if h.heads[..i].iter().any(|o| dist(o[2], tip) < 0.5) {
            r.tambah(
                Cacat::UjungBertumpuk,
                page,
                format!("({:.1}, {:.1})", tip.0, tip.1),
            );
        }
    }
}

/// Lines that run on, beside or through each other or through symbols,
/// and the crossings.
fn lines(h: &Halaman, segs: &[Seg], page: usize, r: &mut Laporan) {
    for s in segs {
        // The nearest rule the segment runs along for more than 1 mm.
        let along = h
            .rules
            .iter()
            .filter_map(|&(a, b)| {
                let rule = Seg {
                    a,
                    b,
                    line: usize::MAX,
                };
                parallel(s, &rule).and_then(|(gap, run)| (run > 1.0).then_some(gap))
            })
            .fold(f64::INFINITY, f64::min);
        if along < DEKAT_GARIS {
            let arah = if s.horizontal() { "mendatar" } else { "tegak" };
            r.tambah(
                Cacat::GarisDiGaris,
                page,
                format!("{arah} {along:.2} mm di ({:.1}, {:.1})", s.a.0, s.a.1),
            );
        }
    }
    for (i, s) in segs.iter().enumerate() {
        for o in &segs[i + 1..] {
            if o.line == s.line {
                continue;
            }
            pair(s, o, page, r);
        }
        // A segment may end on an outline, not run through it.
        let inside = h.symbols.iter().any(|(b, k)| match b {
            Bentuk::Ketupat => through(k, s.a, s.b, diamond),
            Bentuk::Kapsul => through(k, s.a, s.b, stadium),
            // A connector is small: a line along its edge, inside its
            // stroke, reads as entering it.
            Bentuk::Penghubung => k.shrink(0.1).cut_by(s.a, s.b),
            _ => k.shrink(0.3).cut_by(s.a, s.b),
        });
        if inside {
            r.tambah(
                Cacat::MenembusSimbol,
                page,
                format!("({:.1}, {:.1})", s.a.0, s.a.1),
            );
        }
    }
    let ends: Vec<(usize, Pt)> = h
        .lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            [l.first(), l.last()]
                .into_iter()
                .flatten()
                .map(move |p| (i, *p))
        })
        .collect();
    entries_beside_exits(h, page, r);
    for (k, (i, p)) in ends.iter().enumerate() {
        if ends[..k].iter().any(|(j, q)| j != i && dist(*p, *q) < 0.3) {
            r.tambah(
                Cacat::TitikBersama,
                page,
                format!("({:.1}, {:.1})", p.0, p.1),
            );
        }
    }
}

/// Arrows that enter a symbol's side closer than [`BESIDE_EXIT`] to where
/// another line leaves that side the way the arrow comes from, so the two
/// run side by side.
fn entries_beside_exits(h: &Halaman, page: usize, r: &mut Laporan) {
    for t in &h.heads {
        let tip = t[2];
        // Which way the arrow comes from: positive from the right.
        let from = (t[0].0 + t[1].0) / 2.0 - tip.0;
        if from.abs() < 0.1 {
            continue;
        }
        for l in &h.lines {
            let [start, next, ..] = l[..] else { continue };
            let leaves = next.0 - start.0;
            if (start.1 - next.1).abs() > 0.01 || leaves * from <= 0.0 {
                continue;
            }
            let dy = (start.1 - tip.1).abs();
            let on_one = || {
                h.symbols.iter().any(|(b, k)| {
                    let k = k.shrink(-0.3);
                    *b != Bentuk::Penghubung && k.contains(start) && k.contains(tip)
                })
            };
            if dy < BESIDE_EXIT && on_one() {
                r.tambah(
                    Cacat::MasukDiKeluar,
                    page,
                    format!("{dy:.2} mm di ({:.1}, {:.1})", tip.0, tip.1),
                );
            }
        }
    }
}

/// Whether the segment from `a` to `b` runs inside the outline drawn in
/// `k`, more than 0.3 mm from it; `inside` tells a point of the outline's
/// inside from its offset to the centre and the half sizes.
fn through(k: &Kotak, a: Pt, b: Pt, inside: fn(f64, f64, f64, f64) -> bool) -> bool {
    let (cx, cy) = ((k.x0 + k.x1) / 2.0, (k.y0 + k.y1) / 2.0);
    let (hw, hh) = ((k.x1 - k.x0) / 2.0 - 0.3, (k.y1 - k.y0) / 2.0 - 0.3);
    if hw <= 0.0 || hh <= 0.0 {
        return false;
    }
    let n = ((dist(a, b) / 0.1).ceil() as usize).max(1);
    (0..=n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        inside((x - cx).abs(), (y - cy).abs(), hw, hh)
    })
}

fn diamond(x: f64, y: f64, hw: f64, hh: f64) -> bool {
    x / hw + y / hh < 1.0
}

fn stadium(x: f64, y: f64, hw: f64, hh: f64) -> bool {
    let r = hh.min(hw);
    let off = (x - (hw - r)).max(0.0);
    y < hh && off * off + y * y < r * r
}

/// How far apart two parallel segments run and over what length; `None`
/// unless both are horizontal or both vertical.
fn parallel(s: &Seg, o: &Seg) -> Option<(f64, f64)> {
    let overlap = |(a0, a1): (f64, f64), (b0, b1): (f64, f64)| a1.min(b1) - a0.max(b0);
    if s.vertical() && o.vertical() {
        Some((
            (s.a.0 - o.a.0).abs(),
            overlap(span(s.a.1, s.b.1), span(o.a.1, o.b.1)),
        ))
    } else if s.horizontal() && o.horizontal() {
        Some((
            (s.a.1 - o.a.1).abs(),
            overlap(span(s.a.0, s.b.0), span(o.a.0, o.b.0)),
        ))
    } else {
        None
    }
}

fn span(a: f64, b: f64) -> (f64, f64) {
    (a.min(b), a.max(b))
}

/// Two segments of different lines.
fn pair(s: &Seg, o: &Seg, page: usize, r: &mut Laporan) {
    let where_ = || format!("({:.1}, {:.1})", s.a.0, s.a.1);
    if let Some((gap, run)) = parallel(s, o) {
        if gap < 0.05 && run > 0.2 {
            r.tambah(Cacat::GarisBertumpuk, page, where_());
        } else if gap < 0.8 && run > 0.5 {
            r.tambah(Cacat::GarisBerimpit, page, where_());
        } else if gap < 1.2 && run > 2.0 {
            r.tambah(
                Cacat::GarisSejajar,
                page,
                format!("{gap:.2} mm, {run:.1} mm di ({:.1}, {:.1})", s.a.0, s.a.1),
            );
        }
        return;
    }
    let (v, hz) = match (s.vertical(), o.horizontal(), o.vertical(), s.horizontal()) {
        (true, true, _, _) => (s, o),
        (_, _, true, true) => (o, s),
        _ => return,
    };
    let (x, y) = (v.a.0, hz.a.1);
    let inside = |(a, b): (f64, f64), t: f64| a + 0.05 < t && t < b - 0.05;
    if inside(span(hz.a.0, hz.b.0), x) && inside(span(v.a.1, v.b.1), y) {
        r.persilangan += 1;
    }
}

/// Anything drawn below the bottom margin, but the footer's page number.
fn clipped(h: &Halaman, page: usize, tepi_bawah: f64, r: &mut Laporan) {
    let limit = h.tinggi - tepi_bawah + 0.5;
    let below = |k: &Kotak| k.y1 > limit;
    let footer = |k: &Kotak| k.y0 > limit - 0.5 && k.y1 < h.tinggi && k.y1 - k.y0 < 4.0;
    let texts = h.texts.iter().filter(|k| below(k) && !footer(k)).count();
    let drawn = h.symbols.iter().filter(|(_, k)| below(k)).count()
        + h.lines
            .iter()
            .filter(|l| l.iter().any(|p| p.1 > limit))
            .count();
    if texts + drawn > 0 {
        r.tambah(
            Cacat::Terpotong,
            page,
            format!("{} teks dan {drawn} gambar di bawah tepi", texts),
        );
    }
}
