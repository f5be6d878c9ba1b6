//! `bukusop check`: everything a build would use, checked without
//! typesetting, and the checks a careful reader of the booklet would make
//! (dates out of order, two SOPs with one title, a Waktu nobody can read, a
//! role nobody uses, a reference to an SOP that is not there).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::assets::{self, Templates};
use crate::build;
use crate::content::{self, Content};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Keterkaitan, Langkah, Sop};
use crate::riwayat::{self, Riwayat};
use crate::view::{self, Breaks};
use crate::waktu::{self, Waktu};
use crate::{tanggal, yaml};

/// Texts longer than this (characters) may make a table row taller than a
/// page, which cannot be split.
const PANJANG_SEL: usize = 600;

/// Every problem of the content folder `root`, errors and warnings.
pub fn check(root: &Path) -> Diagnostics {
    inspect(root).0
}

/// What checking read and prepared, for a build to use as it is.
pub struct Loaded {
    pub content: Content,
    pub templates: Templates,
    /// The files Typst may read (see [`build::support_files`]).
    pub files: HashMap<String, Vec<u8>>,
    /// Bundled fonts and the content folder's own.
    pub fonts: Vec<Vec<u8>>,
}

/// Checks the content folder `root`; with no error, also hands over
/// everything it loaded, so a build reads and decodes each file once.
pub fn inspect(root: &Path) -> (Diagnostics, Option<Loaded>) {
    let content = match content::load(root) {
        Ok(c) => c,
        Err(d) => return (d, None),
    };
    let mut d = Diagnostics::default();
    let templates = Templates::load(root).map_err(|e| d.extend(e)).ok();
    let files = templates.as_ref().and_then(|t| {
        build::support_files(&content, t)
            .map_err(|e| d.extend(e))
            .ok()
    });
    let own = assets::own_fonts(root);
    d.extend(fonts(&own));
    d.extend(content_checks(&content));
    match view::resolve(&content, &Breaks::new()) {
        Ok((_, warnings)) => d.extend(warnings),
        Err(e) => d.extend(e),
    }
    let loaded = match (templates, files) {
        (Some(templates), Some(files)) if !d.has_errors() => Some(Loaded {
            content,
            templates,
            files,
            fonts: assets::fonts(own),
        }),
        _ => None,
    };
    (d, loaded)
}

/// The checks that need the whole content but not its layout.
pub fn content_checks<'a>(c: &'a Content) -> Diagnostics {
    let mut d = Diagnostics::default();
    let bf = &c.buku_file;
    let t = &c.buku.tanggal;
    dates_in_order(
        bf,
        [
            ("pembuatan", bf.as_path(), &t.pembuatan),
            ("revisi", bf.as_path(), &t.revisi),
            ("efektif", bf.as_path(), &t.efektif),
        ],
        &mut d,
    );
    let mut titles: HashMap<String, &Path> = HashMap::new();
    let all_titles: Vec<String> = c.sops.iter().map(|(_, s)| norm(&s.judul.value)).collect();
    for (file, sop) in &c.sops {
        // An SOP's own dates fall back to the booklet's one by one; the
        // booklet's own order is reported once, above.
        let own = &sop.tanggal;
        if own.pembuatan.is_some() || own.revisi.is_some() || own.efektif.is_some() {
            let pick = |o: &'a Option<Spanned<String>>, b: &'a Spanned<String>| match o {
                Some(v) => (file.as_path(), v),
                None => (bf.as_path(), b),
            };
            let (f1, v1) = pick(&own.pembuatan, &t.pembuatan);
            let (f2, v2) = pick(&own.revisi, &t.revisi);
            let (f3, v3) = pick(&own.efektif, &t.efektif);
            dates_in_order(
                file,
                [
                    ("pembuatan", f1, v1),
                    ("revisi", f2, v2),
                    ("efektif", f3, v3),
                ],
                &mut d,
            );
        }
        if let Some(r) = &c.riwayat {
            unrecorded(r, file, sop, &mut d);
        }
        let key = norm(&sop.judul.value);
        if let Some(first) = titles.insert(key, file) {
            d.push(
                Diagnostic::error(format!(
                    "judul `{}` sudah dipakai oleh {}",
                    sop.judul.value,
                    riwayat::file_name(first)
                ))
                .at(yaml::place(file, &sop.judul.referenced))
                .hint("dua SOP dalam satu buku perlu judul yang berbeda"),
            );
        }
        for k in &sop.keterkaitan {
            if let Keterkaitan::Rujukan { sop: target } = &k.value
                && !all_titles.contains(&norm(target))
            {
                let names: Vec<&str> = c.sops.iter().map(|(_, s)| s.judul.value.as_str()).collect();
                let hint = yaml::closest(target, &names)
                    .map(|s| format!("maksud Anda `{s}`?"))
                    .unwrap_or_else(|| "tulis judul SOP persis seperti di berkasnya, atau tulis keterkaitan sebagai teks biasa".into());
                d.push(
                    Diagnostic::error(format!(
                        "keterkaitan menyebut SOP `{target}` yang tidak ada dalam buku ini"
                    ))
                    .at(yaml::place(file, &k.referenced))
                    .hint(hint),
                );
            }
        }
        for alur in sop.alur() {
            let used: Vec<String> = alur
                .langkah
                .iter()
                .flat_map(|l| l.value.pelaksana.value.items())
                .collect();
            for p in alur.pelaksana {
                // With no steps at all, that is the message; not each role.
                if !alur.langkah.is_empty() && !used.contains(&p.value) {
                    d.push(
                        Diagnostic::warning(format!(
                            "pelaksana `{}` tidak mengerjakan satu langkah pun",
                            p.value
                        ))
                        .at(yaml::place(file, &p.referenced))
                        .hint(
                            "hapus dari `pelaksana`, atau isikan namanya pada langkah yang ia kerjakan",
                        ),
                    );
                }
            }
            steps(file, alur.langkah, &mut d);
        }
    }
    d
}

