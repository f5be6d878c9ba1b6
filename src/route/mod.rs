//! Stage 3b, routing: where every line of a flowchart runs, in
//! millimetres, computed from the flow alone so a re-build draws the same
//! picture.
//!
//! In: a table's [`Flow`], its [`Geometri`] and the arrows the last layout
//! put across a page break. Out: [`Routed`]: every line, arrowhead,
//! off-page connector and branch label, each drawn from the centre of one
//! symbol, and the problems the drawing can live with.
//!
//! Coordinates: x from the centre of the symbol a drawing belongs to; y from
//! that centre too, or, for points measured from [`Acuan::Tujuan`], from
//! the centre of the target symbol, whose position only the layout knows.
//! Rows have no fixed height, so vertical runs between rows are always
//! written that way.
//!
//! The rules that keep the picture clean:
//! - an arrow to the next step leaves the bottom, turns once inside its own
//!   row and enters the top of the target (`turun`);
//! - jumps (loops and skips) leave a side and run in a vertical channel in
//!   the gap between lanes, never through a symbol; channels whose row
//!   spans overlap get distinct slots, shorter spans nearer the symbols so
//!   nested jumps do not cross (`lompat`, `kanal`);
//! - several arrows into one side enter at distinct heights, ordered so
//!   their channels do not cross (`kanal::ports`);
//! - an arrow whose ends stand on different pages becomes a pair of
//!   off-page connectors with the same letter (`putus`);
//! - a label takes the first of its candidate places clear of everything
//!   drawn (`label`).

mod bentuk;
mod kanal;
mod label;
mod lompat;
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
    /// How far below a symbol the arrow to the next step turns.
    pub turun: f64,
    /// Size of an off-page connector pentagon.
    pub penghubung: f64,
}

impl Geometri {
    /// The geometry of a table of `lanes` lanes in the booklet `buku`: the
    /// lanes share the SOP page's width between its margins (see
    /// [`kontrak::lebar_lajur_semua`]), each at most `bagan.lebar_lajur`.
    pub fn new(buku: &Buku, lanes: usize) -> Geometri {
        let b = &buku.bagan;
        let (lebar, tinggi) = buku.kertas.ukuran_mm();
        let lanskap = buku.gaya.orientasi == Orientasi::Lanskap;
        let lebar = kontrak::lebar_lajur_semua(if lanskap { tinggi } else { lebar });
        Geometri {
            lebar_lajur: b.lebar_lajur.min(lebar / lanes.max(1) as f64),
            lebar_simbol: b.lebar_simbol,
            tinggi_simbol: b.tinggi_simbol,
            turun: ruang(b) / 2.0,
            penghubung: kontrak::PENGHUBUNG,
        }
    }
}

/// Room above and below a symbol in its cell, so that a row is at least
/// `tinggi_baris`.
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
    /// Steps that need room above their symbol for an arriving connector.
    pub ruang_atas: Vec<bool>,
    /// Letters of the connectors, by edge index.
    pub huruf: HashMap<usize, String>,
    /// Problems the drawing can live with, in Indonesian.
    pub warnings: Vec<String>,
}

/// What routing one arrow gives: its drawings (the first one leaves the
/// arrow's source) and the places its label may take, best first.
struct Panah {
    gambar: Vec<Gambar>,
    kandidat: Vec<LabelCabang>,
}

/// Everything the arrows of one table are routed with.
struct Cx<'a> {
    flow: &'a Flow,
    g: &'a Geometri,
    /// The x of each jump's channel, from the centre of lane 0.
    kanal: HashMap<usize, f64>,
    /// Where each jump leaves (`false`) and enters (`true`) its symbol.
    ports: HashMap<(usize, bool), f64>,
    /// Where on top of its target each broken arrow arrives.
    tops: HashMap<usize, f64>,
}

/// Routes `flow`; `putus` holds the edges whose ends the last layout put on
/// different pages.
pub fn route(flow: &Flow, g: &Geometri, putus: &BTreeSet<usize>) -> Routed {
    let mut r = Routed {
        geometri: *g,
        gambar: Vec::new(),
        ruang_atas: vec![false; flow.symbols.len()],
        huruf: HashMap::new(),
        warnings: Vec::new(),
    };
    let kanal = kanal::channels(flow, g, putus, &mut r.warnings);
    let ports = kanal::ports(flow, g, &kanal);
    r.huruf = putus::letters(flow, putus);
    let tops = putus::arrivals(flow, g, putus, &mut r.warnings);
    let cx = Cx {
        flow,
        g,
        kanal,
        ports,
        tops,
    };
    // Labels wait until every line is known: each takes the first of its
    // candidate places that is clear of symbols, lines and other labels.
    let mut labels: Vec<(usize, Vec<LabelCabang>)> = Vec::new();
    for (i, e) in flow.edges.iter().enumerate() {
        let isi = e.label.clone().unwrap_or_default();
        let panah = match (e.sisi, r.huruf.get(&i)) {
            (Sisi::Bawah, None) => turun::gambar(&cx, e, &isi),
            (Sisi::Bawah, Some(h)) => turun::putus(&cx, i, e, &isi, h),
            (_, None) => lompat::gambar(&cx, i, e, &isi),
            (_, Some(h)) => lompat::putus(&cx, i, e, &isi, h),
        };
        if r.huruf.contains_key(&i) {
            r.ruang_atas[e.to] = true;
        }
        if e.label.is_some() {
            labels.push((r.gambar.len(), panah.kandidat));
        }
        r.gambar.extend(panah.gambar);
    }
    joins(flow, g, &mut r);
    label::place_labels(flow, g, &mut r.gambar, labels);
    r
}

/// The arrow's lanes' distance, from the source's centre to the target's.
fn dx(g: &Geometri, e: &Edge) -> f64 {
    (e.to_lane as f64 - e.from_lane as f64) * g.lebar_lajur
}

/// The line joining the symbols of a step performed by several roles.
fn joins(flow: &Flow, g: &Geometri, r: &mut Routed) {
    let hw = g.lebar_simbol / 2.0;
    for (step, ls) in flow.step_lanes.iter().enumerate() {
        if ls.len() > 1 {
            let (a, b) = (ls[0], *ls.last().expect("non-empty"));
            let w = (b - a) as f64 * g.lebar_lajur;
            r.gambar.push(Gambar::garis(
                step,
                a,
                vec![asal(hw, 0.0), asal(w - hw, 0.0)],
            ));
        }
    }
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
