//! The front matter's parts: each at most once, each with what it prints.

use crate::content::Content;
use crate::content::model::{Bagian, Buku};
use crate::content::riwayat::BERKAS;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};

/// The parts in printed order, as written or the default.
pub fn periksa(c: &Content, d: &mut Diagnostics) -> Vec<Bagian> {
    let b = &c.buku;
    let bf = &c.buku_file;
    let dicetak = match &b.bagian {
        Some(list) => list.iter().any(|p| p.value == Bagian::KataPengantar),
        None => Bagian::BAWAAN.contains(&Bagian::KataPengantar),
    };
    if let Some(k) = &b.kata_pengantar
        && !dicetak
    {
        d.push(
            Diagnostic::warning("`kata_pengantar` ditulis tetapi tidak dicetak")
                .at(place(bf, &k.referenced))
                .hint("tambahkan `kata_pengantar` ke daftar `bagian`, misalnya `bagian: [sampul, sampul_dalam, pengesahan, kata_pengantar, daftar_isi, daftar_nomor]`"),
        );
    }
    let Some(list) = &b.bagian else {
        return Bagian::BAWAAN.to_vec();
    };
    let mut out = Vec::new();
    for p in list {
        let at = place(bf, &p.referenced);
        if out.contains(&p.value) {
            d.push(
                Diagnostic::error(format!("bagian `{}` ditulis dua kali", p.value.nama()))
                    .at(at)
                    .hint("setiap bagian depan dicetak satu kali; hapus salah satunya"),
            );
            continue;
        }
        match p.value {
            Bagian::KataPengantar if kata_pengantar(b).is_empty() => d.push(
                Diagnostic::error("bagian `kata_pengantar` diminta, tetapi teksnya belum ada")
                    .at(at)
                    .hint("tulis paragrafnya di bawah `kata_pengantar:` di buku.yaml, satu butir per paragraf"),
            ),
            // A record that is there but could not be read has its own
            // error.
            Bagian::Riwayat if c.riwayat.is_none() && !c.root.join(BERKAS).exists() => d.push(
                Diagnostic::warning(format!("bagian `riwayat` masih kosong: belum ada `{BERKAS}`"))
                    .at(at)
                    .hint("jalankan `bukusop revisi` untuk mencatat revisi pertama"),
            ),
            _ => {}
        }
        out.push(p.value);
    }
    out
}

/// The Kata Pengantar's paragraphs; none when it is not written.
pub fn kata_pengantar(b: &Buku) -> &[String] {
    b.kata_pengantar.as_ref().map_or(&[], |k| &k.value)
}
