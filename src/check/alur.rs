//! The flowchart of each table: its lanes, each step's roles and where it
//! goes next, built into a flow graph (`flow::build`), whose own problems
//! (targets that do not exist, unreachable steps, endless loops) are
//! pointed at the YAML that causes them.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::SopFile;
use crate::content::model::{Alur, Buku, Langkah, SimbolLangkah};
use crate::content::yaml::place;
use crate::diag::saran::maksud_anda;
use crate::diag::{Diagnostic, Diagnostics, Place, Severity};
use crate::flow::{self, Flow, FlowError, Kunci, Simbol};
use crate::{kontrak, route};

/// One flowchart table, checked.
#[derive(Debug, Clone)]
pub struct TabelChecked {
    pub flow: Flow,
    /// Where each step is written, for a drawing problem about it.
    pub tempat: Vec<Option<Place>>,
}

/// The flow graph of one table; `None` once a problem is reported.
pub fn tabel(buku: &Buku, f: &SopFile, alur: &Alur, d: &mut Diagnostics) -> Option<TabelChecked> {
    let lanes: Vec<&str> = alur.pelaksana.iter().map(|p| p.value.as_str()).collect();
    if lanes.is_empty() {
        let nama = match alur.judul {
            Some(p) => format!("sub-prosedur `{p}` dari SOP `{}`", f.sop.judul.value),
            None => format!("SOP `{}`", f.sop.judul.value),
        };
        d.push(
            Diagnostic::error(format!("{nama} tidak menyebut `pelaksana`"))
                .at(place(&f.path, alur.tempat))
                .hint("daftarkan lajur bagan alir di bawah `pelaksana:`, misalnya `- Staf`"),
        );
        return None;
    }
    let before = d.0.len();
    let nodes: Vec<flow::Node> = alur
        .langkah
        .iter()
        .enumerate()
        .map(|(i, step)| node(&f.path, i, step, &lanes, d))
        .collect();
    // A step the flow cannot even be built from (an unknown role, step 0)
    // would only echo in the flow's own messages.
    if d.0[before..].iter().any(|x| x.severity == Severity::Error) {
        return None;
    }
    match flow::build(&nodes, lanes.len()) {
        Ok(mut flow) => Some(TabelChecked {
            flow: {
                sides(buku, &mut flow);
                flow
            },
            tempat: alur
                .langkah
                .iter()
                .map(|s| place(&f.path, &s.referenced))
                .collect(),
        }),
        Err(errs) => {
            for e in errs {
                d.push(flow_error(&f.path, alur, e));
            }
            None
        }
    }
}

/// The sides of the flow's free jumps, chosen to cross least. Decided
/// here, once, with the booklet's lane widths and labels estimated at the
/// label size (no font is needed to see what crosses), so every later
/// stage draws the same flow.
fn sides(buku: &Buku, flow: &mut flow::Flow) {
    let mm = kontrak::mm(kontrak::LABEL_PT);
    let g = route::Geometri::new(buku, flow.lanes, 1.2 * mm);
    route::pilih_sisi(flow, &g, &|s| 0.55 * mm * s.chars().count() as f64);
}

/// An SOP has one table (`pelaksana`, `langkah`) or sub-procedures
/// (`prosedur`), not both.
pub fn prosedur_ganda(f: &SopFile, d: &mut Diagnostics) {
    let sop = &f.sop;
    if !sop.prosedur.is_empty() && (!sop.langkah.is_empty() || !sop.pelaksana.is_empty()) {
        d.push(
            Diagnostic::error(format!(
                "SOP `{}` memakai `prosedur` bersama `pelaksana`/`langkah`",
                sop.judul.value
            ))
            .at(place(&f.path, &sop.judul.referenced))
            .hint("pindahkan `pelaksana` dan `langkah` ke dalam salah satu sub-prosedur di bawah `prosedur:`"),
        );
    }
}

