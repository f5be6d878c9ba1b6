//! Stage 3b, routing: where every line of a flowchart runs, in
//! millimetres, computed from the flow alone so a re-build draws the same
//! picture.
//!
//! In: a table's [`Flow`], its [`Geometri`], the arrows the page plan puts
//! across a page break, and a way to measure a label's text. Out:
//! [`Routed`]: every line, arrowhead, junction, off-page connector and
//! branch label, each drawn from the centre of one symbol; how much room
//! each row needs above and below its symbols; and the problems the drawing
//! can live with.
//!
//! Coordinates: x from the centre of the symbol a drawing belongs to; y from
//! that centre too, or, for points measured from [`Acuan::Tujuan`], from
//! the centre of the target symbol, whose position only the layout knows.
//! Rows have no fixed height, so vertical runs between rows are always
//! written that way.
//!
//! The rules that keep the picture clean:
//! - an arrow to the next step leaves the bottom, turns once just below
//!   its symbol and enters the top of the target (`turun`);
//! - jumps (loops and skips) leave a side and run in a vertical channel in
//!   a gap between lanes or through a lane that is empty in those rows,
//!   never through a symbol; the channel that crosses the fewest lines
//!   wins, shorter spans nearer the symbols (`kanal`); jumps into one side
//!   of one target share one trunk and one arrowhead, each joining it with
//!   a dot (`lompat`);
//! - entries into a side are spread so none meets an exit: a decision's
//!   vertices are its exits only (`kanal::ports`);
//! - an arrow whose ends stand on different pages becomes a pair of
//!   off-page connectors with the same letter, each inside its row, which
//!   grows to hold it (`putus`);
//! - a label takes the first of its candidate places inside one lane and
//!   clear of everything drawn; where none is clear, its row grows
//!   (`label`);
//! - what still crosses is counted and reported (`peta`).

mod bentuk;
mod kanal;
mod label;
mod lompat;
mod peta;
mod putus;
mod turun;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::content::model::{Bagan, Buku, Orientasi};
use crate::flow::{Edge, Flow, Sisi};
use crate::kontrak;

/// The sizes a flowchart is drawn with, in millimetres.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Geometri {
    /// Width of one lane (distance between symbol centres of neighbours).
    pub lebar_lajur: f64,
    pub lebar_simbol: f64,
    pub tinggi_simbol: f64,
    /// The least room above and below a symbol in its cell.
    pub ruang: f64,
    /// Size of an off-page connector pentagon.
    pub penghubung: f64,
    /// Length of an arrowhead.
    pub ujung: f64,
    /// Height of a branch label's text (cap height and descender).
    pub tinggi_label: f64,
}

impl Geometri {
    /// The geometry of a table of `lanes` lanes in the booklet `buku`: the
    /// lanes share the SOP page's width between its margins (see
    /// [`kontrak::lebar_lajur_semua`]), each at most `bagan.lebar_lajur`;
    /// a symbol is narrower than its lane.
    pub fn new(buku: &Buku, lanes: usize, tinggi_label: f64) -> Geometri {
        let lajur = buku.bagan.lebar_lajur.min(lebar_maks(buku, lanes));
        Geometri::selebar(buku, lajur, tinggi_label)
    }

    /// The geometry of [`Geometri::new`], its lanes widened in steps of
    /// 2 mm up to their share of the page while that leaves fewer jumps
    /// without a channel of their own or branch labels of `flow` without a
    /// clean place (first those over something else, then those only
    /// ambiguous), or fewer crossings: a draftsman widens the columns
    /// rather than draw lines on top of each other or a label over a
    /// line.
    /// The arrows in `putus` are judged as connector pairs.
    pub fn untuk(
        buku: &Buku,
        flow: &Flow,
        putus: &BTreeSet<usize>,
        tinggi_label: f64,
        lebar: &dyn Fn(&str) -> f64,
    ) -> Geometri {
        let maks = lebar_maks(buku, flow.lanes);
        let mut g = Geometri::new(buku, flow.lanes, tinggi_label);
        // Judged drawn whole too: that is how its rows are measured.
        let whole = BTreeSet::new();
        let kotor = |g: &Geometri| {
            [putus, &whole]
                .into_iter()
                .map(|p| {
                    let r = route(flow, g, p, lebar);
                    (r.tertimpa(), r.kotor(), r.crossings.len())
                })
                .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
        };
        let mut best = (kotor(&g), g);
        while best.0 != (0, 0, 0) && g.lebar_lajur < maks {
            g = Geometri::selebar(buku, (g.lebar_lajur + 2.0).min(maks), tinggi_label);
            let k = kotor(&g);
            if k < best.0 {
                best = (k, g);
            }
        }
        best.1
    }