/// Per-step checks of one table: readable Waktu, texts that fit a page.
fn steps(file: &Path, langkah: &[Spanned<Langkah>], d: &mut Diagnostics) {
    for (i, step) in langkah.iter().enumerate() {
        let s = &step.value;
        if let Some(w) = &s.waktu {
            duration(file, i, w, d);
        }
        let texts = [Some(&s.kegiatan), s.output.as_ref(), s.ket.as_ref()];
        let longest = texts.into_iter().flatten().map(|t| t.chars().count()).max();
        if let Some(n) = longest.filter(|n| *n > PANJANG_SEL) {
            d.push(
                Diagnostic::warning(format!(
                    "langkah {}: teksnya sangat panjang ({n} karakter); baris tabel tidak dapat dipotong dan bisa melebihi satu halaman",
                    i + 1
                ))
                .at(yaml::place(file, &step.referenced))
                .hint("pecah menjadi beberapa langkah, atau pindahkan rincian ke kolom `ket`"),
            );
        }
    }
}

/// pembuatan ≤ revisi ≤ efektif, each date with the file it is written
/// in; the message points at the later date, or at the one written in
/// `own` (the file being checked). Unreadable dates are the view's.
fn dates_in_order(own: &Path, dates: [(&str, &Path, &Spanned<String>); 3], d: &mut Diagnostics) {
    for pair in dates.windows(2) {
        let [(a_name, a_file, a), (b_name, b_file, b)] = pair else {
            continue;
        };
        if let (Some(x), Some(y)) = (tanggal::parse(&a.value), tanggal::parse(&b.value))
            && y < x
        {
            let (file, at) = if *b_file != own && *a_file == own {
                (a_file, a)
            } else {
                (b_file, b)
            };
            d.push(
                Diagnostic::error(format!(
                    "tanggal {b_name} ({}) lebih awal dari tanggal {a_name} ({})",
                    b.value, a.value
                ))
                .at(yaml::place(file, &at.referenced))
                .hint("urutannya: pembuatan, lalu revisi, lalu efektif"),
            );
        }
    }
}

/// An SOP that changed since its last recorded revision, or is not
/// recorded at all: `bukusop revisi` will raise it.
fn unrecorded(r: &Riwayat, file: &Path, sop: &Sop, d: &mut Diagnostics) {
    let at = yaml::place(file, &sop.judul.referenced);
    let hint = "nomor revisinya dinaikkan saat `bukusop revisi` dijalankan";
    match r
        .sop(&riwayat::file_name(file))
        .filter(|h| h.ditarik.is_none())
    {
        Some(h) => {
            let changes = riwayat::beda(&h.terakhir().sidik, &riwayat::sidik(sop));
            if !changes.is_empty() {
                d.push(
                    Diagnostic::warning(format!(
                        "SOP ini berubah sejak revisi terakhir ({})",
                        changes.join("; ")
                    ))
                    .at(at)
                    .hint(hint),
                );
            }
        }
        None => d.push(
            Diagnostic::warning("SOP baru, belum tercatat di riwayat revisi")
                .at(at)
                .hint(hint),
        ),
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
            .at(yaml::place(file, &w.referenced))
            .hint(hint),
        );
    }
}

/// Font files of the content folder's `fonts/` that Typst cannot use.
fn fonts(own: &[(PathBuf, std::io::Result<Vec<u8>>)]) -> Diagnostics {
    let mut d = Diagnostics::default();
    for (path, bytes) in own {
        let problem = match bytes {
            Err(e) => Some(content::io_reason(e)),
            Ok(b) => (typst::text::Font::iter(typst::foundations::Bytes::new(b.clone()))
                .next()
                .is_none())
            .then(|| "isinya bukan fon TrueType/OpenType yang dapat dibaca".to_string()),
        };
        if let Some(why) = problem {
            d.push(
                Diagnostic::error(format!("fon `{}` tidak dapat dipakai: {why}", path.display()))
                    .hint("hapus berkas itu dari folder `fonts/`, atau ganti dengan berkas .ttf/.otf yang utuh"),
            );
        }
    }
    d
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
