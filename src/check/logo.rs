//! Placeholder logos: the bundled ones stand in until a court has its
//! own, and must never reach a printed booklet unnoticed.

use serde_saphyr::Spanned;

use crate::content::Content;
use crate::content::assets::{Resources, bundled_logo};
use crate::content::model::LOGO_CONTOH;
use crate::content::yaml;
use crate::diag::{Diagnostic, Diagnostics};

/// A warning for every logo that is one of the bundled placeholders:
/// named `contoh`, or a copy of one.
pub fn contoh(c: &Content, r: &Resources) -> Diagnostics {
    let b = &c.buku;
    let s = &b.sampul;
    // What a logo is called, its placeholder, where it is named, what was loaded.
    type Logo<'a> = (
        &'a str,
        &'a str,
        Option<&'a Spanned<String>>,
        Option<&'a [u8]>,
    );
    let logos: [Logo; 3] = [
        (
            "logo pengadilan",
            "logo-pengadilan.png",
            b.pengadilan.logo.as_ref(),
            r.logo_pengadilan.as_deref(),
        ),
        (
            "logo BerAKHLAK",
            "berakhlak.png",
            s.logo_berakhlak.as_ref(),
            r.logo_berakhlak.as_deref(),
        ),
        (
            "logo Bangga Melayani Bangsa",
            "bangga-melayani-bangsa.png",
            s.logo_bangga.as_ref(),
            r.logo_bangga.as_deref(),
        ),
    ];
    let mut d = Diagnostics::default();
    for (what, file, named, bytes) in logos {
        if bytes.is_none() || bytes != bundled_logo(file) {
            continue;
        }
        let Some(n) = named else { continue };
        let at = yaml::place(&c.buku_file, &n.referenced);
        let (message, hint) = if n.value == LOGO_CONTOH {
            (
                format!("{what} `contoh` adalah logo contoh bawaan bukusop, bukan logo resmi"),
                "ganti `contoh` dengan jalur berkas logo resmi di dalam folder konten".to_string(),
            )
        } else {
            (
                format!(
                    "{what} `{}` sama persis dengan logo contoh bawaan bukusop",
                    n.value
                ),
                format!("ganti isi berkas `{}` dengan logo resmi", n.value),
            )
        };
        d.push(Diagnostic::warning(message).at(at).hint(hint));
    }
    d
}