    /// The geometry of a table whose lanes are `lajur` millimetres wide.
    pub fn selebar(buku: &Buku, lajur: f64, tinggi_label: f64) -> Geometri {
        let b = &buku.bagan;
        Geometri {
            lebar_lajur: lajur,
            lebar_simbol: b.lebar_simbol.min(lajur - 4.0).max(2.0),
            tinggi_simbol: b.tinggi_simbol,
            ruang: ruang(b),
            penghubung: kontrak::PENGHUBUNG,
            ujung: kontrak::UJUNG_PANAH,
            tinggi_label,
        }
    }

    fn hw(&self) -> f64 {
        self.lebar_simbol / 2.0
    }

    fn hh(&self) -> f64 {
        self.tinggi_simbol / 2.0
    }

    /// An arrow at least this long shows its line beyond its head.
    fn pendek(&self) -> f64 {
        2.0 * self.ujung + 0.5
    }

    /// The gap between the two lines of a label set on two.
    fn jarak_baris(&self) -> f64 {
        0.3 * kontrak::mm(kontrak::LABEL_PT)
    }

    /// How far below its symbol an arrow to the next step turns: near
    /// the symbol, so the turn reads as leaving it.
    fn belok(&self) -> f64 {
        0.8
    }

    /// How far above its row's rule an arrow to the next step turns, so
    /// the turn does not read as running along the rule.
    fn di_atas_garis(&self) -> f64 {
        1.2
    }
}

/// Room kept between an off-page connector and a lane's rule.
const TEPI_PENGHUBUNG: f64 = 0.7;

/// The widest a lane of a table of `lanes` lanes may be: the lanes share
/// the SOP page's width between its margins.
fn lebar_maks(buku: &Buku, lanes: usize) -> f64 {
    let (lebar, tinggi) = buku.kertas.ukuran_mm();
    let lanskap = buku.gaya.orientasi == Orientasi::Lanskap;
    kontrak::lebar_lajur_semua(if lanskap { tinggi } else { lebar }) / lanes.max(1) as f64
}

/// The least room above and below a symbol in its cell, so that a row is
/// at least `tinggi_baris`.
pub fn ruang(b: &Bagan) -> f64 {
    ((b.tinggi_baris - b.tinggi_simbol) / 2.0).max(1.0)
}

/// Which centre a point's `y` is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Acuan {
    /// The symbol the drawing belongs to.
    Asal,
    /// The target symbol (`Gambar::ke`).
    Tujuan,
}

/// A point of a polyline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Titik {
    pub x: f64,
    pub y: f64,
    pub acuan: Acuan,
}

/// The direction an arrowhead points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arah {
    Bawah,
    Kiri,
    Kanan,
}

/// An off-page connector pentagon: its letter and top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Penghubung {
    pub huruf: String,
    pub x: f64,
    pub y: f64,
}

/// The corner of a label's text that stands at its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sudut {
    KiriAtas,
    KananAtas,
    KiriBawah,
    KananBawah,
}

impl Sudut {
    pub fn new(kanan: bool, bawah: bool) -> Sudut {
        match (kanan, bawah) {
            (false, false) => Sudut::KiriAtas,
            (true, false) => Sudut::KananAtas,
            (false, true) => Sudut::KiriBawah,
            (true, true) => Sudut::KananBawah,
        }
    }

    /// The text lies left of its point.
    pub fn kanan(self) -> bool {
        matches!(self, Sudut::KananAtas | Sudut::KananBawah)
    }

    /// The text lies above its point.
    pub fn bawah(self) -> bool {
        matches!(self, Sudut::KiriBawah | Sudut::KananBawah)
    }
}

/// A branch label ("Ya", "Tidak"): the corner `sudut` of its text is at
/// (x, y).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelCabang {
    pub isi: String,
    pub x: f64,
    pub y: f64,
    pub sudut: Sudut,
}

