//! SOPs that changed since their last recorded revision, or are not
//! recorded at all: `bukusop revisi` will raise them.

use crate::content::riwayat::{BERKAS, Riwayat};
use crate::content::yaml::place;
use crate::content::{Content, SopFile};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::riwayat::{perubahan::perubahan, sidik};

/// A record without its seal: written by hand, or cut short (a record of
/// the previous version, sealed on its last line, loses the seal when cut).
/// Nothing is built or revised from it until the user has checked it is
/// whole and sealed it (`revisi --riwayat-utuh`), or restored it.
pub fn tersegel(c: &Content, r: &Riwayat, d: &mut Diagnostics) {
    if !r.tersegel {
        d.push(
            Diagnostic::error(format!(
                "`{BERKAS}` tidak bersidik: ditulis dengan tangan, atau terpotong"
            ))
            .at(Some(Place {
                file: c.root.join(BERKAS),
                line: 1,
                column: 1,
            }))
            .hint("periksa dengan git (`git diff -- riwayat.yaml`) bahwa berkasnya utuh, lalu segel dengan `bukusop revisi --riwayat-utuh`; bila terpotong, pulihkan dari git (`git checkout <commit> -- riwayat.yaml`)"),
        );
    }
}

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