/// Step `i` as the flow sees it; unknown roles and impossible combinations
/// are reported with their place in the YAML.
fn node(
    file: &Path,
    i: usize,
    step: &Spanned<Langkah>,
    lanes: &[&str],
    d: &mut Diagnostics,
) -> flow::Node {
    let s = &step.value;
    let mut ls = Vec::new();
    for name in s.pelaksana.value.items() {
        match lanes.iter().position(|l| *l == name) {
            Some(k) if !ls.contains(&k) => ls.push(k),
            Some(_) => {}
            None => {
                let hint = maksud_anda(&name, lanes)
                    .unwrap_or_else(|| format!("pelaksana yang dinyatakan: {}", lanes.join(", ")));
                d.push(
                    Diagnostic::error(format!(
                        "langkah {}: pelaksana `{name}` tidak ada dalam daftar `pelaksana` SOP ini",
                        i + 1
                    ))
                    .at(place(file, &s.pelaksana.referenced))
                    .hint(hint),
                );
            }
        }
    }
    if ls.is_empty() {
        ls.push(0);
    }
    ls.sort_unstable();
    flow::Node {
        lanes: ls,
        lanjut: lanjut(file, i, step, d),
        simbol: s.simbol.map(|m| match m {
            SimbolLangkah::Terminator => Simbol::Terminator,
            SimbolLangkah::Proses => Simbol::Proses,
        }),
        mulai: s.mulai,
    }
}

/// Where step `i` goes: step numbers in the YAML start at 1, and a step
/// has one way on at most.
fn lanjut(file: &Path, i: usize, step: &Spanned<Langkah>, d: &mut Diagnostics) -> flow::Lanjut {
    let s = &step.value;
    let k = s.keputusan.as_ref().map(|k| &k.value);
    for v in [
        k.and_then(|k| k.ya.as_ref()),
        k.and_then(|k| k.tidak.as_ref()),
        s.lanjut.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter(|v| v.value == 0)
    {
        d.push(
            Diagnostic::error(format!("langkah {}: tidak ada langkah nomor 0", i + 1))
                .at(place(file, &v.referenced))
                .hint("langkah dinomori mulai dari 1, sesuai urutannya di bawah `langkah:`"),
        );
    }
    let ways = [s.keputusan.is_some(), s.lanjut.is_some(), s.selesai]
        .iter()
        .filter(|w| **w)
        .count();
    if ways > 1 {
        d.push(
            Diagnostic::error(format!(
                "langkah {}: `keputusan`, `lanjut` dan `selesai` tidak bisa dipakai bersama",
                i + 1
            ))
            .at(place(file, &step.referenced))
            .hint("pilih salah satu: keputusan (dua jalan), lanjut (satu jalan) atau selesai"),
        );
    }
    let target = |v: &Spanned<u32>| (v.value as usize).saturating_sub(1);
    if let Some(k) = k {
        flow::Lanjut::Keputusan {
            ya: k.ya.as_ref().map(target),
            tidak: k.tidak.as_ref().map(target),
            label_ya: k.label_ya.clone(),
            label_tidak: k.label_tidak.clone(),
        }
    } else if let Some(t) = &s.lanjut {
        flow::Lanjut::Ke(target(t))
    } else if s.selesai {
        flow::Lanjut::Selesai
    } else {
        flow::Lanjut::Berikut
    }
}

/// A flow problem at the key of the step that causes it.
fn flow_error(file: &Path, alur: &Alur, e: FlowError) -> Diagnostic {
    let step = alur.langkah.get(e.step);
    let at = step
        .and_then(|s| {
            let v = &s.value;
            let k = v.keputusan.as_ref().map(|k| &k.value);
            let spot = match e.kunci {
                Kunci::Lanjut => v.lanjut.as_ref().map(|l| &l.referenced),
                Kunci::Ya => k.and_then(|k| k.ya.as_ref()).map(|v| &v.referenced),
                Kunci::Tidak => k.and_then(|k| k.tidak.as_ref()).map(|v| &v.referenced),
                Kunci::Langkah => None,
            };
            place(file, spot.unwrap_or(&s.referenced))
        })
        .or_else(|| place(file, alur.tempat));
    let diag = Diagnostic::error(e.message).at(at);
    match e.hint {
        Some(h) => diag.hint(h),
        None => diag,
    }
}
