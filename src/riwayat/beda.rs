//! `bukusop beda`: what changed since the last recorded revision, or
//! between two git revisions of the content folder.

use std::path::Path;

use super::git;
use super::perubahan::perubahan;
use super::rencana::Baris;
use super::sidik::sidik;
use crate::content::riwayat::{Riwayat, Sidik};
use crate::content::{self, Content};
use crate::diag::jalur;
use crate::diag::{Diagnostic, Diagnostics, io_reason};

/// An SOP as `beda` compares it.
#[derive(Debug, Clone)]
pub struct Versi {
    pub berkas: String,
    pub judul: String,
    pub sidik: Sidik,
}

/// The SOPs of a content folder as `beda` compares them.
pub fn versi(c: &Content) -> Vec<Versi> {
    c.sops
        .iter()
        .map(|f| Versi {
            berkas: f.nama.clone(),
            judul: f.sop.judul.value.clone(),
            sidik: sidik(&f.sop),
        })
        .collect()
}

/// The SOPs as their last revision recorded them (withdrawn ones left out).
pub fn versi_tercatat(r: &Riwayat) -> Vec<Versi> {
    r.sop
        .iter()
        .filter(|h| h.ditarik.is_none())
        .map(|h| Versi {
            berkas: h.berkas.clone(),
            judul: h.judul.clone(),
            sidik: h.terakhir().sidik.clone(),
        })
        .collect()
}

/// What changed from `lama` to `baru`, SOP by SOP (matched by file name),
/// and how many SOPs did not change.
pub fn bandingkan(lama: &[Versi], baru: &[Versi]) -> (Vec<Baris>, usize) {
    let mut rows = Vec::new();
    let mut same = 0;
    let row = |v: &Versi, perubahan: String| Baris {
        berkas: v.berkas.clone(),
        judul: v.judul.clone(),
        lama: None,
        baru: None,
        perubahan,
    };
    for now in baru {
        match lama.iter().find(|v| v.berkas == now.berkas) {
            Some(before) if before.sidik.semua == now.sidik.semua => same += 1,
            Some(before) => rows.push(row(now, perubahan(&before.sidik, &now.sidik).join("; "))),
            None => rows.push(row(now, "SOP baru".into())),
        }
    }
    for before in lama {
        if !baru.iter().any(|v| v.berkas == before.berkas) {
            rows.push(row(before, "dihapus".into()));
        }
    }
    (rows, same)
}

/// Why a comparison could not be made.
#[derive(Debug)]
pub enum GagalBeda {
    /// A version of the content does not load.
    Konten(Diagnostics),
    /// The git revision, the record or a temporary folder is missing.
    Lain(Diagnostic),
}

/// Compares the content folder `root` as it is (or at git revision `ke`)
/// with git revision `dari`, or without `dari` with its revision record.
pub fn beda(
    root: &Path,
    dari: Option<&str>,
    ke: Option<&str>,
) -> Result<(Vec<Baris>, usize), GagalBeda> {
    let baru = muat(root, ke)?;
    let lama = match dari {
        Some(_) => versi(&muat(root, dari)?),
        None => match &baru.riwayat {
            Some(r) => match r.tanpa_segel(&baru.root) {
                Some(e) => return Err(GagalBeda::Konten(Diagnostics(vec![e]))),
                None => versi_tercatat(r),
            },
            None => {
                return Err(GagalBeda::Lain(
                    Diagnostic::error("folder ini belum punya riwayat.yaml").hint(format!(
                        "jalankan `bukusop revisi {}` sekali untuk mencatat keadaan awal, atau bandingkan dua revisi git dengan `--dari`",
                        jalur(root)
                    )),
                ));
            }
        },
    };
    Ok(bandingkan(&lama, &versi(&baru)))
}

/// The content of `root`, or of `root` at git revision `rev`.
fn muat(root: &Path, rev: Option<&str>) -> Result<Content, GagalBeda> {
    let Some(rev) = rev else {
        return content::load(root).map_err(GagalBeda::Konten);
    };
    let tmp = tempfile::tempdir().map_err(|e| {
        GagalBeda::Lain(Diagnostic::error(format!(
            "tidak dapat menulis `{}`: {}",
            std::env::temp_dir().display(),
            io_reason(&e)
        )))
    })?;
    git::export(root, rev, tmp.path()).map_err(GagalBeda::Lain)?;
    content::load(tmp.path()).map_err(GagalBeda::Konten)
}
