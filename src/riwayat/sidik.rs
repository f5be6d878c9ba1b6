//! Fingerprints of an SOP's printed content, as the revision record keeps
//! them: enough to say what changed without keeping the old text.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::content::model::{Langkah, Sop};
use crate::content::riwayat::Sidik;

/// The fingerprint of an SOP's printed content (not its revision number
/// or dates; spacing inside texts does not count).
pub fn sidik(sop: &Sop) -> Sidik {
    let kolom = sidik_kolom(sop);
    let langkah: Vec<String> = sop
        .alur()
        .iter()
        .flat_map(|a| a.langkah)
        .map(|l| sidik_langkah(&l.value))
        .collect();
    let semua = hash(&format!(
        "{}|{}",
        kolom.values().cloned().collect::<Vec<_>>().join(","),
        langkah.join(",")
    ));
    Sidik {
        semua,
        kolom,
        langkah,
    }
}

/// One fingerprint per field of the information block and per table's
/// lanes.
fn sidik_kolom(sop: &Sop) -> BTreeMap<String, String> {
    let mut kolom = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        kolom.insert(k.to_string(), hash(&v));
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
    let tabel: Vec<String> = sop
        .alur()
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
    kolom
}

/// The fingerprint of one step: every cell and where it goes next.
fn sidik_langkah(l: &Langkah) -> String {
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
}

fn list(v: &[String]) -> String {
    v.iter().map(|s| norm(s)).collect::<Vec<_>>().join("\n")
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