/// One thing drawn from the centre of the symbol of `step` in `lane`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gambar {
    pub step: usize,
    pub lane: usize,
    /// The symbol [`Acuan::Tujuan`] points refer to (0-based step, lane).
    pub ke: Option<(usize, usize)>,
    pub titik: Vec<Titik>,
    /// Direction of the arrowhead at the last point.
    pub panah: Option<Arah>,
    /// A dot where this line joins the trunk of another.
    pub sambungan: Option<Titik>,
    pub penghubung: Option<Penghubung>,
    pub label: Option<LabelCabang>,
}

impl Gambar {
    /// A drawing from the symbol of `step` in `lane` with nothing but
    /// `titik`.
    fn garis(step: usize, lane: usize, titik: Vec<Titik>) -> Gambar {
        Gambar {
            step,
            lane,
            ke: None,
            titik,
            panah: None,
            sambungan: None,
            penghubung: None,
            label: None,
        }
    }
}

/// The routed flowchart of one table.
#[derive(Debug, Clone)]
pub struct Routed {
    /// The sizes it was routed with.
    pub geometri: Geometri,
    pub gambar: Vec<Gambar>,
    /// Room each row needs above its symbols, in millimetres.
    pub ruang_atas: Vec<f64>,
    /// Room each row needs below its symbols.
    pub ruang_bawah: Vec<f64>,
    /// Letters of the connectors, by edge index.
    pub huruf: HashMap<usize, String>,
    /// Problems the drawing can live with, in Indonesian, each with the
    /// step it is about.
    pub warnings: Vec<(usize, String)>,
    /// Lines that cross: the steps each leaves from and the message.
    pub crossings: Vec<(usize, String)>,
    /// Branch labels that found no clean place (each also warned about).
    pub label_kotor: usize,
    /// Branch labels that found a clean place only as near another line
    /// as their own: a reader may take them for the other's.
    pub label_mendua: usize,
    /// Jumps that found no free channel (each also warned about).
    pub kanal_kurang: usize,
    /// Off-page connectors another line runs into (each warned about).
    pub penghubung_kotor: usize,
}

impl Routed {
    /// What the drawing could not place cleanly or readably: labels and
    /// jumps. A wider lane is sought while any is left.
    pub fn kotor(&self) -> usize {
        self.label_mendua + self.tertimpa()
    }

    /// What the drawing puts on something else: labels over lines, jumps
    /// on another's channel, lines into a connector. Worse than a label
    /// only as near another line as its own.
    pub fn tertimpa(&self) -> usize {
        self.label_kotor + self.kanal_kurang + self.penghubung_kotor
    }
}

/// What routing one arrow gives: its drawings (the first one leaves the
/// arrow's source) and the places its label may take, best first.
struct Panah {
    gambar: Vec<Gambar>,
    kandidat: Vec<LabelCabang>,
}

/// Room each row needs, growing as drawings ask for more.
#[derive(Debug, Clone)]
struct Ruang {
    atas: Vec<f64>,
    bawah: Vec<f64>,
}

impl Ruang {
    fn atas(&mut self, row: usize, v: f64) {
        self.atas[row] = self.atas[row].max(v);
    }
    fn bawah(&mut self, row: usize, v: f64) {
        self.bawah[row] = self.bawah[row].max(v);
    }
}

/// Everything the arrows of one table are routed with.
struct Cx<'a> {
    flow: &'a Flow,
    g: &'a Geometri,
    /// The x of each jump's channel, from the centre of lane 0.
    kanal: HashMap<usize, f64>,
    /// The jump that draws the trunk shared by each jump.
    trunk: HashMap<usize, usize>,
    /// Where each jump leaves (`false`) and enters (`true`) its symbol.
    ports: HashMap<(usize, bool), f64>,
    /// Where on top of its target each broken arrow arrives.
    tops: HashMap<usize, f64>,
    /// Steps whose arrow to the next step is broken.
    putus_turun: BTreeSet<usize>,
}

