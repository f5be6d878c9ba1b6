//! Roles: every role of a table performs at least one of its steps.

use crate::content::SopFile;
use crate::content::model::Alur;
use crate::content::yaml::place;
use crate::diag::{Diagnostic, Diagnostics};

pub fn tak_terpakai(f: &SopFile, alur: &Alur, d: &mut Diagnostics) {
    // With no steps at all, that is the message; not each role.
    if alur.langkah.is_empty() {
        return;
    }
    let used: Vec<String> = alur
        .langkah
        .iter()
        .flat_map(|l| l.value.pelaksana.value.items())
        .collect();
    for p in alur.pelaksana.iter().filter(|p| !used.contains(&p.value)) {
        d.push(
            Diagnostic::warning(format!(
                "pelaksana `{}` tidak mengerjakan satu langkah pun",
                p.value
            ))
            .at(place(&f.path, &p.referenced))
            .hint("hapus dari `pelaksana`, atau isikan namanya pada langkah yang ia kerjakan"),
        );
    }
}
