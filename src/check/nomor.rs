//! SOP numbers: the booklet's pattern fills, and no two SOPs share one.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::content::Content;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::nilai::{nomor, tanggal};

/// The numbers given so far, to find one given twice.
#[derive(Default)]
pub struct Nomor {
    seen: HashMap<String, usize>,
}

impl Nomor {
    /// The number of the SOP at `urut` (1-based), revised on `revisi`, in
    /// the booklet year `tahun`. A broken pattern is reported once, at the
    /// first SOP.
    pub fn isi(
        &mut self,
        c: &Content,
        urut: usize,
        revisi: NaiveDate,
        tahun: i32,
        d: &mut Diagnostics,
    ) -> String {
        let b = &c.buku;
        let at = || place(&c.buku_file, &b.nomor.referenced);
        let nilai = nomor::Nilai {
            urut,
            bulan: tanggal::bulan_romawi(revisi),
            tahun,
        };
        let nomor = nomor::isi(&b.nomor.value, &nilai).unwrap_or_else(|msg| {
            if urut == 1 {
                d.push(Diagnostic::error(msg).at(at()));
            }
            String::new()
        });
        if let Some(prev) = self.seen.insert(nomor.clone(), urut)
            && !nomor.is_empty()
        {
            d.push(
                Diagnostic::error(format!(
                    "nomor SOP `{nomor}` dipakai oleh SOP {prev} dan SOP {urut}"
                ))
                .at(at()),
            );
        }
        nomor
    }
}