/// Routes `flow`; `putus` holds the edges the page plan puts across a page
/// break; `lebar` measures a label's text in millimetres.
///
/// A label that finds no clean place beside a jump squeezed between its
/// symbol and the channel nearest it gets that channel moved outwards,
/// where the label may fit between the channel and the symbol's other
/// lines; a jump across a page break with no room for its label leaves
/// its symbol's other side instead; so does a jump whose channel would
/// pass through a connector. Each change is kept when it places more
/// labels and crosses at most [`SILANG_LABEL`] more lines, or places more
/// channels and crosses no more. A label whose only clean places are as
/// near another line as its own gets the same two remedies, kept when
/// they leave fewer such labels and no more of anything else.
pub fn route(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    lebar: &dyn Fn(&str) -> f64,
) -> Routed {
    let mut luar = BTreeSet::new();
    let mut flow = away_from_turns(flow, putus);
    // The best drawing so far, and what it left unplaced.
    let (mut best, mut left) = draw(&flow, g, putus, &luar, lebar);
    // Jump `i` drawn from its symbol's other side, kept when `better`.
    let turn = |i: usize,
                flow: &mut std::borrow::Cow<Flow>,
                best: &mut Routed,
                left: &mut Sisa,
                luar: &BTreeSet<usize>,
                better: &dyn Fn(&Routed, &Routed) -> bool| {
        let turned = other_side(flow, i);
        // Two exits from one side of a symbol would leave on one line.
        let taken = flow.edges.iter().enumerate().any(|(j, e)| {
            j != i
                && e.from == turned.from
                && e.from_lane == turned.from_lane
                && e.sisi == turned.sisi
        });
        if taken {
            return;
        }
        let mut other = flow.as_ref().clone();
        other.edges[i] = turned;
        let (r, s) = draw(&other, g, putus, luar, lebar);
        if better(&r, best) {
            *best = r;
            *left = s;
            *flow = std::borrow::Cow::Owned(other);
        }
    };
    // Jump `i`'s channel moved outwards, kept when `better`: whether it was.
    let outward = |i: usize,
                   flow: &Flow,
                   best: &mut Routed,
                   left: &mut Sisa,
                   luar: &mut BTreeSet<usize>,
                   better: &dyn Fn(&Routed, &Routed) -> bool| {
        luar.insert(i);
        let (r, s) = draw(flow, g, putus, luar, lebar);
        if better(&r, best) {
            *best = r;
            *left = s;
            return true;
        }
        luar.remove(&i);
        false
    };
    let more_labels = |r: &Routed, best: &Routed| {
        r.label_kotor < best.label_kotor
            && r.crossings.len() <= best.crossings.len() + SILANG_LABEL
            && r.kanal_kurang <= best.kanal_kurang
    };
    for i in left.label.clone() {
        if best.label_kotor == 0 {
            break;
        }
        let e = &flow.edges[i];
        if e.sisi == Sisi::Bawah {
            continue;
        }
        // Squeezed against the table's edge, the other side of its symbol
        // looks into the table.
        let edge = flow.lanes > 1
            && match e.sisi {
                Sisi::Kiri => e.from_lane == 0,
                _ => e.from_lane + 1 == flow.lanes,
            };
        if putus.contains(&i) {
            // A jump across a page break may leave either side: its
            // connector stands beside the symbol.
            turn(i, &mut flow, &mut best, &mut left, &luar, &more_labels);
            continue;
        }
        if outward(i, &flow, &mut best, &mut left, &mut luar, &more_labels) {
            continue;
        }
        if edge {
            turn(i, &mut flow, &mut best, &mut left, &luar, &more_labels);
        }
    }
    // A label only as near another line as its own: its jump from the
    // symbol's other side, else its channel moved outwards, kept when
    // either leaves fewer such labels and no more of anything else.
    let more_readable = |r: &Routed, best: &Routed| {
        r.label_mendua < best.label_mendua
            && r.label_kotor <= best.label_kotor
            && r.crossings.len() <= best.crossings.len()
            && r.kanal_kurang <= best.kanal_kurang
            && r.penghubung_kotor <= best.penghubung_kotor
    };
    for i in left.mendua.clone() {
        if best.label_mendua == 0 {
            break;
        }
        // Jumps to one step share a trunk, which either remedy would
        // split: two arrowheads on the step mislead more than the label.
        if flow.edges[i].sisi == Sisi::Bawah || kanal::shares_trunk(&flow, putus, i) {
            continue;
        }
        let before = best.label_mendua;
        turn(i, &mut flow, &mut best, &mut left, &luar, &more_readable);
        if best.label_mendua < before || putus.contains(&i) || luar.contains(&i) {
            continue;
        }
        outward(i, &flow, &mut best, &mut left, &mut luar, &more_readable);
    }
    // A jump whose channel would pass a connector beside its symbol is
    // drawn against the table's edge, through the connector; a line that
    // runs into another arrow's connector reads as entering it. On its
    // symbol's other side such a jump may find a channel, or its
    // connector stand clear.
    let more_channels = |r: &Routed, best: &Routed| {
        r.kanal_kurang < best.kanal_kurang
            && r.label_kotor <= best.label_kotor
            && r.crossings.len() <= best.crossings.len()
    };
    let clearer = |r: &Routed, best: &Routed| {
        r.penghubung_kotor < best.penghubung_kotor
            && r.label_kotor <= best.label_kotor
            && r.kanal_kurang <= best.kanal_kurang
            && r.crossings.len() <= best.crossings.len() + SILANG_LABEL
    };
    type Perbaikan<'a> = (
        fn(&Routed) -> usize,
        fn(&Sisa) -> &[usize],
        &'a dyn Fn(&Routed, &Routed) -> bool,
    );
    let menders: [Perbaikan; 2] = [
        (|r| r.kanal_kurang, |s| &s.kanal, &more_channels),
        (|r| r.penghubung_kotor, |s| &s.penghubung, &clearer),
    ];
    for (count, jumps, better) in menders {
        for i in jumps(&left).to_vec() {
            if count(&best) == 0 {
                break;
            }
            if flow.edges[i].sisi != Sisi::Bawah {
                turn(i, &mut flow, &mut best, &mut left, &luar, better);
            }
        }
    }
    best
}

