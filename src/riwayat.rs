//! The revision record (`riwayat.yaml`): for every SOP, each revision's
//! number, dates, note and a fingerprint of its content, so that a yearly
//! revision raises exactly the SOPs that changed. bukusop writes this file
//! and never the hand-edited YAML, whose comments and layout must survive.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::Content;
use crate::diag::Diagnostic;
use crate::model::Sop;
use crate::yaml;

/// The file's name inside the content folder.
pub const BERKAS: &str = "riwayat.yaml";

const KEPALA: &str = "\
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
    pub bagian: BTreeMap<String, String>,
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
pub fn load(root: &Path) -> Result<Option<Riwayat>, Diagnostic> {
    let file = root.join(BERKAS);
    match std::fs::read_to_string(&file) {
        Ok(text) => yaml::parse(&file, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::error(format!(
            "tidak dapat membaca `{}`: {}",
            file.display(),
            crate::content::io_reason(&e)
        ))),
    }
}

/// Writes the record through a temporary file.
pub fn write(root: &Path, r: &Riwayat) -> std::io::Result<()> {
    let body = serde_saphyr::to_string(r).map_err(std::io::Error::other)?;
    crate::build::write_atomic(&root.join(BERKAS), format!("{KEPALA}{body}").as_bytes())
}

/// The fingerprint of an SOP's printed content (not its revision number
/// or dates; spacing inside texts does not count).
pub fn sidik(sop: &Sop) -> Sidik {
    let list = |v: &[String]| v.iter().map(|s| norm(s)).collect::<Vec<_>>().join("\n");
    let mut bagian = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        bagian.insert(k.to_string(), hash(&v));
    };
    put("judul", norm(&sop.judul.value));
    put("dasar_hukum", list(&sop.dasar_hukum));
    put("kualifikasi", list(&sop.kualifikasi));
    let ket: Vec<String> = sop.keterkaitan.iter().map(|k| k.value.teks()).collect();
    put("keterkaitan", list(&ket));
    put("peralatan", list(&sop.peralatan));
    put("peringatan", norm(sop.peringatan.as_deref().unwrap_or("")));
    put("pencatatan", list(&sop.pencatatan));
    // Keys that are new to the format join only when used, so that older
    // fingerprints stay valid.
    if let Some(k) = &sop.keterangan {
        put("keterangan", list(&k.items()));
    }
    // An SOP of one table keeps its `pelaksana` key; sub-procedures are
    // fingerprinted as title and lanes each.
    let alur = sop.alur();
    let tabel: Vec<String> = alur
        .iter()
        .map(|a| {
            let lanes: Vec<String> = a.pelaksana.iter().map(|p| p.value.clone()).collect();
            match a.judul {
                Some(j) => format!("{j}:{}", list(&lanes)),
                None => list(&lanes),
            }
        })
        .collect();
    if sop.prosedur.is_empty() {
        put("pelaksana", tabel.concat());
    } else {
        put("prosedur", list(&tabel));
    }
    let langkah: Vec<String> = alur
        .iter()
        .flat_map(|a| a.langkah)
        .map(|l| {
            let l = &l.value;
            let k = l.keputusan.as_ref().map(|k| {
                let k = &k.value;
                format!(
                    "{:?}/{:?}/{:?}/{:?}",
                    k.ya.as_ref().map(|v| v.value),
                    k.tidak.as_ref().map(|v| v.value),
                    k.label_ya,
                    k.label_tidak
                )
            });
            let text = [
                norm(&l.kegiatan),
                list(&l.pelaksana.value.items()),
                list(
                    &l.kelengkapan
                        .as_ref()
                        .map(|k| k.items())
                        .unwrap_or_default(),
                ),
                norm(l.waktu.as_ref().map(|w| w.value.as_str()).unwrap_or("")),
                norm(l.output.as_deref().unwrap_or("")),
                norm(l.ket.as_deref().unwrap_or("")),
                format!(
                    "{k:?}|{:?}|{}|{:?}",
                    l.lanjut.as_ref().map(|v| v.value),
                    l.selesai,
                    l.simbol
                ),
            ]
            .join("\u{1f}");
            hash(&text)
        })
        .collect();
    let semua = hash(&format!(
        "{}|{}",
        bagian.values().cloned().collect::<Vec<_>>().join(","),
        langkah.join(",")
    ));
    Sidik {
        semua,
        bagian,
        langkah,
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first 8 hex digits of SHA-256: short enough to read, long enough
/// to tell the fields of one SOP apart.
fn hash(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    d[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// What changed between two fingerprints of one SOP, in plain Indonesian.
pub fn beda(lama: &Sidik, baru: &Sidik) -> Vec<String> {
    let mut out = Vec::new();
    let (a, b) = (&lama.langkah, &baru.langkah);
    // Longest common subsequence of the step fingerprints.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut diubah, mut ditambah, mut dihapus) = (Vec::new(), Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut flush = |gone: &mut Vec<usize>, came: &mut Vec<usize>| {
        // Steps that left and came at the same place were reworded.
        let paired = gone.len().min(came.len());
        diubah.extend(came.drain(..paired).map(|j| j + 1));
        gone.drain(..paired);
        ditambah.extend(came.drain(..).map(|j| j + 1));
        dihapus.extend(gone.drain(..).map(|i| i + 1));
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            flush(&mut gone, &mut came);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(j);
            j += 1;
        } else {
            gone.push(i);
            i += 1;
        }
    }
    flush(&mut gone, &mut came);
    if !diubah.is_empty() {
        out.push(format!("langkah {} diubah", daftar(&diubah)));
    }
    if !ditambah.is_empty() {
        out.push(format!("langkah {} ditambah", daftar(&ditambah)));
    }
    if !dihapus.is_empty() {
        out.push(format!(
            "{} langkah dihapus (nomor lama {})",
            dihapus.len(),
            daftar(&dihapus)
        ));
    }
    // A field that appears or disappears (a new `keterangan`) changed too.
    let keys: std::collections::BTreeSet<&String> =
        baru.bagian.keys().chain(lama.bagian.keys()).collect();
    let fields: Vec<&str> = keys
        .into_iter()
        .filter(|k| lama.bagian.get(*k) != baru.bagian.get(*k))
        .map(|k| nama_bagian(k))
        .collect();
    if !fields.is_empty() {
        out.push(format!("{} diubah", fields.join(", ")));
    }
    out
}

fn nama_bagian(k: &str) -> &str {
    match k {
        "dasar_hukum" => "dasar hukum",
        other => other,
    }
}

/// `3`, `3, 5`, `3–5`.
fn daftar(n: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < n.len() {
        let start = n[k];
        let mut end = start;
        while k + 1 < n.len() && n[k + 1] == end + 1 {
            k += 1;
            end = n[k];
        }
        parts.push(if end > start {
            format!("{start}–{end}")
        } else {
            start.to_string()
        });
        k += 1;
    }
    parts.join(", ")
}

/// One line of the revision table.
#[derive(Debug, Clone, PartialEq)]
pub struct Baris {
    pub berkas: String,
    pub judul: String,
    pub lama: Option<u32>,
    pub baru: Option<u32>,
    pub perubahan: String,
}

/// What `bukusop revisi` would do.
#[derive(Debug, Clone)]
pub struct Rencana {
    pub baris: Vec<Baris>,
    pub tidak_berubah: usize,
    pub riwayat: Riwayat,
}

impl Rencana {
    /// Whether the record changes at all.
    pub fn berubah(&self) -> bool {
        !self.baris.is_empty()
    }
}

/// The options of one yearly revision.
pub struct Revisi<'a> {
    pub tanggal: NaiveDate,
    pub efektif: NaiveDate,
    pub catatan: Option<&'a str>,
}

