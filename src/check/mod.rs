//! Stage 2, checking: every semantic check, in one place.
//!
//! In: the loaded [`Content`]. Out: [`Checked`], the values the checks
//! proved (dates, NIPs, numbers, the flow graph of every table), with the
//! warnings; or every diagnostic, errors and warnings, when one is an
//! error. One file per family of checks; the order below is the order of
//! the report. The view, which comes after, only formats.

pub mod alur;
pub mod bagian;
pub mod gaya;
pub mod huruf;
pub mod judul;
pub mod kolom;
pub mod langkah;
pub mod logo;
pub mod nomor;
pub mod pejabat;
pub mod pelaksana;
pub mod revisi;
pub mod tanggal;
pub mod templat;

use crate::content::Content;
use crate::content::model::Bagian;
use crate::diag::Diagnostics;
use crate::nilai::nip::Nip;

pub use alur::TabelChecked;
pub use tanggal::{TanggalBuku, TanggalSop};

/// What the checks proved about a content folder without an error.
#[derive(Debug, Clone)]
pub struct Checked {
    pub tanggal: TanggalBuku,
    /// The NIPs of penyusun, pemeriksa and pengesah, where written.
    pub nip: [Option<Nip>; 3],
    /// The front matter's parts in printed order.
    pub bagian: Vec<Bagian>,
    /// One per SOP file, in the booklet's order.
    pub sops: Vec<SopChecked>,
}

/// One SOP, checked.
#[derive(Debug, Clone)]
pub struct SopChecked {
    pub tanggal: TanggalSop,
    pub nomor: String,
    /// One per table: the SOP's only one, or one per sub-procedure.
    pub tabel: Vec<TabelChecked>,
}

/// Checks the content; the warnings come back with what was proved.
pub fn check(c: &Content) -> Result<(Checked, Diagnostics), Diagnostics> {
    let mut d = Diagnostics::default();
    tanggal::urutan_buku(c, &mut d);
    if let Some(e) = c.riwayat.as_ref().and_then(|r| r.tanpa_segel(&c.root)) {
        d.push(e);
    }
    nomor::berkas_ganda(c, &mut d);
    let judul = judul::Judul::new(c);
    kolom::buku(c, &mut d);
    for (i, f) in c.sops.iter().enumerate() {
        tanggal::urutan_sop(c, f, &mut d);
        revisi::nomor(f, &mut d);
        if let Some(r) = &c.riwayat {
            revisi::tercatat(r, f, &mut d);
        }
        judul.periksa(c, i, &mut d);
        kolom::sop(c, f, &mut d);
        let waktu = kolom::waktu_dihitung(c, f);
        for alur in f.sop.alur() {
            pelaksana::tak_terpakai(f, &alur, &mut d);
            langkah::periksa(f, &alur, waktu, &mut d);
        }
    }
    let buku = tanggal::buku(c, &mut d);
    let nip = pejabat::periksa(c, &mut d);
    let mut nomor = nomor::Nomor::default();
    let mut sops = Vec::new();
    for (i, f) in c.sops.iter().enumerate() {
        let t = tanggal::sop(c, f, &buku, &mut d);
        let n = nomor.isi(c, (i + 1, f), t.revisi, buku.tahun, &mut d);
        let tabel: Vec<Option<TabelChecked>> = f
            .sop
            .alur()
            .iter()
            .map(|a| alur::tabel(&c.buku, f, a, &mut d))
            .collect();
        alur::prosedur_ganda(f, &mut d);
        sops.push((t, n, tabel));
    }
    let bagian = bagian::periksa(c, &mut d);
    pejabat::penanda_tangan(c, &bagian, &mut d);
    gaya::periksa(c, &mut d);
    gaya::skala(c, &mut d);
    let sops: Option<Vec<SopChecked>> = sops
        .into_iter()
        .map(|(tanggal, nomor, tabel)| {
            Some(SopChecked {
                tanggal,
                nomor,
                tabel: tabel.into_iter().collect::<Option<_>>()?,
            })
        })
        .collect();
    match sops {
        Some(sops) if !d.has_errors() => Ok((
            Checked {
                tanggal: buku,
                nip,
                bagian,
                sops,
            },
            d,
        )),
        _ => Err(d),
    }
}