/// [`route`] with the channels of the jumps in `luar` moved outwards; also
/// what it could not place cleanly.
fn draw(
    flow: &Flow,
    g: &Geometri,
    putus: &BTreeSet<usize>,
    luar: &BTreeSet<usize>,
    lebar: &dyn Fn(&str) -> f64,
) -> (Routed, Sisa) {
    let n = flow.symbols.len();
    let broken: BTreeSet<usize> = putus
        .iter()
        .copied()
        .filter(|&i| i < flow.edges.len())
        .collect();
    let mut warnings = Vec::new();
    let mut ruang = Ruang {
        atas: vec![g.ruang; n],
        bawah: vec![g.ruang; n],
    };
    let huruf = putus::letters(flow, &broken);
    let kanal::Kanal {
        x: kanal,
        trunk,
        sempit,
    } = kanal::channels(flow, g, &broken, luar, lebar, &mut warnings);
    // Each warning so far is a jump that found no free channel.
    let kanal_kurang = warnings.len();
    let ports = kanal::ports(flow, g, &kanal, &trunk);
    let tops = putus::arrivals(flow, g, &broken);
    let putus_turun = broken
        .iter()
        .filter(|&&i| flow.edges[i].sisi == Sisi::Bawah)
        .map(|&i| flow.edges[i].from)
        .collect();
    let cx = Cx {
        flow,
        g,
        kanal,
        trunk,
        ports,
        tops,
        putus_turun,
    };
    let mut gambar = Vec::new();
    let mut labels: Vec<(usize, Vec<LabelCabang>)> = Vec::new();
    // The edge of each labelled drawing, and of each drawing.
    let mut label_edge = HashMap::new();
    let mut edge_of = Vec::new();
    let mut arrived = BTreeSet::new();
    for (i, e) in flow.edges.iter().enumerate() {
        let isi = e.label.clone().unwrap_or_default();
        let panah = match (e.sisi, huruf.get(&i)) {
            (Sisi::Bawah, None) => turun::gambar(&cx, e, &isi, &mut ruang),
            (Sisi::Bawah, Some(h)) => turun::putus(&cx, i, e, &isi, h, &mut ruang),
            (_, None) => lompat::gambar(&cx, i, e, &isi),
            (_, Some(h)) => lompat::putus(&cx, i, e, &isi, h, &mut ruang),
        };
        let mut panah = panah;
        // One arriving pentagon a target, drawn with its first arrow.
        if huruf.contains_key(&i) && !arrived.insert((e.to, e.to_lane)) {
            panah.gambar.truncate(1);
        }
        if e.label.is_some() {
            label_edge.insert(gambar.len(), i);
            labels.push((gambar.len(), panah.kandidat));
        }
        edge_of.extend(std::iter::repeat_n(i, panah.gambar.len()));
        gambar.extend(panah.gambar);
    }
    joins(flow, g, &mut gambar);
    let tertimpa = connectors_hit(g, &gambar);
    for &k in &tertimpa {
        warnings.push((
            gambar[k].step,
            format!(
                "langkah {}: garis lain melewati penghubung antarhalaman; periksa bagannya",
                gambar[k].step + 1
            ),
        ));
    }
    let (kotor, mendua) = label::place(
        flow,
        g,
        &mut gambar,
        labels,
        &mut ruang,
        lebar,
        &mut warnings,
    );
    let crossings = crossings(g, &gambar);
    let routed = Routed {
        geometri: *g,
        gambar,
        ruang_atas: ruang.atas,
        ruang_bawah: ruang.bawah,
        huruf,
        warnings,
        crossings,
        label_kotor: kotor.len(),
        label_mendua: mendua.len(),
        kanal_kurang,
        penghubung_kotor: tertimpa.len(),
    };
    let sisa = Sisa {
        label: kotor.iter().map(|d| label_edge[d]).collect(),
        mendua: mendua.iter().map(|d| label_edge[d]).collect(),
        kanal: sempit,
        penghubung: tertimpa.iter().map(|&k| edge_of[k]).collect(),
    };
    (routed, sisa)
}

