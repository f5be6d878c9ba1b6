//! The columns after the lanes: each a bundled one or a court's own,
//! each once; every value a step writes has a column that prints it.

use std::collections::BTreeSet;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::model::{JenisWaktu, KOLOM_BAWAAN, Kolom};
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
    let names: BTreeSet<String> = kolom_sop(c, f)
        .iter()
        .map(|k| k.kunci().to_string())
        .collect();
    isi(f, &names, d);
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
            let bawaan = [
                ("kelengkapan", s.kelengkapan.is_some()),
                ("waktu", s.waktu.is_some()),
                ("output", s.output.is_some()),
                ("ket", s.ket.is_some()),
            ];
            for (name, _) in bawaan.iter().filter(|(n, ada)| *ada && !kolom.contains(*n)) {
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
