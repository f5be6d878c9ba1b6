//! Dates: each one readable (`TAHUN-BULAN-HARI`), and in order
//! (pembuatan ≤ revisi ≤ efektif), in `buku.yaml`, in an SOP's own
//! `tanggal` and in the revision record, which holds the dates of every
//! revision after the first.

use std::path::Path;

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use crate::content::riwayat::BERKAS;
use crate::content::yaml::place;
use crate::content::{Content, SopFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::nilai::tanggal;

/// The booklet's dates and year, as printed.
#[derive(Debug, Clone, Copy)]
pub struct TanggalBuku {
    pub pembuatan: NaiveDate,
    pub revisi: NaiveDate,
    pub efektif: NaiveDate,
    pub tahun: i32,
    /// Not revised yet: the revision date prints `-` (and stands as the
    /// creation date for `{bulan}` and the order of dates).
    pub revisi_kosong: bool,
}

/// The dates and revision number an SOP prints.
#[derive(Debug, Clone, Copy)]
pub struct TanggalSop {
    pub nomor_revisi: u32,
    pub pembuatan: NaiveDate,
    pub revisi: NaiveDate,
    pub efektif: NaiveDate,
    /// The revision date prints `-`, as [`TanggalBuku::revisi_kosong`].
    pub revisi_kosong: bool,
}

/// Stands in for a date that could not be read, so that checking goes on.
fn pengganti() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
}

/// The booklet's three dates in order.
pub fn urutan_buku(c: &Content, d: &mut Diagnostics) {
    let (bf, t) = (c.buku_file.as_path(), &c.buku.tanggal);
    in_order(
        bf,
        [
            ("pembuatan", bf, &t.pembuatan),
            ("revisi", bf, &t.revisi),
            ("efektif", bf, &t.efektif),
        ],
        d,
    );
}

/// An SOP's own dates in order; each falls back to the booklet's one by
/// one. The booklet's own order is reported once, by [`urutan_buku`].
pub fn urutan_sop<'a>(c: &'a Content, f: &'a SopFile, d: &mut Diagnostics) {
    let own = &f.sop.tanggal;
    if own.pembuatan.is_none() && own.revisi.is_none() && own.efektif.is_none() {
        return;
    }
    let t = &c.buku.tanggal;
    let pick = |o: &'a Option<Spanned<String>>, b: &'a Spanned<String>| match o {
        Some(v) => (f.path.as_path(), v),
        None => (c.buku_file.as_path(), b),
    };
    let (f1, v1) = pick(&own.pembuatan, &t.pembuatan);
    let (f2, v2) = pick(&own.revisi, &t.revisi);
    let (f3, v3) = pick(&own.efektif, &t.efektif);
    in_order(
        &f.path,
        [
            ("pembuatan", f1, v1),
            ("revisi", f2, v2),
            ("efektif", f3, v3),
        ],
        d,
    );
}

/// pembuatan ≤ revisi ≤ efektif, each date with the file it is written
/// in; the message points at the later date, or at the one written in
/// `own` (the file being checked). Unreadable dates are reported by
/// [`buku`] and [`sop`].
fn in_order(own: &Path, dates: [(&str, &Path, &Spanned<String>); 3], d: &mut Diagnostics) {
    for pair in dates.windows(2) {
        let [(a_name, a_file, a), (b_name, b_file, b)] = pair else {
            continue;
        };
        if let (Some(x), Some(y)) = (tanggal::parse(&a.value), tanggal::parse(&b.value))
            && y < x
        {
            let (file, at) = if *b_file != own && *a_file == own {
                (a_file, a)
            } else {
                (b_file, b)
            };
            d.push(
                Diagnostic::error(format!(
                    "tanggal {b_name} ({}) lebih awal dari tanggal {a_name} ({})",
                    b.value, a.value
                ))
                .at(place(file, &at.referenced))
                .hint("urutannya: pembuatan, lalu revisi, lalu efektif"),
            );
        }
    }
}

/// A date written in a content file.
fn read(s: &Spanned<String>, file: &Path, d: &mut Diagnostics) -> Option<NaiveDate> {
    let parsed = tanggal::parse(&s.value);
    if parsed.is_none() {
        d.push(
            Diagnostic::error(format!("tanggal `{}` tidak dapat dibaca", s.value))
                .at(place(file, &s.referenced))
                .hint("tulis tanggal sebagai TAHUN-BULAN-HARI antara tahun 1900 dan 2100, misalnya 2024-01-20"),
        );
    }
    parsed
}

/// A date the revision record holds.
fn recorded(s: &str, d: &mut Diagnostics) -> Option<NaiveDate> {
    tanggal::parse(s).or_else(|| {
        d.push(Diagnostic::error(format!(
            "`{BERKAS}`: tanggal `{s}` tidak dapat dibaca"
        )));
        None
    })
}

/// The booklet's dates; after the first `bukusop revisi`, the record holds
/// its revision dates and year.
pub fn buku(c: &Content, d: &mut Diagnostics) -> TanggalBuku {
    let (bf, t) = (&c.buku_file, &c.buku.tanggal);
    let pembuatan = read(&t.pembuatan, bf, d).unwrap_or_else(pengganti);
    let mut revisi_kosong = tanggal::kosong(&t.revisi.value);
    let mut revisi = if revisi_kosong {
        pembuatan
    } else {
        read(&t.revisi, bf, d).unwrap_or_else(pengganti)
    };
    let mut efektif = read(&t.efektif, bf, d).unwrap_or_else(pengganti);
    let mut tahun = c.buku.tahun;
    if let Some(last) = c.riwayat.as_ref().and_then(|r| r.buku.last()) {
        revisi = recorded(&last.tanggal, d).unwrap_or(revisi);
        efektif = recorded(&last.efektif, d).unwrap_or(efektif);
        tahun = last.tahun;
        revisi_kosong = false;
    }
    TanggalBuku {
        pembuatan,
        revisi,
        efektif,
        tahun,
        revisi_kosong,
    }
}

/// An SOP's dates and revision number: its own dates where written, else
/// those of its last recorded revision, else the booklet's.
pub fn sop(c: &Content, f: &SopFile, buku: &TanggalBuku, d: &mut Diagnostics) -> TanggalSop {
    let own = |o: &Option<Spanned<String>>, default, d: &mut Diagnostics| match o {
        Some(s) => read(s, &f.path, d).unwrap_or(default),
        None => default,
    };
    let t = &f.sop.tanggal;
    let pembuatan = own(&t.pembuatan, buku.pembuatan, d);
    let history = c
        .riwayat
        .as_ref()
        .and_then(|r| r.sop(&f.nama))
        .filter(|h| h.ditarik.is_none())
        .map(|h| h.terakhir());
    let (nomor_revisi, revisi, efektif, kosong) = match history {
        Some(h) => (
            h.nomor,
            recorded(&h.tanggal, d).unwrap_or(buku.revisi),
            recorded(&h.efektif, d).unwrap_or(buku.efektif),
            false,
        ),
        None => (f.sop.revisi, buku.revisi, buku.efektif, buku.revisi_kosong),
    };
    let (revisi, revisi_kosong) = match &t.revisi {
        Some(s) if tanggal::kosong(&s.value) => (pembuatan, true),
        Some(_) => (own(&t.revisi, revisi, d), false),
        None => (revisi, kosong),
    };
    TanggalSop {
        nomor_revisi,
        pembuatan,
        revisi,
        efektif: own(&t.efektif, efektif, d),
        revisi_kosong,
    }
}