/// Compares the content with its record and plans the revision: SOPs whose
/// fingerprint changed go up by one, new SOPs start at 0, SOPs whose file
/// is gone are withdrawn. Without a record, the present state is recorded
/// as it stands (numbers from the YAML, dates from `buku.yaml`).
pub fn rencanakan(c: &Content, r: &Revisi) -> Rencana {
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let Some(lama) = &c.riwayat else {
        let t = &c.buku.tanggal;
        let riwayat = Riwayat {
            buku: vec![RevisiBuku {
                tanggal: t.revisi.value.clone(),
                efektif: t.efektif.value.clone(),
                tahun: c.buku.tahun,
                catatan: Some("keadaan awal".into()),
            }],
            sop: c
                .sops
                .iter()
                .map(|(f, s)| RiwayatSop {
                    berkas: file_name(f),
                    judul: s.judul.value.clone(),
                    revisi: vec![RevisiSop {
                        nomor: s.revisi,
                        tanggal: s.tanggal.revisi.as_ref().unwrap_or(&t.revisi).value.clone(),
                        efektif: s
                            .tanggal
                            .efektif
                            .as_ref()
                            .unwrap_or(&t.efektif)
                            .value
                            .clone(),
                        catatan: Some("keadaan awal".into()),
                        sidik: sidik(s),
                    }],
                    ditarik: None,
                })
                .collect(),
        };
        let baris = c
            .sops
            .iter()
            .map(|(f, s)| Baris {
                berkas: file_name(f),
                judul: s.judul.value.clone(),
                lama: None,
                baru: Some(s.revisi),
                perubahan: "dicatat sebagai keadaan awal".into(),
            })
            .collect();
        return Rencana {
            baris,
            tidak_berubah: 0,
            riwayat,
        };
    };

    let mut baru = lama.clone();
    let mut baris = Vec::new();
    let mut tidak_berubah = 0;
    let entry = |nomor: u32, s: &Sop| RevisiSop {
        nomor,
        tanggal: fmt(r.tanggal),
        efektif: fmt(r.efektif),
        catatan: r.catatan.map(str::to_string),
        sidik: sidik(s),
    };
    for (f, s) in &c.sops {
        let name = file_name(f);
        let now = sidik(s);
        match baru
            .sop
            .iter_mut()
            .find(|h| h.berkas == name && h.ditarik.is_none())
        {
            Some(h) => {
                let last = h.terakhir().clone();
                if last.sidik.semua == now.semua {
                    tidak_berubah += 1;
                    continue;
                }
                let nomor = last.nomor + 1;
                baris.push(Baris {
                    berkas: name,
                    judul: s.judul.value.clone(),
                    lama: Some(last.nomor),
                    baru: Some(nomor),
                    perubahan: beda(&last.sidik, &now).join("; "),
                });
                h.judul = s.judul.value.clone();
                h.revisi.push(entry(nomor, s));
            }
            None => {
                baris.push(Baris {
                    berkas: name.clone(),
                    judul: s.judul.value.clone(),
                    lama: None,
                    baru: Some(0),
                    perubahan: "SOP baru".into(),
                });
                baru.sop.push(RiwayatSop {
                    berkas: name,
                    judul: s.judul.value.clone(),
                    revisi: vec![entry(0, s)],
                    ditarik: None,
                });
            }
        }
    }
    let present: Vec<String> = c.sops.iter().map(|(f, _)| file_name(f)).collect();
    for h in baru.sop.iter_mut().filter(|h| h.ditarik.is_none()) {
        if !present.contains(&h.berkas) {
            baris.push(Baris {
                berkas: h.berkas.clone(),
                judul: h.judul.clone(),
                lama: Some(h.terakhir().nomor),
                baru: None,
                perubahan: "ditarik (berkasnya tidak ada lagi)".into(),
            });
            h.ditarik = Some(fmt(r.tanggal));
        }
    }
    // Unchanged content leaves the record exactly as it was.
    if !baris.is_empty() {
        baru.buku.push(RevisiBuku {
            tanggal: fmt(r.tanggal),
            efektif: fmt(r.efektif),
            tahun: chrono::Datelike::year(&r.tanggal),
            catatan: r.catatan.map(str::to_string),
        });
    }
    Rencana {
        baris,
        tidak_berubah,
        riwayat: baru,
    }
}