/// What [`draw`] could not place cleanly: the edges whose labels found no
/// clean place, the jumps whose every free channel passes a connector, and
/// the arrows whose connector another line runs into.
struct Sisa {
    label: Vec<usize>,
    /// The edges whose labels found a clean place only as near another
    /// line as their own.
    mendua: Vec<usize>,
    kanal: Vec<usize>,
    penghubung: Vec<usize>,
}

/// The drawings whose off-page connector a line of another drawing runs
/// into (along its edge counts: the stroke reads as entering it).
fn connectors_hit(g: &Geometri, gambar: &[Gambar]) -> Vec<usize> {
    let mut peta = peta::Peta::default();
    for (k, d) in gambar.iter().enumerate() {
        peta.gambar(k, d, g);
    }
    let p = g.penghubung;
    gambar
        .iter()
        .enumerate()
        .filter(|(k, d)| {
            let Some(h) = &d.penghubung else { return false };
            let x0 = d.lane as f64 * g.lebar_lajur + h.x;
            // `hits` pads by 0.25 mm: the box stands 0.1 mm inside.
            let inner = peta::Kotak {
                x0: x0 + 0.35,
                x1: x0 + p - 0.35,
                y0: h.y + 0.35,
                y1: h.y + p - 0.35,
            };
            peta.ruas
                .get(&d.step)
                .is_some_and(|rs| rs.iter().any(|r| r.owner != *k && inner.hits(r)))
        })
        .map(|(k, _)| k)
        .collect()
}

/// The most crossings [`route`] adds to give a label or a connector a
/// clean place: a label over a line, or a line into another arrow's
/// connector, misleads a reader; a crossing does not.
const SILANG_LABEL: usize = 2;

/// The most jumps [`pilih_sisi`] tries on their other side.
const COBA_SISI: usize = 48;

/// The most free jumps whose every choice of sides [`pilih_sisi`] tries
/// for a drawing without a crossing (2^10 = 1,024 drawings).
const SEMUA_SISI: usize = 10;

/// Moves jumps whose side was a free choice ([`Flow::bebas`]) to their
/// other side where the drawing then crosses fewer lines, one at a time in
/// order, keeping each move that helps without leaving a label or a
/// jump more without its place. Where lines still cross, every choice of
/// sides of up to [`SEMUA_SISI`] such jumps is tried, and one that crosses
/// nothing, as clean, is taken. (Taking the fewest crossings of every
/// choice crams jumps onto one side, where the connectors of page breaks,
/// not known yet, leave them no channel.)
pub fn pilih_sisi(flow: &mut Flow, g: &Geometri, lebar: &dyn Fn(&str) -> f64) {
    let none = BTreeSet::new();
    let score = |f: &Flow| {
        let r = route(f, g, &none, lebar);
        (r.crossings.len(), r.kotor())
    };
    let mut best = score(flow);
    for i in flow.bebas.clone().into_iter().take(COBA_SISI) {
        if best.0 == 0 {
            return;
        }
        let turned = other_side(flow, i);
        let old = std::mem::replace(&mut flow.edges[i], turned);
        let now = score(flow);
        if now.0 < best.0 && now.1 <= best.1 {
            best = now;
        } else {
            flow.edges[i] = old;
        }
    }
    if best.0 == 0 || flow.bebas.len() > SEMUA_SISI {
        return;
    }
    // One drawing each, without the moves that find labels a place, to
    // find a choice; the whole routing to confirm it.
    let crosses = |f: &Flow| !draw(f, g, &none, &none, lebar).0.crossings.is_empty();
    let chosen = flow.clone();
    for mask in 1u32..1 << chosen.bebas.len() {
        let mut other = chosen.clone();
        for (k, &i) in chosen.bebas.iter().enumerate() {
            if mask & (1 << k) != 0 {
                other.edges[i] = other_side(&chosen, i);
            }
        }
        if !crosses(&other) && score(&other) <= (0, best.1) {
            *flow = other;
            return;
        }
    }
}

