//! Measuring a layout: where each table starts, its rows, and the arrows
//! a page break cut; and remembering those measures by the markup each SOP
//! was laid out from. An SOP starts on a page of its own and lays out the
//! same alone as in the booklet, so a pass (or, in `watch`, a rebuild)
//! lays out again only the SOPs whose markup changed. These measures
//! serve a booklet laid out as one document (a court's own `buku.typ.j2`
//! or `sop.typ.j2`); laid out in parts (`gabung`), each SOP is measured as
//! it is laid out. The layout that is printed checks the plan.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

use typst::utils::hash128;
use typst_layout::PagedDocument;

use super::halaman;
use crate::check::Checked;
use crate::{kontrak, typeset};

/// The arrows a layout put across a page break, each as
/// `(sop, table, edge)`, all 0-based.
pub type Putus = BTreeSet<(usize, usize, usize)>;

/// The measures of earlier layouts, by SOP and the markup it was laid
/// out from.
#[derive(Default)]
pub struct Ingatan {
    sop: Mutex<HashMap<u128, UkurSop>>,
    /// Builds ended, to forget what recent builds did not use.
    build: std::sync::atomic::AtomicU64,
}

/// What a layout measured of one SOP.
#[derive(Debug, Clone)]
struct UkurSop {
    tabel: Vec<((usize, usize), UkurTabel)>,
    putus: Vec<(usize, usize, usize)>,
    /// The build that last used it.
    dipakai: u64,
}

/// Each SOP of a markup (0-based) with the key its measures go by.
pub(super) type Kunci = Vec<(usize, u128)>;

impl Ingatan {
    /// The key of each SOP of `markup`, which lays out the SOPs `sops`
    /// (0-based, in order) with the files whose fingerprint is `files`:
    /// the text of the SOP's own part, the preamble and front matter before
    /// the first SOP, and those files. `None` when the parts do not match
    /// `sops` (a court's template may print what looks like a part).
    pub(super) fn kunci(markup: &str, sops: &[usize], files: u128) -> Option<Kunci> {
        let starts = typeset::sop_parts(markup);
        let numbers: Vec<usize> = starts.iter().map(|(_, n)| n - 1).collect();
        if numbers != sops {
            return None;
        }
        let first = starts.first().map_or(markup.len(), |(at, _)| *at);
        let preamble = hash128(&(files, &markup[..first]));
        let ends = starts
            .iter()
            .skip(1)
            .map(|(at, _)| *at)
            .chain([markup.len()]);
        Some(
            starts
                .iter()
                .zip(ends)
                .map(|((at, n), end)| (n - 1, hash128(&(preamble, &markup[*at..end]))))
                .collect(),
        )
    }

    /// The remembered measures of the SOPs of `kunci`, and those SOPs it
    /// has none for.
    pub(super) fn ambil(&self, kunci: &Kunci) -> (Ukuran, Putus, BTreeSet<usize>) {
        let now = self.build.load(std::sync::atomic::Ordering::Relaxed);
        let mut map = self.sop.lock().unwrap_or_else(|e| e.into_inner());
        let (mut ukuran, mut putus, mut baru) = (Ukuran::default(), Putus::new(), BTreeSet::new());
        for (i, key) in kunci {
            match map.get_mut(key) {
                Some(m) => {
                    m.dipakai = now;
                    ukuran.tabel.extend(m.tabel.iter().cloned());
                    putus.extend(m.putus.iter().copied());
                }
                None => {
                    baru.insert(*i);
                }
            }
        }
        (ukuran, putus, baru)
    }

    /// Remembers what a layout measured of the SOPs of `kunci` that
    /// `sops` names.
    pub(super) fn simpan(
        &self,
        kunci: &Kunci,
        sops: &BTreeSet<usize>,
        ukuran: &Ukuran,
        putus: &Putus,
    ) {
        let now = self.build.load(std::sync::atomic::Ordering::Relaxed);
        let mut map = self.sop.lock().unwrap_or_else(|e| e.into_inner());
        for (i, key) in kunci.iter().filter(|(i, _)| sops.contains(i)) {
            let tabel = ukuran
                .tabel
                .iter()
                .filter(|((s, _), _)| s == i)
                .map(|(k, t)| (*k, t.clone()))
                .collect();
            let putus = putus.iter().filter(|(s, ..)| s == i).copied().collect();
            map.insert(
                *key,
                UkurSop {
                    tabel,
                    putus,
                    dipakai: now,
                },
            );
        }
    }

    /// Ends a build: what neither it nor the build before used is
    /// forgotten, so a long `watch` stays small.
    pub fn selesai(&self) {
        let now = self
            .build
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut map = self.sop.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, m| m.dipakai + 1 >= now);
    }
}

/// A fingerprint of the files Typst reads (the library, the logos, the
/// scan): a layout depends on them as much as on the markup.
pub(super) fn sidik_berkas(files: &HashMap<String, Vec<u8>>) -> u128 {
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort();
    hash128(&sorted)
}