/// An SOP as compared by `beda`: file name, title, fingerprint.
pub type Versi = (String, String, Sidik);

/// The SOPs of a content folder as `beda` compares them.
pub fn versi(c: &Content) -> Vec<Versi> {
    c.sops
        .iter()
        .map(|(f, s)| (file_name(f), s.judul.value.clone(), sidik(s)))
        .collect()
}

/// The SOPs as their last revision recorded them (withdrawn ones left out).
pub fn versi_tercatat(r: &Riwayat) -> Vec<Versi> {
    r.sop
        .iter()
        .filter(|h| h.ditarik.is_none())
        .map(|h| {
            (
                h.berkas.clone(),
                h.judul.clone(),
                h.terakhir().sidik.clone(),
            )
        })
        .collect()
}

/// What changed from `lama` to `baru`, SOP by SOP (matched by file name),
/// and how many SOPs did not change.
pub fn bandingkan(lama: &[Versi], baru: &[Versi]) -> (Vec<Baris>, usize) {
    let mut rows = Vec::new();
    let mut same = 0;
    for (f, judul, now) in baru {
        match lama.iter().find(|(g, ..)| g == f) {
            Some((_, _, before)) if before.semua == now.semua => same += 1,
            Some((_, _, before)) => rows.push(Baris {
                berkas: f.clone(),
                judul: judul.clone(),
                lama: None,
                baru: None,
                perubahan: beda(before, now).join("; "),
            }),
            None => rows.push(Baris {
                berkas: f.clone(),
                judul: judul.clone(),
                lama: None,
                baru: None,
                perubahan: "SOP baru".into(),
            }),
        }
    }
    for (f, judul, _) in lama {
        if !baru.iter().any(|(g, ..)| g == f) {
            rows.push(Baris {
                berkas: f.clone(),
                judul: judul.clone(),
                lama: None,
                baru: None,
                perubahan: "dihapus".into(),
            });
        }
    }
    (rows, same)
}

/// The name an SOP is recorded under: its file name.
pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(semua: &str, steps: &[&str]) -> Sidik {
        Sidik {
            semua: semua.into(),
            bagian: BTreeMap::from([("judul".to_string(), "a".to_string())]),
            langkah: steps.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn step_changes_are_named_in_plain_words() {
        let lama = s("1", &["a", "b", "c", "d"]);
        let mut baru = s("2", &["a", "B", "c", "d", "e", "f"]);
        baru.bagian.insert("dasar_hukum".into(), "x".into());
        assert_eq!(
            beda(&lama, &baru),
            vec![
                "langkah 2 diubah",
                "langkah 5–6 ditambah",
                "dasar hukum diubah"
            ]
        );
        let baru = s("3", &["a", "d"]);
        assert_eq!(
            beda(&lama, &baru),
            vec!["2 langkah dihapus (nomor lama 2–3)"]
        );
    }
}