/// `flow` with each jump in `putus` on the side away from where its
/// step's downward arrow turns: cut by a page break, a jump becomes a
/// connector under its side's vertex, and on the turn's side the two
/// lines would run together (a jump back up may take that side when it is
/// drawn whole, see [`Flow::bebas`]).
fn away_from_turns<'a>(flow: &'a Flow, putus: &BTreeSet<usize>) -> std::borrow::Cow<'a, Flow> {
    let mut out = std::borrow::Cow::Borrowed(flow);
    for &i in putus {
        let Some(e) = flow.edges.get(i) else { continue };
        if e.sisi != Sisi::Bawah && flow.belok(e.from) == Some(e.sisi) && flow.bebas.contains(&i) {
            out.to_mut().edges[i] = other_side(flow, i);
        }
    }
    out
}

/// Jump `i` of `flow` drawn from its symbol's other side.
fn other_side(flow: &Flow, i: usize) -> Edge {
    let e = &flow.edges[i];
    let sisi = crate::flow::opposite(e.sisi);
    let (from, to) = (&flow.step_lanes[e.from], &flow.step_lanes[e.to]);
    let (from_lane, to_lane) = crate::flow::sisi_lajur(sisi, from, to);
    Edge {
        sisi,
        from_lane,
        to_lane,
        ..e.clone()
    }
}

/// The arrow's lanes' distance, from the source's centre to the target's.
fn dx(g: &Geometri, e: &Edge) -> f64 {
    (e.to_lane as f64 - e.from_lane as f64) * g.lebar_lajur
}

/// The lines joining the symbols of a step performed by several roles,
/// each from one symbol to the next.
fn joins(flow: &Flow, g: &Geometri, gambar: &mut Vec<Gambar>) {
    let hw = g.hw();
    for (step, ls) in flow.step_lanes.iter().enumerate() {
        for w in ls.windows(2) {
            let gap = (w[1] - w[0]) as f64 * g.lebar_lajur;
            gambar.push(Gambar::garis(
                step,
                w[0],
                vec![asal(hw, 0.0), asal(gap - hw, 0.0)],
            ));
        }
    }
}

/// The lines that still cross, naming their steps, once per pair.
fn crossings(g: &Geometri, gambar: &[Gambar]) -> Vec<(usize, String)> {
    let mut p = peta::Peta::default();
    for (k, d) in gambar.iter().enumerate() {
        p.gambar(k, d, g);
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (_, a, b) in p.crossings() {
        if seen.insert((a, b)) {
            let name = |d: &Gambar| match d.ke {
                Some((to, _)) => format!("{} ke {}", d.step + 1, to + 1),
                None => format!("{}", d.step + 1),
            };
            out.push((
                gambar[a].step,
                format!(
                    "garis langkah {} bersilangan dengan garis langkah {}",
                    name(&gambar[a]),
                    name(&gambar[b])
                ),
            ));
        }
    }
    out
}

/// Hundredths of a millimetre, to compare positions exactly.
fn key(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn pt(x: f64, y: f64, acuan: Acuan) -> Titik {
    let round = |v: f64| (v * 1000.0).round() / 1000.0 + 0.0;
    Titik {
        x: round(x),
        y: round(y),
        acuan,
    }
}

/// A point measured from the drawing's own symbol.
fn asal(x: f64, y: f64) -> Titik {
    pt(x, y, Acuan::Asal)
}

/// A point whose `y` is measured from the target symbol.
fn tujuan(x: f64, y: f64) -> Titik {
    pt(x, y, Acuan::Tujuan)
}
