//! SOPs that changed since their last recorded revision, or are not
//! recorded at all: `bukusop revisi` will raise them.

use crate::content::SopFile;
use crate::content::riwayat::Riwayat;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::riwayat::{perubahan::perubahan, sidik};

/// The most an SOP file's own `revisi` may be.
const REVISI_MAKS: u32 = 999;

/// An SOP's own revision number in range: one that later revisions would
/// carry past what a record holds is a typing slip.
pub fn nomor(f: &SopFile, d: &mut Diagnostics) {
    let n = f.sop.revisi;
    if n > REVISI_MAKS {
        d.push(
            Diagnostic::error(format!(
                "`revisi` bernilai {n}; seharusnya antara 0 dan {REVISI_MAKS}"
            ))
            .at(crate::content::yaml::kunci(&f.path, &f.teks, &["revisi"]))
            .hint("tulis berapa kali SOP ini sudah direvisi, misalnya `revisi: 2`"),
        );
    }
}

pub fn tercatat(r: &Riwayat, f: &SopFile, d: &mut Diagnostics) {
    let at = place(&f.path, &f.sop.judul.referenced);
    let hint = "nomor revisinya dinaikkan saat `bukusop revisi` dijalankan";
    match r.sop(&f.nama).filter(|h| h.ditarik.is_none()) {
        Some(h) => {
            let changes = perubahan(&h.terakhir().sidik, &sidik(&f.sop));
            if !changes.is_empty() {
                d.push(
                    Diagnostic::warning(format!(
                        "SOP ini berubah sejak revisi terakhir ({})",
                        changes.join("; ")
                    ))
                    .at(at)
                    .hint(hint),
                );
            }
        }
        None => d.push(
            Diagnostic::warning("SOP baru, belum tercatat di riwayat revisi")
                .at(at)
                .hint(hint),
        ),
    }
}
