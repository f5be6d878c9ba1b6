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

/// The first line of a record bukusop writes, followed by the SHA-256 of
/// everything below it: a truncated or hand-edited record is noticed
/// instead of read as a shorter history (cut anywhere, the seal stays).
/// Records of the previous version carry it as their last line instead.
const SEGEL: &str = "# sidik: ";

/// The highest revision number a record holds (an SOP file's own `revisi`
/// is at most 999): a number that would wrap is refused, not printed as 0.
pub const NOMOR_MAKS: u32 = 9999;

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

    /// The error of a record without its seal, read from the folder
    /// `root`: written by hand, or cut short (a record of the previous
    /// version, sealed on its last line, loses the seal when cut). Nothing
    /// is built, revised or compared from it until the user has checked it
    /// is whole and sealed it (`revisi --riwayat-utuh`), or restored it.
    pub fn tanpa_segel(&self, root: &Path) -> Option<Diagnostic> {
        (!self.tersegel).then(|| {
            Diagnostic::error(format!(
                "`{BERKAS}` tidak bersidik: ditulis dengan tangan, atau terpotong"
            ))
            .at(Some(crate::diag::Place {
                file: root.join(BERKAS),
                line: 1,
                column: 1,
            }))
            .hint("periksa dengan git (`git diff -- riwayat.yaml`) bahwa berkasnya utuh, lalu segel dengan `bukusop revisi --riwayat-utuh`; bila terpotong, pulihkan dari git (`git checkout <commit> -- riwayat.yaml`)")
        })
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
        Ok(text) => baca(&file, &text).map(Some),
        Err(t) if t.not_found() => Ok(None),
        Err(t) => Err(Diagnostic::error(format!(
            "tidak dapat membaca `{}`: {}",
            file.display(),
            t.alasan()
        ))),
    }
}

/// The record in `text`, read from `file`: sealed or not, whole and in
/// range, or an error that says how to restore it.
fn baca(file: &Path, text: &str) -> Result<Riwayat, Diagnostic> {
    let tersegel = unseal(file, text)?;
    let mut r: Riwayat = yaml::parse(file, text).map_err(|d| {
        // Whatever the reader says of it (a cut mid-record reads as a
        // missing key), the record is damaged.
        let mut damaged = Diagnostic::error(format!(
            "`{BERKAS}` rusak: tidak dapat dibaca sebagai riwayat ({})",
            d.message
        ))
        .hint(PULIHKAN);
        damaged.place = d.place;
        damaged
    })?;
    r.tersegel = tersegel;
    if let Some(why) = r.cacat() {
        return Err(
            Diagnostic::error(format!("`{}` rusak: {why}", crate::diag::jalur(file)))
                .hint(PULIHKAN),
        );
    }
    Ok(r)
}

/// The record of `akar` sealed as it stands, when it has no seal: the
/// user checked that it is whole (`revisi --riwayat-utuh`). A damaged
/// record is refused as [`load`] refuses it; `None` for one already sealed
/// or none at all.
pub fn segel(akar: &Akar) -> Result<Option<String>, Diagnostic> {
    let file = akar.asli.join(BERKAS);
    let Ok(text) = akar.baca_teks(&file, BATAS_YAML) else {
        return Ok(None);
    };
    if baca(&file, &text)?.tersegel {
        return Ok(None);
    }
    Ok(Some(sealed(&normal(&text))))
}

