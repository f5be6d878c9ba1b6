//! Stage 4, the view model: checked content → the data the templates
//! print.
//!
//! In: the [`Content`], what `check` proved about it ([`Checked`]) and the
//! routed flowcharts of every table. Out: a [`View`], every date, NIP and
//! number formatted, every drawing in millimetres, every label and path of
//! the Rust↔Typst contract spelled. Nothing here can fail and nothing is
//! checked: templates only lay out.
//!
//! The serialized shape of [`View`] is what templates, a court's own among
//! them, receive: keep its keys.

mod buku;
mod sop;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::check::Checked;
use crate::content::Content;
use crate::content::model::{Bagian, Gaya};
use crate::route::Routed;

pub use buku::{
    AlurView, JalurView, KendaliView, Meta, OrangView, Paper, PengadilanView, RiwayatView,
    SampulView, StatusView, TanggalView, UnitView,
};
pub use sop::{GambarView, LaneView, RowView, SopView, TabelView};

/// Everything the templates print.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: Meta,
    pub kertas: Paper,
    pub pengadilan: PengadilanView,
    pub unit: UnitView,
    pub tahun: i32,
    pub tanggal: TanggalView,
    pub pejabat: Vec<OrangView>,
    pub pengesah: OrangView,
    pub alur: AlurView,
    /// The virtual paths of the Typst library and the logos.
    pub jalur: JalurView,
    /// A document of one SOP alone: no front matter, "Halaman x dari y".
    pub satu_sop: bool,
    /// Which parts of the booklet this document lays out.
    pub dokumen: Dokumen,
    /// The path Typst reads the scanned Pengesahan from, if there is one.
    pub pengesahan_pindaian: Option<String>,
    /// Rows of the RIWAYAT REVISI page.
    pub riwayat: Vec<RiwayatView>,
    /// The front matter's parts in printed order, each the name of its
    /// template without `.typ.j2`.
    pub bagian: Vec<Bagian>,
    pub kata_pengantar: Vec<String>,
    pub kendali_dokumen: Option<KendaliView>,
    pub pemilik: Option<String>,
    pub sampul: SampulView,
    /// Labels, header layout and the other house-style settings.
    pub gaya: Gaya,
    pub sops: Vec<SopView>,
}

/// Which parts of the booklet one Typst document lays out. The whole
/// booklet by default; a build lays out its front matter and each SOP as
/// documents of their own and joins their pages (`build::gabung`).
#[derive(Debug, Clone, Serialize)]
pub struct Dokumen {
    /// The front matter is printed.
    pub depan: bool,
    /// The SOPs' pages are printed.
    pub sop: bool,
    /// The SOP pages carry their footer.
    pub kaki: bool,
    /// Pages with only an SOP page's footer, printed after the SOPs.
    pub kosong: usize,
    /// The page each SOP starts on, by its `jangkar`, for a front matter
    /// laid out without the SOPs (`halaman(jangkar)` in the templates);
    /// empty when the SOPs are in the same document.
    pub halaman: BTreeMap<String, usize>,
}

impl Default for Dokumen {
    fn default() -> Self {
        Dokumen {
            depan: true,
            sop: true,
            kaki: true,
            kosong: 0,
            halaman: BTreeMap::new(),
        }
    }
}

/// How the page plan prints the tables, by SOP and table (0-based).
#[derive(Debug, Clone, Copy)]
pub struct Cetak<'a> {
    /// The first row of each part of the tables it breaks.
    pub potongan: &'a BTreeMap<(usize, usize), Vec<usize>>,
    /// The tables it starts on a new page.
    pub pindah: &'a BTreeSet<(usize, usize)>,
    /// The SOPs it sets tighter.
    pub rapat: &'a BTreeSet<usize>,
}

/// The view of the whole booklet; `routes` holds the routed tables of
/// every SOP, in order, and `cetak` how the page plan prints them.
pub fn build(c: &Content, checked: &Checked, routes: &[Vec<Routed>], cetak: &Cetak) -> View {
    let b = &c.buku;
    let pejabat = buku::pejabat(c, checked);
    View {
        meta: buku::meta(c, checked),
        kertas: buku::paper(b),
        pengadilan: buku::pengadilan(b),
        unit: buku::unit(b),
        tahun: checked.tanggal.tahun,
        tanggal: buku::tanggal(checked),
        pengesah: pejabat[2].clone(),
        pejabat,
        alur: buku::alur(b),
        jalur: buku::jalur(b),
        satu_sop: false,
        dokumen: Dokumen::default(),
        pengesahan_pindaian: b
            .pengesahan_pindaian
            .as_ref()
            .map(|_| crate::kontrak::PINDAIAN.to_string()),
        riwayat: c.riwayat.as_ref().map(buku::riwayat).unwrap_or_default(),
        bagian: checked.bagian.clone(),
        kata_pengantar: crate::check::bagian::kata_pengantar(b).to_vec(),
        kendali_dokumen: b.kendali_dokumen.as_ref().map(buku::kendali),
        pemilik: b.pemilik.clone(),
        sampul: buku::sampul(b, checked),
        gaya: b.gaya.clone(),
        sops: c
            .sops
            .iter()
            .zip(&checked.sops)
            .zip(routes)
            .enumerate()
            .map(|(i, ((f, s), r))| sop::sop(c, i + 1, f, s, r, cetak))
            .collect(),
    }
}

impl View {
    /// Keeps only the SOPs `keep` (0-based), as a document of their own;
    /// one SOP gives the document its title.
    pub fn select(&mut self, keep: &BTreeSet<usize>) {
        self.sops.retain(|s| keep.contains(&(s.urut - 1)));
        self.satu_sop = true;
        if let [s] = self.sops.as_slice() {
            // "SOP SOP PERAWATAN SIPP" when the title already says it.
            let sop = match s.judul.to_uppercase().starts_with("SOP ") {
                true => "",
                false => "SOP ",
            };
            self.meta.judul = format!("{sop}{} {}", s.judul, self.pengadilan.nama);
            self.meta.subjek = format!("{} ({})", s.judul, s.nomor);
        }
    }
}
