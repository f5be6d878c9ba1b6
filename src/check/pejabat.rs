//! The officials' NIPs: 18 digits that hold a real birth date, a start of
//! service from age 18 and the sex digit.

use crate::content::Content;
use crate::content::model::Orang;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::nilai::nip::Nip;

/// The NIPs of penyusun, pemeriksa and pengesah, in that order; `None`
/// for one that is reported.
pub fn periksa(c: &Content, d: &mut Diagnostics) -> [Option<Nip>; 3] {
    let p = &c.buku.pejabat;
    [&p.penyusun, &p.pemeriksa, &p.pengesah].map(|o| nip(c, o, d))
}

fn nip(c: &Content, o: &Orang, d: &mut Diagnostics) -> Option<Nip> {
    Nip::parse(&o.nip.value)
        .map_err(|msg| {
            d.push(
                Diagnostic::error(msg)
                    .at(place(&c.buku_file, &o.nip.referenced))
                    .hint("salin NIP dari SK; susunannya: tanggal lahir (8 angka), tahun dan bulan pengangkatan (6), jenis kelamin 1/2 (1), nomor urut (3)"),
            );
        })
        .ok()
}
