//! Layout passes: route, view, render and typeset until the arrows whose
//! ends stand on different pages are exactly those drawn as off-page
//! connector pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use super::{Output, Prepared, Timings};
use crate::check::Checked;
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::route::{self, Geometri, Routed};
use crate::typeset::{self, HurufLabel, Typesetter};
use crate::{audit, kontrak, pdf, render, view};
use typst_layout::PagedDocument;

/// Layout passes allowed to settle where arrows cross page breaks.
const MAX_PASSES: usize = 6;
/// The pass from which connectors are only added.
const SETTLE: usize = 3;

/// The arrows the last layout put across a page break, each as
/// `(sop, table, edge)`, all 0-based.
pub type Putus = BTreeSet<(usize, usize, usize)>;

/// Everything a build reads, loaded once.
pub(super) struct Parts<'a> {
    pub prepared: &'a Prepared,
    pub files: &'a HashMap<String, Vec<u8>>,
    pub ts: &'a Typesetter,
    pub huruf: &'a HurufLabel,
    pub pdfa: bool,
}

/// Routes every table of the booklet, with the arrows in `putus` as
/// connector pairs; the warnings point at the steps they are about, and
/// name the lines that cross when `silang` (only a laid-out booklet knows
/// which arrows a page break cuts).
pub(super) fn route_all(
    c: &Content,
    checked: &Checked,
    putus: &Putus,
    huruf: &HurufLabel,
    silang: bool,
) -> (Vec<Vec<Routed>>, Diagnostics) {
    let mut d = Diagnostics::default();
    let routes = checked
        .sops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            s.tabel
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let g = Geometri::new(&c.buku, t.flow.lanes, huruf.tinggi());
                    let here: BTreeSet<usize> = putus
                        .iter()
                        .filter(|(s, t, _)| (*s, *t) == (i, j))
                        .map(|(_, _, e)| *e)
                        .collect();
                    let r = route::route(&t.flow, &g, &here, &|s| huruf.lebar(s));
                    let crossings = r.crossings.iter().filter(|_| silang);
                    for (step, w) in r.warnings.iter().chain(crossings) {
                        d.push(Diagnostic::warning(w.clone()).at(t.tempat[*step].clone()));
                    }
                    r
                })
                .collect()
        })
        .collect();
    (routes, d)
}

/// Builds from loaded parts: the whole booklet, or only SOP `only`
/// (0-based) as a document of its own.
pub(super) fn build_loaded(parts: &Parts, only: Option<usize>) -> Result<Output, Diagnostics> {
    let p = parts.prepared;
    let mut timings = Timings::default();
    let mut breaks = Putus::new();
    let mut passes = 0;
    let (view, warnings, doc, markup, lost) = loop {
        passes += 1;
        let t = Instant::now();
        let (routes, mut warnings) = route_all(&p.content, &p.checked, &breaks, parts.huruf, true);
        let mut view = view::build(&p.content, &p.checked, &routes);
        if let Some(i) = only {
            view.select(i);
        }
        let markup = render::render(&p.resources.templates, &view).map_err(one)?;
        timings.template += t.elapsed();

        let t = Instant::now();
        let doc = parts
            .ts
            .compile(markup.clone(), parts.files)
            .map_err(Diagnostics)?;
        let crossing = crossing_edges(&p.checked, only, &doc);
        timings.typeset += t.elapsed();

        // A connector adds room above the row it arrives at, which may move
        // later breaks. From the third pass on, connectors are only added,
        // never taken away, so an arrow cannot flip between a line and a
        // connector pair forever; an extra pair on one page is the price.
        let settled = crossing == breaks || (passes >= SETTLE && crossing.is_subset(&breaks));
        if settled || passes == MAX_PASSES {
            if !settled {
                warnings.push(Diagnostic::warning(
                    "letak penghubung antarhalaman belum stabil; periksa panah di batas halaman",
                ));
            }
            let lost: Putus = crossing.difference(&breaks).copied().collect();
            break (view, warnings, doc, markup, lost);
        }
        breaks = if passes >= SETTLE {
            &breaks | &crossing
        } else {
            crossing
        };
    };

    let t = Instant::now();
    // The front matter ends where the first SOP starts.
    let first = view.sops.first().map(|s| s.jangkar.clone());
    let depan = first
        .and_then(|l| typeset::label_pages(&doc, &[l])[0])
        .map_or(0, |p| p - 1);
    let m = &view.meta;
    let settings = pdf::Settings {
        tanggal: (m.tahun, m.bulan as u8, m.hari as u8),
        pdfa: parts.pdfa,
        depan,
    };
    let (pdf, pages) = pdf::write(&doc, &settings).map_err(one)?;
    timings.pdf = t.elapsed();
    let mut laporan = audit::pages(&doc, depan, kontrak::TEPI_BAWAH);
    rows_alone(&p.checked, only, &doc, &mut laporan);
    for (s, t, e) in lost {
        laporan.tambah(
            audit::Cacat::PanahHilang,
            0,
            format!("SOP {}, tabel {}, panah {}", s + 1, t + 1, e + 1),
        );
    }

    let name = p
        .content
        .buku
        .berkas
        .clone()
        .unwrap_or_else(|| format!("sop-{}-{}", view.unit.kode.to_lowercase(), view.tahun));
    Ok(Output {
        pdf,
        pages,
        passes,
        timings,
        warnings,
        name,
        markup,
        document: doc,
        audit: laporan,
    })
}

/// Pages that carry fewer than 3 rows of a table begun on the page before.
fn rows_alone(checked: &Checked, only: Option<usize>, doc: &PagedDocument, r: &mut audit::Laporan) {
    for (i, s) in checked.sops.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        for (j, t) in s.tabel.iter().enumerate() {
            let labels: Vec<String> = t
                .flow
                .step_lanes
                .iter()
                .enumerate()
                .map(|(step, lanes)| kontrak::simbol_label(i + 1, j, step + 1, lanes[0]))
                .collect();
            let pages = typeset::label_pages(doc, &labels);
            let mut count: BTreeMap<usize, usize> = BTreeMap::new();
            for p in pages.into_iter().flatten() {
                *count.entry(p).or_default() += 1;
            }
            let least = 3.min(labels.len());
            for (&page, &n) in count.iter().skip(1) {
                if n < least {
                    r.tambah(
                        audit::Cacat::SisaBaris,
                        page,
                        format!("SOP {}, tabel {}: {n} baris", i + 1, j + 1),
                    );
                }
            }
        }
    }
}

/// Arrows whose two ends stand on different pages, of every SOP or of SOP
/// `only`.
fn crossing_edges(
    checked: &Checked,
    only: Option<usize>,
    doc: &typst_layout::PagedDocument,
) -> Putus {
    let mut keys = Vec::new();
    let mut labels = Vec::new();
    for (i, s) in checked.sops.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        for (j, t) in s.tabel.iter().enumerate() {
            for (k, e) in t.flow.edges.iter().enumerate() {
                keys.push((i, j, k));
                labels.push(kontrak::simbol_label(i + 1, j, e.from + 1, e.from_lane));
                labels.push(kontrak::simbol_label(i + 1, j, e.to + 1, e.to_lane));
            }
        }
    }
    let pages = typeset::label_pages(doc, &labels);
    keys.into_iter()
        .enumerate()
        .filter(|(n, _)| pages[2 * n] != pages[2 * n + 1])
        .map(|(_, key)| key)
        .collect()
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
