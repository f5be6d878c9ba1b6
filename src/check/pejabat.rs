//! The officials: the NIPs written hold a real birth date, a start of
//! service from age 18 and the sex digit; penyusun and pemeriksa are
//! written when the Pengesahan page prints their signatures.

use crate::content::Content;
use crate::content::model::{Bagian, Orang};
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::nilai::nip::Nip;

/// The NIPs of penyusun, pemeriksa and pengesah, in that order; `None`
/// for one not written, or reported.
pub fn periksa(c: &Content, d: &mut Diagnostics) -> [Option<Nip>; 3] {
    let p = &c.buku.pejabat;
    [p.penyusun.as_ref(), p.pemeriksa.as_ref(), Some(&p.pengesah)]
        .map(|o| o.and_then(|o| nip(c, o, d)))
}

fn nip(c: &Content, o: &Orang, d: &mut Diagnostics) -> Option<Nip> {
    let n = o.nip.as_ref()?;
    Nip::parse(&n.value)
        .map_err(|msg| {
            d.push(
                Diagnostic::error(msg)
                    .at(place(&c.buku_file, &n.referenced))
                    .hint("salin NIP dari SK; susunannya: tanggal lahir (8 angka), tahun dan bulan pengangkatan (6), jenis kelamin 1/2 (1), nomor urut (3)"),
            );
        })
        .ok()
}

/// A generated Pengesahan page signs for penyusun and pemeriksa too.
pub fn penanda_tangan(c: &Content, bagian: &[Bagian], d: &mut Diagnostics) {
    let b = &c.buku;
    if !bagian.contains(&Bagian::Pengesahan) || b.pengesahan_pindaian.is_some() {
        return;
    }
    for (o, kunci) in [
        (&b.pejabat.penyusun, "penyusun"),
        (&b.pejabat.pemeriksa, "pemeriksa"),
    ] {
        if o.is_none() {
            d.push(
                Diagnostic::error(format!(
                    "`pejabat.{kunci}` belum ditulis, padahal halaman Pengesahan mencetak tanda tangannya"
                ))
                .at(crate::content::yaml::kunci(&c.buku_file, &c.buku_teks, &["pejabat"]))
                .hint(format!(
                    "tulis `{kunci}:` dengan `jabatan`, `nama` dan `nip` di bawah `pejabat:`, atau hapus `pengesahan` dari daftar `bagian`"
                )),
            );
        }
    }
}