/// Arrows whose two ends stand on different pages, of the SOPs `sops`
/// (0-based) the document holds.
pub(super) fn crossing_edges(
    checked: &Checked,
    sops: &BTreeSet<usize>,
    doc: &PagedDocument,
) -> Putus {
    let mut keys = Vec::new();
    let mut labels = Vec::new();
    for &i in sops {
        let Some(s) = checked.sops.get(i) else {
            continue;
        };
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

/// What a layout measured of every table: its rows and its start.
/// Pages are those of the document a table was measured in: compare them
/// only within one SOP.
#[derive(Debug, Clone, Default)]
pub(super) struct Ukuran {
    pub tabel: BTreeMap<(usize, usize), UkurTabel>,
}

#[derive(Debug, Clone)]
pub(super) struct UkurTabel {
    pub rows: Vec<halaman::Baris>,
    /// The table's top: page and y.
    pub start: (usize, f64),
    /// The top of the SOP's information block, above its first table.
    pub informasi: Option<(usize, f64)>,
    pub page_h: f64,
    /// Steps (0-based) whose row does not fit on one page: it runs past
    /// the page's end or onto the next.
    pub terlalu_tinggi: Vec<usize>,
}

/// Measures the tables of the SOPs `sops` (0-based) on the laid-out pages.
pub(super) fn measure(
    checked: &Checked,
    sops: &BTreeSet<usize>,
    doc: &PagedDocument,
    rapat: &BTreeSet<usize>,
) -> Ukuran {
    let heights = typeset::page_heights(doc);
    let mut tabel = BTreeMap::new();
    for &i in sops {
        let Some(s) = checked.sops.get(i) else {
            continue;
        };
        for (j, t) in s.tabel.iter().enumerate() {
            let n = t.flow.symbols.len();
            let mut labels = vec![kontrak::tabel_label(i + 1, j)];
            for step in 0..n {
                let (a, b) = kontrak::baris_label(i + 1, j, step + 1);
                labels.push(a);
                labels.push(b);
            }
            let at = typeset::label_positions(doc, &labels);
            let Some(start) = at[0] else { continue };
            let informasi = match j {
                0 => typeset::label_positions(doc, &[kontrak::informasi_label(i + 1)])[0],
                _ => None,
            };
            let sisip = kontrak::sisip_y(rapat.contains(&i));
            let end =
                |page: usize| heights.get(page - 1).copied().unwrap_or(210.0) - kontrak::TEPI_BAWAH;
            let terlalu_tinggi = (0..n)
                .filter(|k| match (at[1 + 2 * k], at[2 + 2 * k]) {
                    (Some((pa, _)), Some((pb, yb))) => pb != pa || yb > end(pa) + 0.5,
                    _ => false,
                })
                .collect();
            let rows: Option<Vec<halaman::Baris>> = (0..n)
                .map(|k| {
                    let (pa, ya) = at[1 + 2 * k]?;
                    let (_, yb) = at[2 + 2 * k]?;
                    Some(halaman::Baris {
                        page: pa,
                        atas: ya - sisip,
                        bawah: yb + sisip,
                    })
                })
                .collect();
            let Some(rows) = rows else { continue };
            tabel.insert(
                (i, j),
                UkurTabel {
                    rows,
                    start,
                    informasi,
                    page_h: heights.get(start.0 - 1).copied().unwrap_or(210.0),
                    terlalu_tinggi,
                },
            );
        }
    }
    Ukuran { tabel }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKUP: &str = "#import \"/bukusop.typ\": *\n#let g = 1\n#pagebreak(weak: true)\n#metadata(1)#label(\"sop-1\")\nsatu\n#pagebreak(weak: true)\n#metadata(2)#label(\"sop-2\")\ndua\n";

    #[test]
    fn an_sop_keeps_its_key_while_only_another_changes() {
        let before = Ingatan::kunci(MARKUP, &[0, 1], 7).unwrap();
        let after = Ingatan::kunci(&MARKUP.replace("dua", "dua diubah"), &[0, 1], 7).unwrap();
        assert_eq!(before[0], after[0]);
        assert_ne!(before[1], after[1]);
        assert_eq!((after[0].0, after[1].0), (0, 1));
        // The preamble and the files Typst reads belong to every SOP's key.
        let preamble = Ingatan::kunci(&MARKUP.replace("g = 1", "g = 2"), &[0, 1], 7).unwrap();
        let files = Ingatan::kunci(MARKUP, &[0, 1], 8).unwrap();
        for other in [preamble, files] {
            assert!(other.iter().zip(&before).all(|(a, b)| a != b));
        }
        // Parts that do not match the SOPs laid out: no keys.
        assert_eq!(Ingatan::kunci(MARKUP, &[0], 7), None);
        assert_eq!(Ingatan::kunci(MARKUP, &[1, 0], 7), None);
    }

    #[test]
    fn measures_are_served_until_two_builds_do_not_use_them() {
        let ingatan = Ingatan::default();
        let kunci = Ingatan::kunci(MARKUP, &[0, 1], 7).unwrap();
        let mut ukuran = Ukuran::default();
        for sop in [0, 1] {
            ukuran.tabel.insert(
                (sop, 0),
                UkurTabel {
                    rows: Vec::new(),
                    start: (1, 30.0 + sop as f64),
                    informasi: None,
                    page_h: 210.0,
                    terlalu_tinggi: Vec::new(),
                },
            );
        }
        let putus = Putus::from([(1, 0, 3)]);
        ingatan.simpan(&kunci, &BTreeSet::from([1]), &ukuran, &putus);
        let (got, cut, baru) = ingatan.ambil(&kunci);
        assert_eq!(baru, BTreeSet::from([0]));
        assert_eq!(got.tabel.keys().collect::<Vec<_>>(), [&(1, 0)]);
        assert_eq!(got.tabel[&(1, 0)].start, (1, 31.0));
        assert_eq!(cut, putus);
        // Used in build 0: kept at the end of builds 0 and 1, not of 2.
        let held = || ingatan.sop.lock().unwrap().len();
        ingatan.selesai();
        ingatan.selesai();
        assert_eq!(held(), 1, "kept one build unused");
        ingatan.selesai();
        assert_eq!(held(), 0, "forgotten after two");
    }
}
