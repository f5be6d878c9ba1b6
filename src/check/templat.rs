//! A court's own template parts: each replaces a bundled part of the same
//! name; a file whose name matches none would be ignored without a word.

use crate::content::assets::{BUNDLED, Templates};
use crate::diag::saran::maksud_anda;
use crate::diag::{Diagnostic, Diagnostics, Place};

/// A warning for every own part that replaces nothing.
pub fn tak_dikenal(t: &Templates) -> Diagnostics {
    let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
    let mut d = Diagnostics::default();
    for (name, path) in t.own().filter(|(n, _)| !names.contains(n)) {
        let hint = maksud_anda(name, &names).unwrap_or_else(|| {
            "nama bagian templat: lihat `bukusop templat daftar`; salin satu dengan `bukusop templat salin NAMA`".into()
        });
        d.push(
            Diagnostic::warning(format!(
                "templat `{name}` tidak menggantikan bagian mana pun, jadi tidak dipakai"
            ))
            .at(Some(Place {
                file: path.to_path_buf(),
                line: 1,
                column: 1,
            }))
            .hint(hint),
        );
    }
    d
}
