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
    /// Whether the file ended with its seal ([`SEGEL`]); records written
    /// before bukusop sealed them have none.
    #[serde(skip)]
    pub tersegel: bool,
}

/// The last line of a record bukusop writes, followed by the SHA-256 of
/// everything above it: a truncated or hand-edited record is noticed
/// instead of read as a shorter history.
const SEGEL: &str = "# sidik: ";

fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
            let tersegel = unseal(&file, &text)?;
            let mut r: Riwayat = yaml::parse(&file, &text)?;
            r.tersegel = tersegel;
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

/// Whether `text` ends with its seal; an error when the seal does not
/// match what it seals.
fn unseal(file: &Path, text: &str) -> Result<bool, Diagnostic> {
    let body = text.trim_end_matches('\n');
    let at = body.rfind('\n').map_or(0, |i| i + 1);
    let Some(seal) = body[at..].strip_prefix(SEGEL) else {
        return Ok(false);
    };
    if seal.trim() == sha256(&text[..at]) {
        return Ok(true);
    }
    let line = text[..at].lines().count() as u64 + 1;
    Err(Diagnostic::error(format!(
        "`{BERKAS}` rusak: isinya tidak cocok dengan sidik di baris terakhirnya (terpotong, atau diubah dengan tangan)"
    ))
    .at(Some(crate::diag::Place {
        file: file.to_path_buf(),
        line,
        column: 1,
    }))
    .hint("pulihkan berkasnya dari git (`git log -- riwayat.yaml`, lalu `git checkout <commit> -- riwayat.yaml`); riwayat.yaml ditulis oleh `bukusop revisi`, bukan dengan tangan"))
}

/// Writes the record, sealed, through the atomic writer.
pub fn write(root: &Path, r: &Riwayat) -> std::io::Result<()> {
    let body = serde_saphyr::to_string(r).map_err(std::io::Error::other)?;
    let text = format!("{KOMENTAR_AWAL}{body}");
    let sealed = format!("{text}{SEGEL}{}\n", sha256(&text));
    crate::files::tulis(&root.join(BERKAS), sealed.as_bytes())
}
