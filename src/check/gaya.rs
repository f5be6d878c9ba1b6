//! House-style values that must lie in a range.

use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics};

pub fn periksa(c: &Content, d: &mut Diagnostics) {
    let jam = c.buku.gaya.jam_kerja_sehari;
    if !(1.0..=24.0).contains(&jam) {
        d.push(
            Diagnostic::error(format!(
                "{}: `gaya.jam_kerja_sehari` bernilai {jam}; seharusnya antara 1 dan 24",
                c.buku_file.display()
            ))
            .hint("tulis jam kerja sehari, misalnya 7.5 (37,5 jam seminggu) atau 8"),
        );
    }
}
