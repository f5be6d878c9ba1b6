//! SOP numbers: an SOP's own, or the booklet's pattern filled; no two
//! SOPs share one.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::content::yaml::place;
use crate::content::{Content, SopFile};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::nilai::{nomor, tanggal};

/// The numbers given so far, to find one given twice.
#[derive(Default)]
pub struct Nomor {
    seen: HashMap<String, usize>,
    /// Whether the broken or missing pattern has been reported.
    pola_dilaporkan: bool,
}

impl Nomor {
    /// The number of the SOP `f` at `urut` (1-based), revised on `revisi`,
    /// in the booklet year `tahun`. A broken pattern is reported once.
    pub fn isi(
        &mut self,
        c: &Content,
        (urut, f): (usize, &SopFile),
        revisi: NaiveDate,
        tahun: i32,
        d: &mut Diagnostics,
    ) -> String {
        let nilai = nomor::Nilai {
            urut,
            bulan: tanggal::bulan_romawi(revisi),
            tahun,
        };
        let (nomor, at) = match (&f.sop.nomor, &c.buku.nomor) {
            (Some(own), _) => {
                let at = place(&f.path, &own.referenced);
                let n = nomor::isi(&own.value, &nilai).unwrap_or_else(|msg| {
                    d.push(Diagnostic::error(msg).at(at.clone()));
                    String::new()
                });
                (n, at)
            }
            (None, Some(pola)) => {
                let at = place(&c.buku_file, &pola.referenced);
                // A pattern without {urut} numbers only SOPs with their own
                // number: each one without is reported, not the pattern.
                let n = nomor::isi(&pola.value, &nilai);
                if n.is_ok() && !pola.value.contains("{urut}") {
                    d.push(
                        Diagnostic::error("SOP ini belum bernomor: pola `nomor` di buku.yaml tanpa `{urut}`, jadi setiap SOP menulis nomornya sendiri")
                            .at(place(&f.path, &f.sop.judul.referenced))
                            .hint("tulis `nomor:` di berkas SOP ini, atau tambahkan `{urut}` ke pola `nomor` di buku.yaml"),
                    );
                    return String::new();
                }
                let n = n.unwrap_or_else(|msg| {
                    self.sekali(d, || Diagnostic::error(msg).at(at.clone()));
                    String::new()
                });
                (n, at)
            }
            (None, None) => {
                d.push(
                    Diagnostic::error("SOP ini belum bernomor")
                        .at(place(&f.path, &f.sop.judul.referenced))
                        .hint("tulis `nomor:` di berkas SOP ini, atau pola `nomor:` untuk semua SOP di buku.yaml, misalnya `nomor: \"{urut}/SOP/{tahun}\"`"),
                );
                return String::new();
            }
        };
        self.ganda(&nomor, urut, at, d);
        nomor
    }

    fn sekali(&mut self, d: &mut Diagnostics, diag: impl FnOnce() -> Diagnostic) {
        if !self.pola_dilaporkan {
            self.pola_dilaporkan = true;
            d.push(diag());
        }
    }

    fn ganda(&mut self, nomor: &str, urut: usize, at: Option<Place>, d: &mut Diagnostics) {
        if nomor.is_empty() {
            return;
        }
        if let Some(prev) = self.seen.insert(nomor.to_string(), urut) {
            d.push(
                Diagnostic::error(format!(
                    "nomor SOP `{nomor}` dipakai oleh SOP {prev} dan SOP {urut}"
                ))
                .at(at)
                .hint("setiap SOP bernomor unik; ubah `nomor` salah satunya"),
            );
        }
    }
}

/// Two SOP files whose names start with the same number (`2-a.yaml` and
/// `02-b.yaml`): their order, and so their numbers, rest on the rest of
/// their names, which is seldom what was meant.
pub fn berkas_ganda(c: &Content, d: &mut Diagnostics) {
    let number = |name: &str| {
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then(|| digits.trim_start_matches('0').to_string())
    };
    for pair in c.sops.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if let Some(n) = number(&b.nama).filter(|n| number(&a.nama).as_ref() == Some(n)) {
            let n = if n.is_empty() { "0".into() } else { n };
            d.push(
                Diagnostic::warning(format!(
                    "berkas SOP `{}` dan `{}` sama-sama bernomor {n}; urutannya menurut sisa namanya",
                    a.nama, b.nama
                ))
                .at(Some(Place {
                    file: b.path.clone(),
                    line: 1,
                    column: 1,
                }))
                .hint("beri setiap berkas SOP nomor urut sendiri di awal namanya"),
            );
        }
    }
}
