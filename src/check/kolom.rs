//! The columns after the lanes: each a bundled one or a court's own,
//! each once; every value a step writes has a column that prints it, and
//! Mutu Baku merged over steps covers steps that leave it empty.

use std::collections::BTreeSet;
use std::path::Path;

use serde_saphyr::{Location, Spanned};

use crate::content::model::{JenisWaktu, KOLOM_BAWAAN, Kolom, Langkah};
use crate::content::yaml::place;
use crate::content::{Content, SopFile};
use crate::diag::saran::maksud_anda;
use crate::diag::{Diagnostic, Diagnostics};

/// The booklet's columns (`gaya.kolom`), once.
pub fn buku(c: &Content, d: &mut Diagnostics) {
    if let Some(list) = &c.buku.gaya.kolom {
        daftar(&c.buku_file, list, d);
    }
}

/// The columns of SOP `f`: its own list, and every value its steps write.
pub fn sop(c: &Content, f: &SopFile, d: &mut Diagnostics) {
    if let Some(list) = &f.sop.kolom {
        daftar(&f.path, list, d);
    }
    let list = kolom_sop(c, f);
    // A list with a misspelt name is reported once, not again at every step.
    if list
        .iter()
        .any(|k| matches!(k.as_ref(), Kolom::Bawaan(n) if !KOLOM_BAWAAN.contains(&n.as_str())))
    {
        return;
    }
    let names: BTreeSet<String> = list.iter().map(|k| k.kunci().to_string()).collect();
    isi(f, &names, d);
    let mutu: Vec<&str> = list
        .iter()
        .filter(|k| k.mutu_baku())
        .map(|k| k.kunci())
        .collect();
    gabung(f, &mutu, d);
}

/// Where step `step` writes a value for column `kunci`, if it does: the
/// value itself when it has a place, else the step.
fn tempat_isi<'a>(step: &'a Spanned<Langkah>, kunci: &str) -> Option<&'a Location> {
    let s = &step.value;
    let ada = match kunci {
        "kelengkapan" => s.kelengkapan.is_some(),
        "output" => s.output.is_some(),
        "ket" => s.ket.is_some(),
        "waktu" => return s.waktu.as_ref().map(|w| &w.referenced),
        own => return s.kolom.get(own).map(|v| &v.referenced),
    };
    ada.then_some(&step.referenced)
}

/// Mutu Baku merged over steps (`mutu_baku_sampai`): each range runs
/// from its step to a later one of the same table, ranges do not overlap,
/// and the steps a range covers leave their Mutu Baku cells empty.
fn gabung(f: &SopFile, mutu: &[&str], d: &mut Diagnostics) {
    for alur in f.sop.alur() {
        let n = alur.langkah.len();
        // The range the current step lies in: its first and last step (1-based).
        let mut rentang: Option<(usize, usize)> = None;
        for (i, step) in alur.langkah.iter().enumerate() {
            let no = i + 1;
            let sampai = step.value.mutu_baku_sampai.as_ref();
            if let Some((dari, akhir)) = rentang.filter(|&(_, akhir)| no <= akhir) {
                if let Some(k) = sampai {
                    d.push(
                        Diagnostic::error(format!(
                            "langkah {no}: sudah di dalam Mutu Baku gabungan langkah {dari}–{akhir}"
                        ))
                        .at(place(&f.path, &k.referenced))
                        .hint(format!(
                            "hapus `mutu_baku_sampai` di sini, atau akhiri gabungan langkah {dari} sebelum langkah {no}"
                        )),
                    );
                }
                for kunci in mutu {
                    if let Some(at) = tempat_isi(step, kunci) {
                        d.push(
                            Diagnostic::error(format!(
                                "langkah {no}: `{kunci}` ditulis, padahal sel Mutu Baku langkah ini digabung dengan langkah {dari} (sampai langkah {akhir})"
                            ))
                            .at(place(&f.path, at))
                            .hint(format!("tulis isinya sekali, di langkah {dari}, dan hapus dari sini")),
                        );
                    }
                }
                continue;
            }
            let Some(k) = sampai else { continue };
            let akhir = k.value as usize;
            let at = place(&f.path, &k.referenced);
            if akhir <= no || akhir > n {
                let why = match akhir <= no {
                    true => format!("harus langkah sesudah langkah {no}"),
                    false => format!("tabel ini hanya punya {n} langkah"),
                };
                d.push(
                    Diagnostic::error(format!(
                        "langkah {no}: `mutu_baku_sampai: {akhir}` tidak sah: {why}"
                    ))
                    .at(at)
                    .hint("tulis nomor langkah terakhir yang berbagi sel Mutu Baku dengan langkah ini"),
                );
                continue;
            }
            if mutu.is_empty() {
                d.push(
                    Diagnostic::warning(format!(
                        "langkah {no}: `mutu_baku_sampai` tidak berpengaruh: SOP ini tidak mencetak kolom Mutu Baku"
                    ))
                    .at(at)
                    .hint("hapus `mutu_baku_sampai`, atau cetak kolom kelengkapan, waktu atau output"),
                );
            }
            rentang = Some((no, akhir));
        }
    }
}

