//! Planning one yearly revision (`bukusop revisi`): which SOPs go up by
//! one, which are new, which are withdrawn, and the record that results.

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::perubahan::perubahan;
use super::sidik::sidik;
use crate::content::riwayat::{RevisiBuku, RevisiSop, Riwayat, RiwayatSop};
use crate::content::{Content, SopFile};
use crate::diag::Diagnostic;
use crate::nilai::tanggal;

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
#[derive(Debug, Clone)]
pub struct Revisi<'a> {
    pub tanggal: NaiveDate,
    pub efektif: NaiveDate,
    pub catatan: Option<&'a str>,
}

impl<'a> Revisi<'a> {
    /// The options as written on the command line (`TAHUN-BULAN-HARI`):
    /// the date defaults to `hari_ini`, the effective date to the next day,
    /// which may not come before the revision's.
    pub fn baca(
        tanggal: Option<&str>,
        efektif: Option<&str>,
        catatan: Option<&'a str>,
        hari_ini: NaiveDate,
    ) -> Result<Revisi<'a>, Diagnostic> {
        let date = |s: &str, what: &str| {
            tanggal::parse(s).ok_or_else(|| {
                Diagnostic::error(format!("tanggal {what} `{s}` tidak dapat dibaca"))
                    .hint("tulis TAHUN-BULAN-HARI antara tahun 1900 dan 2100, misalnya 2025-01-20")
            })
        };
        let tanggal = match tanggal {
            Some(t) => date(t, "revisi")?,
            None => hari_ini,
        };
        let efektif = match efektif {
            Some(t) => date(t, "efektif")?,
            None => {
                let next = tanggal + chrono::Days::new(1);
                // A record holds only dates it can read again.
                date(&next.to_string(), "efektif (sehari setelah tanggal revisi)")
                    .map_err(|d| d.hint("sebutkan tanggal efektifnya dengan `--efektif TAHUN-BULAN-HARI`, paling lambat 2100-12-31"))?
            }
        };
        if efektif < tanggal {
            return Err(Diagnostic::error(format!(
                "tanggal efektif {efektif} lebih awal dari tanggal revisi {tanggal}"
            )));
        }
        // The note is printed (RIWAYAT REVISI): no font prints a control
        // character.
        let hidden = |c: &char| crate::teks::tak_sebaris(*c) || *c == '\t';
        if let Some(c) = catatan.and_then(|t| t.chars().find(hidden)) {
            return Err(Diagnostic::error(format!(
                "catatan berisi karakter kendali U+{:04X}; tidak dicatat",
                c as u32
            ))
            .hint("tulis catatannya dalam satu baris teks biasa"));
        }
        Ok(Revisi {
            tanggal,
            efektif,
            catatan,
        })
    }

    /// A revision may not be dated before the last one recorded.
    pub fn sesudah_terakhir(&self, c: &Content) -> Result<(), Diagnostic> {
        match c.riwayat.as_ref().and_then(|r| r.buku.last()) {
            Some(last) if tanggal::parse(&last.tanggal).is_some_and(|d| d > self.tanggal) => {
                Err(Diagnostic::error(format!(
                    "tanggal revisi {} lebih awal dari revisi terakhir ({})",
                    self.tanggal, last.tanggal
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Compares the content with its record and plans the revision: SOPs whose
/// fingerprint changed go up by one, new SOPs start at 0, SOPs whose file
/// is gone are withdrawn. Without a record, the present state is recorded
/// as it stands (numbers from the YAML, dates from `buku.yaml`).
pub fn rencanakan(c: &Content, r: &Revisi) -> Rencana {
    let Some(lama) = &c.riwayat else {
        return keadaan_awal(c);
    };
    let mut baru = lama.clone();
    let (mut baris, tidak_berubah) = naikkan(c, &mut baru, r);
    baris.extend(tarik_yang_hilang(c, &mut baru, r));
    // Unchanged content leaves the record exactly as it was.
    if !baris.is_empty() {
        baru.buku.push(RevisiBuku {
            tanggal: iso(r.tanggal),
            efektif: iso(r.efektif),
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

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The first record: every SOP as it stands, dated as `buku.yaml` says.
fn keadaan_awal(c: &Content) -> Rencana {
    let t = &c.buku.tanggal;
    let awal = || Some("keadaan awal".to_string());
    // A revision date written `-` (none yet) is recorded as the creation
    // date: the record holds dates only.
    let revisi = |r: &Spanned<String>, pembuatan: &Spanned<String>| match tanggal::kosong(&r.value)
    {
        true => pembuatan.value.clone(),
        false => r.value.clone(),
    };
    let riwayat = Riwayat {
        buku: vec![RevisiBuku {
            tanggal: revisi(&t.revisi, &t.pembuatan),
            efektif: t.efektif.value.clone(),
            tahun: c.buku.tahun,
            catatan: awal(),
        }],
        sop: c
            .sops
            .iter()
            .map(|f| {
                let own = &f.sop.tanggal;
                RiwayatSop {
                    berkas: f.nama.clone(),
                    judul: f.sop.judul.value.clone(),
                    revisi: vec![RevisiSop {
                        nomor: f.sop.revisi,
                        tanggal: revisi(
                            own.revisi.as_ref().unwrap_or(&t.revisi),
                            own.pembuatan.as_ref().unwrap_or(&t.pembuatan),
                        ),
                        efektif: own.efektif.as_ref().unwrap_or(&t.efektif).value.clone(),
                        catatan: awal(),
                        sidik: sidik(&f.sop),
                    }],
                    ditarik: None,
                }
            })
            .collect(),
        tersegel: false,
    };
    let baris = c
        .sops
        .iter()
        .map(|f| Baris {
            berkas: f.nama.clone(),
            judul: f.sop.judul.value.clone(),
            lama: None,
            baru: Some(f.sop.revisi),
            perubahan: "dicatat sebagai keadaan awal".into(),
        })
        .collect();
    Rencana {
        baris,
        tidak_berubah: 0,
        riwayat,
    }
}

/// Raises every SOP whose fingerprint changed and records new ones;
/// returns their rows and how many did not change.
fn naikkan(c: &Content, baru: &mut Riwayat, r: &Revisi) -> (Vec<Baris>, usize) {
    let mut baris = Vec::new();
    let mut tidak_berubah = 0;
    let entry = |nomor: u32, f: &SopFile| RevisiSop {
        nomor,
        tanggal: iso(r.tanggal),
        efektif: iso(r.efektif),
        catatan: r.catatan.map(str::to_string),
        sidik: sidik(&f.sop),
    };
    for f in &c.sops {
        let judul = f.sop.judul.value.clone();
        let now = sidik(&f.sop);
        let recorded = baru
            .sop
            .iter_mut()
            .find(|h| h.berkas == f.nama && h.ditarik.is_none());
        match recorded {
            Some(h) => {
                let last = h.terakhir().clone();
                if last.sidik.semua == now.semua {
                    tidak_berubah += 1;
                    continue;
                }
                let nomor = last.nomor + 1;
                baris.push(Baris {
                    berkas: f.nama.clone(),
                    judul: judul.clone(),
                    lama: Some(last.nomor),
                    baru: Some(nomor),
                    perubahan: perubahan(&last.sidik, &now).join("; "),
                });
                h.judul = judul;
                h.revisi.push(entry(nomor, f));
            }
            None => {
                baris.push(Baris {
                    berkas: f.nama.clone(),
                    judul: judul.clone(),
                    lama: None,
                    baru: Some(0),
                    perubahan: "SOP baru".into(),
                });
                baru.sop.push(RiwayatSop {
                    berkas: f.nama.clone(),
                    judul,
                    revisi: vec![entry(0, f)],
                    ditarik: None,
                });
            }
        }
    }
    (baris, tidak_berubah)
}

/// Withdraws the recorded SOPs whose file is gone.
fn tarik_yang_hilang(c: &Content, baru: &mut Riwayat, r: &Revisi) -> Vec<Baris> {
    let mut baris = Vec::new();
    for h in baru.sop.iter_mut().filter(|h| h.ditarik.is_none()) {
        if !c.sops.iter().any(|f| f.nama == h.berkas) {
            baris.push(Baris {
                berkas: h.berkas.clone(),
                judul: h.judul.clone(),
                lama: Some(h.terakhir().nomor),
                baru: None,
                perubahan: "ditarik (berkasnya tidak ada lagi)".into(),
            });
            h.ditarik = Some(iso(r.tanggal));
        }
    }
    baris
}
