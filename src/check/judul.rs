//! Titles: every SOP has one, no two SOPs of a booklet share one, and a
//! `keterkaitan` written as `{sop: JUDUL}` names an SOP of the booklet.

use crate::content::model::Keterkaitan;
use crate::content::yaml::place;
use crate::content::{Content, SopFile};
use crate::diag::saran::maksud_anda;
use crate::diag::{Diagnostic, Diagnostics};

/// Every title as compared: spacing and case do not count.
pub struct Judul(Vec<String>);

impl Judul {
    pub fn new(c: &Content) -> Judul {
        Judul(c.sops.iter().map(|f| norm(&f.sop.judul.value)).collect())
    }

    /// The SOP at `i` (0-based) has a title of its own and names only
    /// SOPs that exist.
    pub fn periksa(&self, c: &Content, i: usize, d: &mut Diagnostics) {
        let f = &c.sops[i];
        let sop = &f.sop;
        if self.0[i].is_empty() {
            d.push(
                Diagnostic::error("judul SOP kosong")
                    .at(place(&f.path, &sop.judul.referenced))
                    .hint(
                        "tulis judul SOP seperti yang dicetak, misalnya `judul: PENGELOLAAN ARSIP`",
                    ),
            );
        } else if let Some(first) = self.0[..i].iter().rposition(|t| *t == self.0[i]) {
            d.push(
                Diagnostic::error(format!(
                    "judul `{}` sudah dipakai oleh {}",
                    sop.judul.value, c.sops[first].nama
                ))
                .at(place(&f.path, &sop.judul.referenced))
                .hint("dua SOP dalam satu buku perlu judul yang berbeda"),
            );
        }
        for k in &sop.keterkaitan {
            // With an SOP file unread, its title is unknown: no guess.
            if let Keterkaitan::Rujukan { sop: target } = &k.value
                && !self.0.contains(&norm(target))
                && c.sop_gagal.is_empty()
            {
                rujukan_hilang(c, f, target, &k.referenced, d);
            }
        }
    }
}

fn rujukan_hilang(
    c: &Content,
    f: &SopFile,
    target: &str,
    at: &serde_saphyr::Location,
    d: &mut Diagnostics,
) {
    let names: Vec<&str> = c.sops.iter().map(|f| f.sop.judul.value.as_str()).collect();
    let hint = maksud_anda(target, &names).unwrap_or_else(|| {
        "tulis judul SOP persis seperti di berkasnya, atau tulis keterkaitan sebagai teks biasa"
            .into()
    });
    d.push(
        Diagnostic::error(format!(
            "keterkaitan menyebut SOP `{target}` yang tidak ada dalam buku ini"
        ))
        .at(place(&f.path, at))
        .hint(hint),
    );
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
