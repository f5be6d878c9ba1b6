//! Settings of `buku.yaml` that must lie in a range, and the PDF's name.

use std::ops::RangeInclusive;

use crate::content::model::Keterkaitan;
use crate::content::{Content, yaml};
use crate::diag::{Diagnostic, Diagnostics, Place};

pub fn periksa(c: &Content, d: &mut Diagnostics) {
    let at = |path: &[&str]| yaml::kunci(&c.buku_file, &c.buku_teks, path);
    let b = &c.buku.bagan;
    let gaya = c.buku.gaya.jam_kerja_sehari;
    let ranges: [(&[&str], f64, RangeInclusive<f64>, &str); 5] = [
        (
            &["gaya", "jam_kerja_sehari"],
            gaya,
            1.0..=24.0,
            "tulis jam kerja sehari, misalnya 7.5 (37,5 jam seminggu) atau 8",
        ),
        (
            &["bagan", "lebar_simbol"],
            b.lebar_simbol,
            4.0..=60.0,
            BAGAN,
        ),
        (
            &["bagan", "tinggi_simbol"],
            b.tinggi_simbol,
            2.0..=40.0,
            BAGAN,
        ),
        (&["bagan", "lebar_lajur"], b.lebar_lajur, 8.0..=80.0, BAGAN),
        (
            &["bagan", "tinggi_baris"],
            b.tinggi_baris,
            4.0..=60.0,
            BAGAN,
        ),
    ];
    for (path, value, range, hint) in ranges {
        // NaN and infinities fall outside every range.
        if !range.contains(&value) {
            d.push(
                Diagnostic::error(format!(
                    "`{}` bernilai {value}; seharusnya antara {} dan {}",
                    path.join("."),
                    range.start(),
                    range.end()
                ))
                .at(at(path).or_else(|| whole(c)))
                .hint(hint),
            );
        }
    }
    let tahun = c.buku.tahun;
    if !crate::nilai::tanggal::TAHUN.contains(&tahun) {
        d.push(
            Diagnostic::error(format!(
                "`tahun` bernilai {tahun}; seharusnya antara 1900 dan 2100"
            ))
            .at(at(&["tahun"]).or_else(|| whole(c)))
            .hint("tulis tahun buku, misalnya 2026"),
        );
    }
    if let Some(name) = &c.buku.berkas
        && let Some(why) = crate::files::bad_file_name(name)
    {
        d.push(
            Diagnostic::error(format!("`berkas` bernilai `{name}`: {why}"))
                .at(at(&["berkas"]).or_else(|| whole(c)))
                .hint("tulis nama berkas saja, tanpa folder dan tanpa .pdf, misalnya `sop-ptip-pn-contoh-2026`; PDF selalu ditulis ke folder `out/`"),
        );
    }
}

/// The most steps one build lays out. Memory grows with the pages (1.0 GB
/// for 300 SOPs of 12 steps, 1.8 GB for 600): 8,000 steps, some 1,400
/// pages, stay well within the 7 GB of a common CI runner; beyond, the
/// build is refused at once instead of running out of memory with nothing
/// written.
pub const LANGKAH_MAKS: usize = 8000;

/// The most SOP pages bukusop lays out in one build, as [`halaman_kira`]
/// estimates them: laid out in parts, a booklet takes about 1.5 MB of
/// memory a page, and a CI runner has 7 GB. Laid out as one document (a
/// court's own `buku.typ.j2` or `sop.typ.j2`) it takes 4 to 8 MB a page:
/// [`HALAMAN_MAKS_UTUH`].
pub const HALAMAN_MAKS: usize = 2000;

/// [`HALAMAN_MAKS`] for a booklet laid out as one document.
pub const HALAMAN_MAKS_UTUH: usize = 1000;

/// Lines of `chars` characters set in a column `wide` characters wide.
fn lines(chars: usize, wide: usize) -> usize {
    chars.div_ceil(wide).max(1)
}