/// One list of columns: each known, each once.
fn daftar(file: &Path, list: &[Spanned<Kolom>], d: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for k in list {
        let at = place(file, &k.referenced);
        if let Kolom::Bawaan(n) = &k.value
            && !KOLOM_BAWAAN.contains(&n.as_str())
        {
            let hint = maksud_anda(n, &KOLOM_BAWAAN).unwrap_or_else(|| {
                "kolom bawaan: kelengkapan, waktu, output, ket; kolom sendiri ditulis {judul: …, kunci: …}".into()
            });
            d.push(
                Diagnostic::error(format!("kolom `{n}` tidak dikenal"))
                    .at(at)
                    .hint(hint),
            );
            continue;
        }
        let name = k.value.kunci();
        if !seen.insert(name) {
            d.push(
                Diagnostic::error(format!("kolom `{name}` ditulis dua kali"))
                    .at(at)
                    .hint("setiap kolom dicetak satu kali; hapus salah satunya"),
            );
        }
    }
}

/// Each value a step writes is printed: its column is in the list.
fn isi(f: &SopFile, kolom: &BTreeSet<String>, d: &mut Diagnostics) {
    for alur in f.sop.alur() {
        for (i, step) in alur.langkah.iter().enumerate() {
            let s = &step.value;
            let tak_dicetak = KOLOM_BAWAAN
                .iter()
                .filter(|n| !kolom.contains(**n) && tempat_isi(step, n).is_some());
            for name in tak_dicetak {
                d.push(
                    Diagnostic::warning(format!(
                        "langkah {}: `{name}` ditulis tetapi kolomnya tidak dicetak",
                        i + 1
                    ))
                    .at(place(&f.path, &step.referenced))
                    .hint(format!(
                        "tambahkan `{name}` ke daftar `kolom`, atau hapus isinya"
                    )),
                );
            }
            for (key, v) in &s.kolom {
                if !kolom.contains(key) || KOLOM_BAWAAN.contains(&key.as_str()) {
                    let known: Vec<&str> = kolom
                        .iter()
                        .map(String::as_str)
                        .filter(|k| !KOLOM_BAWAAN.contains(k))
                        .collect();
                    let hint = maksud_anda(key, &known).unwrap_or_else(|| {
                        "nyatakan kolomnya dulu di `gaya.kolom` (buku.yaml) atau `kolom` SOP ini, misalnya `{judul: Dokumen, kunci: dokumen}`".into()
                    });
                    d.push(
                        Diagnostic::error(format!(
                            "langkah {}: kolom `{key}` tidak ada di daftar kolom SOP ini",
                            i + 1
                        ))
                        .at(place(&f.path, &v.referenced))
                        .hint(hint),
                    );
                }
            }
        }
    }
}

/// Whether the Waktu column of SOP `f` holds durations to check and add.
pub fn waktu_dihitung(c: &Content, f: &SopFile) -> bool {
    c.buku.gaya.waktu == JenisWaktu::Lama
        && kolom_sop(c, f)
            .iter()
            .any(|k| **k == Kolom::Bawaan("waktu".into()))
}

/// The columns SOP `f` prints, in order.
pub fn kolom_sop<'a>(c: &'a Content, f: &'a SopFile) -> Vec<std::borrow::Cow<'a, Kolom>> {
    use std::borrow::Cow;
    match (&f.sop.kolom, &c.buku.gaya.kolom) {
        (Some(list), _) | (None, Some(list)) => {
            list.iter().map(|k| Cow::Borrowed(&k.value)).collect()
        }
        (None, None) => KOLOM_BAWAAN
            .iter()
            .map(|n| Cow::Owned(Kolom::Bawaan(n.to_string())))
            .collect(),
    }
}
