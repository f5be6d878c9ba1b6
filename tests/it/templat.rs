//! A court's own template parts: a file in the content folder's
//! `templates/` replaces the bundled part of the same name, and only that
//! part.

use crate::common::*;

/// A copy of the content folder `from` with its own template part `name`.
fn with_part(from: &str, name: &str, text: &str) -> tempfile::TempDir {
    let dir = copy_content(&root().join(from));
    let own = dir.path().join("templates");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join(name), text).unwrap();
    dir
}

/// The bundled text of a template part.
fn bundled(name: &str) -> String {
    std::fs::read_to_string(root().join("templates").join(name)).unwrap()
}

#[test]
fn a_court_replaces_only_the_identity_header() {
    // The bundled header with one change: words of the court's own at the
    // start of the title band's first line.
    let header = bundled("kepala_tabel.typ.j2").replace(
        "table.cell(colspan: 4, inset: 1.5mm, judul-sop(sop.judul)),",
        "table.cell(colspan: 4, inset: 1.5mm)[#text(size: 9pt)[KEPALA KHUSUS PENGADILAN] #judul-sop(sop.judul)],",
    );
    assert!(
        header.contains("KEPALA KHUSUS"),
        "the bundled header changed"
    );
    let dir = with_part("content", "kepala_tabel.typ.j2", &header);

    let out = build(dir.path());
    let pdf = &out.pdf;
    let default = default_pdf();
    let pages = page_count(default);
    assert_eq!(page_count(pdf), pages, "the words fit the title band");
    // Front matter as before; every SOP's first page carries the new line
    // and still its number and information block.
    for page in 1..=5 {
        assert_eq!(pdf_text(pdf, Some(page)), pdf_text(default, Some(page)));
    }
    let text = pdf_text(pdf, None);
    let sops = std::fs::read_dir(root().join("content/sop"))
        .unwrap()
        .count();
    assert_eq!(text.matches("KEPALA KHUSUS PENGADILAN").count(), sops);
    let first = squash(&pdf_text(pdf, Some(6)));
    assert_contains_all(
        &first,
        &[
            "KEPALA KHUSUS PENGADILAN",
            "1/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024",
            "Dasar Hukum :",
            "Mutu Baku",
        ],
        "the first SOP page",
    );
}

#[test]
fn a_court_replaces_one_front_matter_part() {
    let dir = with_part(
        "tests/rusak/dasar",
        "sampul.typ.j2",
        "#page[#align(center)[SAMPUL SENDIRI {{ pengadilan.nama }} {{ tahun }}]]\n",
    );
    let plain = build(&root().join("tests/rusak/dasar"));
    let out = build(dir.path());
    let cover = squash(&pdf_text(&out.pdf, Some(1)));
    assert!(cover.starts_with("SAMPUL SENDIRI"), "{cover}");
    // The other pages are the bundled ones.
    let n = page_count(&plain.pdf);
    assert_eq!(page_count(&out.pdf), n);
    for page in 2..=n {
        assert_eq!(
            pdf_text(&out.pdf, Some(page)),
            pdf_text(&plain.pdf, Some(page)),
            "page {page}"
        );
    }
}

#[test]
fn a_broken_part_is_reported_with_its_name_and_line() {
    let dir = with_part(
        "tests/rusak/dasar",
        "informasi.typ.j2",
        "{# a court's block #}\n{{ s.tidak_ada }}\n",
    );
    let Err(d) = bukusop::build::build(dir.path()) else {
        panic!("a template that prints a missing value builds");
    };
    let text = d.to_string();
    assert!(
        text.starts_with("informasi.typ.j2:2:1: galat: templat gagal: undefined value"),
        "{text}"
    );
}
