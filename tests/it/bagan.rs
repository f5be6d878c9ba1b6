//! The flowchart engine end to end: the hard flows of `tests/alur/`, the
//! branching examples from seed 001, and reference images of selected pages.
//!
//! Regenerate the reference images after an intended change of the drawing:
//!
//!     UPDATE_REFERENCES=1 cargo test --release --test it bagan::
//!
//! then look at every changed file under `tests/referensi/` before
//! committing it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::{build, copy_content, pdf_text, root, squash};

fn alur() -> &'static bukusop::build::Output {
    static OUT: OnceLock<bukusop::build::Output> = OnceLock::new();
    OUT.get_or_init(|| build(&root().join("tests/alur")))
}

/// Single capital letters on a page: the letters of off-page connectors
/// (continuation pages carry no other one-letter words).
fn connector_letters(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .filter(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        .map(String::from)
        .collect()
}

/// The physical pages on which each step number of a long SOP stands.
fn page_of_step(pdf: &[u8], pages: std::ops::RangeInclusive<usize>, step: usize) -> usize {
    let needle = format!("Kegiatan nomor {step} dari");
    pages
        .into_iter()
        .find(|p| squash(&pdf_text(pdf, Some(*p))).contains(&needle))
        .unwrap_or_else(|| panic!("step {step} is on no page"))
}

#[test]
fn connector_pairs_cross_page_breaks_both_ways() {
    let out = alur();
    // SOP 3 (40 steps) runs from page 8 to page 10.
    assert!(squash(&pdf_text(&out.pdf, Some(8))).contains("ALUR EMPAT PULUH LANGKAH"));
    let mut pages_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for p in 8..=11 {
        for l in connector_letters(&pdf_text(&out.pdf, Some(p))) {
            pages_of.entry(l).or_default().push(p);
        }
    }
    // Letters run A, B, C … without gaps.
    let letters: Vec<&String> = pages_of.keys().collect();
    let expected: Vec<String> = (0..letters.len())
        .map(|i| ((b'A' + i as u8) as char).to_string())
        .collect();
    assert_eq!(letters, expected.iter().collect::<Vec<_>>(), "{pages_of:?}");
    assert!(letters.len() >= 3, "{pages_of:?}");
    // Each letter leaves from one page or more and arrives on another:
    // arrows cut to the same step share its letter.
    for (l, pages) in &pages_of {
        assert!(pages.len() >= 2, "connector {l} on pages {pages:?}");
    }
    // "A" is the loop from step 30 back to step 3, the first pentagon in
    // reading order, on the pages of both steps.
    let p3 = page_of_step(&out.pdf, 8..=11, 3);
    let p30 = page_of_step(&out.pdf, 8..=11, 30);
    assert!(p30 > p3);
    assert_eq!(pages_of["A"], vec![p3, p30]);
    // The skip from step 8 to step 27 crosses forward and shares its
    // letter with the arrow from step 26, cut by the page break above 27.
    let p8 = page_of_step(&out.pdf, 8..=11, 8);
    let p26 = page_of_step(&out.pdf, 8..=11, 26);
    let p27 = page_of_step(&out.pdf, 8..=11, 27);
    assert!(p26 < p27, "a break falls between steps 26 and 27");
    assert!(
        pages_of.values().any(|v| *v == vec![p8, p26, p27]),
        "no letter joins pages {p8}, {p26} and {p27}: {pages_of:?}"
    );
}

#[test]
fn branch_labels_are_printed_once_each() {
    let text = squash(&pdf_text(&alur().pdf, Some(7)));
    assert!(text.contains("ALUR BERCABANG"), "{text}");
    for label in ["Lengkap", "Belum lengkap", "Ulang"] {
        assert_eq!(text.matches(label).count(), 1, "{label} in {text}");
    }
    // Three decisions keep the default "Ya"; two keep "Tidak".
    let words: Vec<&str> = text.split(' ').collect();
    assert_eq!(words.iter().filter(|w| **w == "Ya").count(), 3, "{text}");
    assert_eq!(words.iter().filter(|w| **w == "Tidak").count(), 2, "{text}");
}

#[test]
fn same_build_twice_draws_the_same_connectors() {
    let again = build(&root().join("tests/alur"));
    assert_eq!(again.pdf, alur().pdf);
}

/// Pages of `tests/alur` kept as reference images: straight flow over six
/// lanes with shared steps; loops, skips and an early end; a long SOP's
/// first page (a loop arriving from a later page, connectors leaving) and
/// third page (the loop leaving backwards, a skip arriving).
const REFERENCES: [(usize, &str); 4] = [
    (6, "enam-peran"),
    (7, "bercabang"),
    (8, "panjang-1"),
    (10, "panjang-3"),
];
const PPI: f64 = 60.0;

#[test]
fn flowcharts_match_reference_images() {
    let out = alur();
    let update = std::env::var_os("UPDATE_REFERENCES").is_some();
    let dir = root().join("tests/referensi");
    let mut failures = Vec::new();
    for (page, name) in REFERENCES {
        let png = out.png(page, PPI).expect("page exists");
        let file = dir.join(format!("{name}.png"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &png).unwrap();
            continue;
        }
        let expected = image::load_from_memory(
            &std::fs::read(&file)
                .unwrap_or_else(|_| panic!("{} missing: see tests/bagan.rs", file.display())),
        )
        .unwrap()
        .to_rgb8();
        let actual = image::load_from_memory(&png).unwrap().to_rgb8();
        let differing = if expected.dimensions() != actual.dimensions() {
            usize::MAX
        } else {
            expected
                .pixels()
                .zip(actual.pixels())
                .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 64))
                .count()
        };
        // Anti-aliasing may differ on a few edge pixels between machines; a
        // moved label or arrow changes dozens.
        if differing > 8 {
            let actual_file = actual_path(name);
            std::fs::write(&actual_file, &png).unwrap();
            failures.push(format!(
                "page {page} ({name}): {differing} pixels differ; see {}",
                actual_file.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn actual_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("bukusop-referensi");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.actual.png"))
}

#[test]
fn a_long_information_block_continues_with_its_label() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let items: String = (1..=80)
        .map(|i| format!("  - Peraturan Nomor {i} Tahun 2020 tentang Hal Yang Diatur Nomor {i}\n"))
        .collect();
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "langkah:",
        &format!("dasar_hukum:\n{items}langkah:"),
    );
    let out = build(d.path());
    // Every item printed, over two pages, the label on both.
    let first = squash(&pdf_text(&out.pdf, Some(6)));
    let next = squash(&pdf_text(&out.pdf, Some(7)));
    for i in [1, 80] {
        let item = format!("Peraturan Nomor {i} Tahun 2020");
        assert!(first.contains(&item) || next.contains(&item), "{item}");
    }
    assert!(!first.contains("Peraturan Nomor 80 Tahun"), "{first}");
    assert!(first.contains("CONTOH YANG BENAR Dasar Hukum :"), "{first}");
    assert!(next.starts_with("Dasar Hukum :"), "{next}");
    assert_eq!(
        out.audit.jumlah(bukusop::audit::Cacat::Terpotong),
        0,
        "{}",
        out.audit
    );
}
