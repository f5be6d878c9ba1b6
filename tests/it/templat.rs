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

/// The page plan guessed before any layout takes every SOP's header to be
/// as tall as the first one's. A court's header taller for three SOPs
/// makes that guess wrong, and the plan made from the first layout finds
/// it out: SOP 11, broken over two pages, breaks elsewhere and is laid
/// out again under the right plan; SOP 2, guessed to fit its page, needs
/// two, and gets its connectors; SOP 3, guessed to save a page set
/// tighter, saves none, so it is measured as laid out naturally and
/// printed so (set tighter only where that saves a page). 15 SOPs, 19
/// layouts; every arrow drawn, no page left loose.
#[test]
fn a_header_taller_than_guessed_is_laid_out_again_under_the_right_plan() {
    let header = bundled("kepala_tabel.typ.j2").replace(
        "table.cell(colspan: 4, inset: 1.5mm, judul-sop(sop.judul)),",
        "table.cell(colspan: 4, inset: 1.5mm)[#if (\"[2/KPN\", \"[3/KPN\", \"[11/KPN\").any(n => repr(sop.nomor).contains(n)) { v(30mm) } #judul-sop(sop.judul)],",
    );
    assert!(header.contains("v(30mm)"), "the bundled header changed");
    let dir = with_part("content", "kepala_tabel.typ.j2", &header);
    let out = build(dir.path());
    let defects: Vec<_> = (out.audit.hitungan().into_iter())
        .filter(|(_, n)| *n > 0)
        .collect();
    assert!(defects.is_empty(), "{defects:?}\n{}", out.audit);
    let default = build(&root().join("content"));
    assert_eq!(
        out.pages,
        default.pages + 2,
        "SOPs 2 and 3 take a page more"
    );
    assert_eq!(out.timings.sop_ditata, 19);
    // SOP 3 (pages 9 and 10) set naturally keeps 2 rows on its first
    // page; set tighter, it kept 4.
    let row_3 = "Memonitoring secara berkala aktivitas user";
    assert!(!squash(&pdf_text(&out.pdf, Some(9))).contains(row_3));
    assert!(squash(&pdf_text(&out.pdf, Some(10))).contains(row_3));
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
    // At the court's own file, its line quoted from the text read (never
    // from a file of that name in the current folder).
    let at = format!(
        "{}:2:1: galat: templat gagal: undefined value",
        dir.path().join("templates/informasi.typ.j2").display()
    );
    assert!(text.starts_with(&at), "{text}");
    let report = bukusop::diag::report::teks(&d);
    assert!(report.contains("2 | {{ s.tidak_ada }}"), "{report}");
}

#[test]
fn a_typst_error_in_a_court_part_is_reported_at_that_part() {
    // Line 3 of the court's header calls a function that does not exist.
    let dir = with_part(
        "tests/rusak/dasar",
        "kepala_tabel.typ.j2",
        "{# a court's header #}\n#let kepala-sop(sop) = {\n  tidak-ada(sop.judul)\n}\n",
    );
    let Err(d) = bukusop::build::build(dir.path()) else {
        panic!("a header calling an unknown function builds");
    };
    let text = d.to_string();
    let part = std::path::Path::new("templates").join("kepala_tabel.typ.j2");
    assert!(
        text.contains(&format!(
            "{}:3:3: galat: tata letak gagal: unknown variable: tidak-ada",
            dir.path().join(&part).display()
        )) || text.contains(&format!(
            "{}:3:3: galat: tata letak gagal: unknown variable: tidak-ada",
            part.display()
        )),
        "{text}"
    );
    assert!(!text.contains("buku.typ"), "{text}");
}

#[test]
fn a_misnamed_part_is_a_warning_with_the_name_meant() {
    let dir = with_part(
        "tests/rusak/dasar",
        "sampull.typ.j2",
        "#page[SAMPUL SENDIRI]\n",
    );
    let d = bukusop::build::check(dir.path());
    let text = d.to_string();
    assert!(
        text.contains("peringatan: templat `sampull.typ.j2` tidak menggantikan bagian mana pun, jadi tidak dipakai")
            && text.contains("saran: maksud Anda `sampul.typ.j2`?"),
        "{text}"
    );
    assert!(!d.has_errors(), "{text}");
}

#[test]
fn templat_lists_the_parts_and_copies_one_to_start_from() {
    let o = bukusop(&root(), &["templat", "daftar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert!(names.contains(&"kepala_tabel".to_string()), "{names:?}");
    assert_eq!(names.len(), 17, "{names:?}");

    let dir = copy_content(&root().join("tests/rusak/dasar"));
    let o = bukusop(dir.path(), &["templat", "salin", "kepala_tabel"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = dir.path().join("templates/kepala_tabel.typ.j2");
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        bundled("kepala_tabel.typ.j2")
    );
    // The copy builds the same booklet; a second copy never overwrites it.
    assert_eq!(
        pdf_text(&build(dir.path()).pdf, None),
        pdf_text(&build(&root().join("tests/rusak/dasar")).pdf, None)
    );
    std::fs::write(&copy, "diubah").unwrap();
    let o = bukusop(dir.path(), &["templat", "salin", "kepala_tabel"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "diubah");
    // A name that is no part: refused with the name meant.
    let o = bukusop(dir.path(), &["templat", "salin", "kepala_tabell"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("kepala_tabel"), "{}", stderr(&o));
}
