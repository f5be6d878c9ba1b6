//! The revision record (`riwayat.yaml`) as data: for every SOP, each
//! revision's number, dates, note and a fingerprint of its content. It is
//! a file of the content folder, written by `bukusop revisi` (see the
//! `riwayat` module for how a revision is planned) and never by hand.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::yaml;
use crate::diag::Diagnostic;
use crate::files::{Akar, baca::BATAS_YAML};

/// The file's name inside the content folder.
pub const BERKAS: &str = "riwayat.yaml";

/// The comment at the top of the file.
const KOMENTAR_AWAL: &str = "\
# Riwayat revisi buku SOP. Ditulis oleh `bukusop revisi`; simpan bersama
# konten (git) dan jangan diubah dengan tangan.
";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Riwayat {
    /// The booklet's revisions, oldest first.
    #[serde(default)]
    pub buku: Vec<RevisiBuku>,
    #[serde(default)]
    pub sop: Vec<RiwayatSop>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisiBuku {
    pub tanggal: String,
    pub efektif: String,
    pub tahun: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catatan: Option<String>,
}

/// One SOP file's history, by file name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiwayatSop {
    pub berkas: String,
    pub judul: String,
    pub revisi: Vec<RevisiSop>,
    /// The date the SOP left the booklet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ditarik: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisiSop {
    pub nomor: u32,
    pub tanggal: String,
    pub efektif: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catatan: Option<String>,
    pub sidik: Sidik,
}

/// Fingerprints of an SOP: of all of it, of each field and of each step,
/// enough to say what changed without keeping the old text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidik {
    pub semua: String,
    /// One fingerprint per field (`judul`, `dasar_hukum`, …).
    #[serde(rename = "bagian")]
    pub kolom: BTreeMap<String, String>,
    pub langkah: Vec<String>,
}

impl Riwayat {
    /// The SOP file's history, if it has one.
    pub fn sop(&self, berkas: &str) -> Option<&RiwayatSop> {
        self.sop.iter().find(|s| s.berkas == berkas)
    }
}

impl RiwayatSop {
    pub fn terakhir(&self) -> &RevisiSop {
        self.revisi.last().expect("a recorded SOP has a revision")
    }
}

/// Reads `<root>/riwayat.yaml`; `None` when the folder has none yet.
pub fn load(akar: &Akar) -> Result<Option<Riwayat>, Diagnostic> {
    let file = akar.asli.join(BERKAS);
    match akar.baca_teks(&file, BATAS_YAML) {
        Ok(text) => {
            let r: Riwayat = yaml::parse(&file, &text)?;
            // `terakhir` relies on it; an empty list is a damaged record.
            if let Some(h) = r.sop.iter().find(|h| h.revisi.is_empty()) {
                return Err(Diagnostic::error(format!(
                    "`{}`: SOP `{}` tercatat tanpa satu revisi pun",
                    file.display(),
                    h.berkas
                ))
                .hint("pulihkan riwayat.yaml dari git; berkas ini ditulis oleh `bukusop revisi`, bukan dengan tangan"));
            }
            Ok(Some(r))
        }
        Err(t) if t.not_found() => Ok(None),
        Err(t) => Err(Diagnostic::error(format!(
            "tidak dapat membaca `{}`: {}",
            file.display(),
            t.alasan()
        ))),
    }
}

/// Writes the record through a temporary file.
pub fn write(root: &Path, r: &Riwayat) -> std::io::Result<()> {
    let body = serde_saphyr::to_string(r).map_err(std::io::Error::other)?;
    crate::files::tulis(
        &root.join(BERKAS),
        format!("{KOMENTAR_AWAL}{body}").as_bytes(),
    )
}