/// About how many pages the booklet takes, from the length of its texts
/// alone, before any layout (a line break in a text counts as a line,
/// U+2028 and U+2029 too; a row is at least `bagan.tinggi_baris`). Each
/// SOP starts a page with its header
/// (45 mm, and 5 mm a line of a title longer than about 60 characters), its
/// information block (3.5 mm a line of about 90 characters, 45 mm at least;
/// a block longer than a page runs on) and column heads (20 mm; again for
/// each sub-procedure, with its title); each step's row is as tall as its
/// longest text, a court's own columns included (3.3 mm a line of about 45
/// characters of Kegiatan or 22 of a narrower column, 9.3 mm at least), and
/// goes to the next page (under the column heads again) when the 191 mm of
/// a page are full; the notes under the tables (Keterangan) follow, 3.5 mm
/// a line of about 150 characters and 1.5 mm between notes. Measured
/// against builds: 300 estimated for 313 pages laid out (300 synthetic
/// SOPs, 2.2 GB), 1,245 for 1,256 (249 SOPs of 1 KB steps, 7.2 GB), 4,800
/// for 4,807 (60 SOPs of 3,000 notes, 3.8 GB), 1,241 for 1,246 (steps with
/// 40-item Kelengkapan lists); a booklet of tens of pages comes out up to
/// half too many. The front matter counts the foreword, the SOPs' titles in
/// the two lists and the revision record's notes.
pub fn halaman_kira(c: &Content) -> usize {
    const HALAMAN: f64 = 191.0;
    const KEPALA_KOLOM: f64 = 20.0;
    // Printed lines of a text set `wide` characters to a line: each of its
    // own lines wraps.
    let baris = |t: &str, wide: usize| -> usize {
        t.split(['\n', '\u{2028}', '\u{2029}'])
            .map(|l| lines(l.chars().count(), wide))
            .sum()
    };
    // The front matter, on portrait pages of about 240 mm, 5 mm a line:
    // the foreword (about 100 characters a line), each SOP's title in the
    // DAFTAR ISI and the DAFTAR NOMOR (about 60), and the notes of the
    // revision record (about 100).
    let foreword: usize = c
        .buku
        .kata_pengantar
        .iter()
        .flat_map(|k| &k.value)
        .map(|p| baris(p, 100))
        .sum();
    let titles: usize = c
        .sops
        .iter()
        .map(|f| 2 * baris(&f.sop.judul.value, 60))
        .sum();
    let notes: usize = c
        .riwayat
        .iter()
        .map(|r| {
            let buku = r.buku.iter().filter_map(|b| b.catatan.as_deref());
            let sop = r
                .sop
                .iter()
                .flat_map(|s| s.revisi.iter().filter_map(|v| v.catatan.as_deref()));
            buku.chain(sop).map(|t| baris(t, 100)).sum::<usize>()
        })
        .sum();
    let mut pages = ((foreword + titles + notes) as f64 * 5.0 / 240.0) as usize;
    for f in &c.sops {
        let s = &f.sop;
        let info: usize = [&s.dasar_hukum, &s.kualifikasi, &s.peralatan, &s.pencatatan]
            .into_iter()
            .flatten()
            .chain(&s.peringatan)
            .map(|t| baris(t, 90))
            .chain(s.keterkaitan.iter().map(|k| match &k.value {
                Keterkaitan::Teks(t) => baris(t, 90),
                Keterkaitan::Rujukan { sop } => baris(sop, 90),
            }))
            .sum();
        let head = 45.0 + baris(&s.judul.value, 60) as f64 * 5.0;
        pages += 1;
        let mut filled = head + (info as f64 * 3.5).max(45.0);
        // The information block runs on over as many pages as it needs.
        while filled > HALAMAN {
            pages += 1;
            filled -= HALAMAN;
        }
        for a in s.alur() {
            // A sub-procedure's title: 4 mm a line of about 150 characters.
            let title = a.judul.map_or(0.0, |t| 4.0 + baris(t, 150) as f64 * 4.0);
            filled += KEPALA_KOLOM + title;
            while filled > HALAMAN {
                pages += 1;
                filled -= HALAMAN;
            }
            for step in a.langkah {
                let l = &step.value;
                let narrow = [l.output.as_ref(), l.ket.as_ref()]
                    .into_iter()
                    .flatten()
                    .chain(l.waktu.as_ref().map(|w| &w.value))
                    .chain(l.kolom.values().map(|v| &v.value))
                    .map(|t| baris(t, 22))
                    // A list prints an item a line.
                    .chain(
                        l.kelengkapan
                            .iter()
                            .map(|k| k.items().iter().map(|i| baris(i, 22)).sum()),
                    )
                    .max()
                    .unwrap_or(1);
                let rows = baris(&l.kegiatan, 45).max(narrow);
                let row = (rows as f64 * 3.3 + 2.4)
                    .max(9.3)
                    .max(c.buku.bagan.tinggi_baris + 2.4);
                if filled + row > HALAMAN {
                    pages += 1;
                    filled = KEPALA_KOLOM;
                }
                filled += row;
            }
        }
        // The notes under the last table run on over the pages they need.
        let notes: f64 = s
            .keterangan
            .iter()
            .flat_map(|k| k.items())
            .map(|t| baris(&t, 150) as f64 * 3.5 + 1.5)
            .sum();
        filled += notes;
        while filled > HALAMAN {
            pages += 1;
            filled -= HALAMAN;
        }
    }
    pages
}

/// A booklet too large to lay out in one build.
pub fn skala(c: &Content, d: &mut Diagnostics) {
    let pages = halaman_kira(c);
    if pages > HALAMAN_MAKS {
        d.push(
            Diagnostic::error(format!(
                "buku ini diperkirakan {pages} halaman; bukusop menyusun paling banyak {HALAMAN_MAKS} halaman sekaligus (sekitar 1,5 MB memori per halaman)"
            ))
            .hint("pecah menjadi beberapa buku (satu folder konten per unit), atau persingkat teks yang sangat panjang (langkah, informasi, keterangan)"),
        );
        return;
    }
    let steps: usize = c
        .sops
        .iter()
        .flat_map(|f| f.sop.alur())
        .map(|a| a.langkah.len())
        .sum();
    if steps > LANGKAH_MAKS {
        d.push(
            Diagnostic::error(format!(
                "buku ini berisi {steps} langkah dalam {} SOP; bukusop menyusun paling banyak {LANGKAH_MAKS} langkah sekaligus agar memori cukup",
                c.sops.len()
            ))
            .hint("pecah menjadi beberapa buku (satu folder konten per unit), atau bangun sebagian SOP di folder terpisah"),
        );
    }
}

const BAGAN: &str =
    "ukuran bagan ditulis dalam milimeter; hapus baris ini untuk memakai nilai bawaan";

/// The file itself, when the key's line cannot be found.
fn whole(c: &Content) -> Option<Place> {
    Some(Place {
        file: c.buku_file.clone(),
        line: 1,
        column: 1,
    })
}