/// `text` as it was written: git on Windows may have checked it out with
/// CRLF line ends and an editor may have added a BOM.
fn normal(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// `text` with its seal as its first line.
fn sealed(text: &str) -> String {
    format!("{SEGEL}{}\n{text}", sha256(text))
}

/// How to mend a damaged record.
const PULIHKAN: &str = "pulihkan berkasnya dari git (`git log -- riwayat.yaml`, lalu `git checkout <commit> -- riwayat.yaml`); riwayat.yaml ditulis oleh `bukusop revisi`, bukan dengan tangan";

impl Riwayat {
    /// What makes a record that matches its seal unusable: an SOP without a
    /// revision (`terakhir` relies on one), an SOP file name that is a path,
    /// one recorded twice, a year or a date outside 1900–2100, a revision
    /// number beyond [`NOMOR_MAKS`].
    fn cacat(&self) -> Option<String> {
        use crate::nilai::tanggal::{TAHUN, parse};
        let bad_date = |s: &str| {
            parse(s)
                .is_none()
                .then(|| format!("tanggal `{s}` tidak sah"))
        };
        for b in &self.buku {
            if !TAHUN.contains(&b.tahun) {
                return Some(format!("tahun {} di luar 1900–2100", b.tahun));
            }
            if let Some(w) = bad_date(&b.tanggal).or_else(|| bad_date(&b.efektif)) {
                return Some(w);
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for h in &self.sop {
            if crate::files::bad_file_name(&h.berkas).is_some() {
                return Some(format!("nama berkas SOP `{}` tidak sah", h.berkas));
            }
            if h.ditarik.is_none() && !seen.insert(&h.berkas) {
                return Some(format!("SOP `{}` tercatat dua kali", h.berkas));
            }
            if h.revisi.is_empty() {
                return Some(format!("SOP `{}` tercatat tanpa satu revisi pun", h.berkas));
            }
            if let Some(w) = h.ditarik.as_deref().and_then(bad_date) {
                return Some(format!("SOP `{}` ditarik: {w}", h.berkas));
            }
            for r in &h.revisi {
                if r.nomor > NOMOR_MAKS {
                    return Some(format!(
                        "SOP `{}`: nomor revisi {} lebih dari {NOMOR_MAKS}",
                        h.berkas, r.nomor
                    ));
                }
                if let Some(w) = bad_date(&r.tanggal).or_else(|| bad_date(&r.efektif)) {
                    return Some(format!("SOP `{}`: {w}", h.berkas));
                }
            }
        }
        None
    }
}

/// Whether `text` carries its seal (on its first line, or on its last as
/// the previous version wrote it); an error when the seal does not match
/// what it seals.
fn unseal(file: &Path, text: &str) -> Result<bool, Diagnostic> {
    let text = &normal(text);
    let (seal, sealed, line) = match text.strip_prefix(SEGEL) {
        Some(rest) => {
            let (seal, below) = rest.split_once('\n').unwrap_or((rest, ""));
            (seal, below, 1)
        }
        None => {
            let body = text.trim_end_matches('\n');
            let at = body.rfind('\n').map_or(0, |i| i + 1);
            let Some(seal) = body[at..].strip_prefix(SEGEL) else {
                return Ok(false);
            };
            (seal, &text[..at], text[..at].lines().count() as u64 + 1)
        }
    };
    if seal.trim() == sha256(sealed) {
        return Ok(true);
    }
    Err(Diagnostic::error(format!(
        "`{BERKAS}` rusak: isinya tidak cocok dengan sidiknya (terpotong, atau diubah dengan tangan)"
    ))
    .at(Some(crate::diag::Place {
        file: file.to_path_buf(),
        line,
        column: 1,
    }))
    .hint(PULIHKAN))
}

/// Writes the record, sealed, through the atomic writer; a record that
/// could not be read again (too large, a number or date out of range) is
/// refused, not written.
pub fn write(root: &Path, r: &Riwayat) -> std::io::Result<()> {
    if let Some(why) = r.cacat() {
        return Err(crate::files::galat(
            std::io::ErrorKind::Other,
            format!("riwayat tidak akan dapat dibaca kembali: {why}"),
        ));
    }
    let body = serde_saphyr::to_string(r).map_err(std::io::Error::other)?;
    let text = format!("{KOMENTAR_AWAL}{body}");
    let sealed = sealed(&text);
    if sealed.len() as u64 > BATAS_YAML {
        return Err(crate::files::galat(
            std::io::ErrorKind::Other,
            format!(
                "riwayat akan berukuran {} MB, lebih dari batas {} MB yang dapat dibaca kembali (judul SOP terlalu panjang?)",
                sealed.len() >> 20,
                BATAS_YAML >> 20
            ),
        ));
    }
    crate::files::tulis(&root.join(BERKAS), sealed.as_bytes())
}
