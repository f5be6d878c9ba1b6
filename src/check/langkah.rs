//! Per-step checks of one table: a Waktu that reads as a duration, texts
//! that fit a page.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::SopFile;
use crate::content::model::Alur;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::nilai::waktu::{self, Waktu};

/// Texts longer than this (characters) may make a table row taller than a
/// page, which cannot be split.
const PANJANG_SEL: usize = 600;

/// `waktu`: whether the Waktu column holds durations (to read and add).
pub fn periksa(f: &SopFile, alur: &Alur, waktu: bool, d: &mut Diagnostics) {
    for (i, step) in alur.langkah.iter().enumerate() {
        let s = &step.value;
        if let Some(w) = s.waktu.as_ref().filter(|_| waktu) {
            duration(&f.path, i, w, d);
        }
        let texts = [Some(&s.kegiatan), s.output.as_ref(), s.ket.as_ref()];
        let longest = texts.into_iter().flatten().map(|t| t.chars().count()).max();
        if let Some(n) = longest.filter(|n| *n > PANJANG_SEL) {
            d.push(
                Diagnostic::warning(format!(
                    "langkah {}: teksnya sangat panjang ({n} karakter); baris tabel tidak dapat dipotong dan bisa melebihi satu halaman",
                    i + 1
                ))
                .at(place(&f.path, &step.referenced))
                .hint("pecah menjadi beberapa langkah, atau pindahkan rincian ke kolom `ket`"),
            );
        }
    }
}

fn duration(file: &Path, step: usize, w: &Spanned<String>, d: &mut Diagnostics) {
    if let Waktu::TakTerbaca(unit) = waktu::baca(&w.value) {
        let hint = match unit {
            Some(u) => format!("maksud Anda satuan `{u}`? tulis misalnya `30 Menit`, `2 Jam` atau `1 Hari Kerja`"),
            None => "tulis lama waktu seperti `30 Menit`, `2 Jam`, `1-2 Hari Kerja`, atau `Relatif` bila tidak tentu".into(),
        };
        d.push(
            Diagnostic::warning(format!(
                "langkah {}: waktu `{}` tidak dapat dibaca sebagai lama waktu",
                step + 1,
                w.value
            ))
            .at(place(file, &w.referenced))
            .hint(hint),
        );
    }
}
