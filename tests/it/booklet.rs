//! The default booklet (seed 000, PN Bengkalis 2024), built end to end.

use crate::common::*;

/// Cover, inner title, Pengesahan, Daftar Isi, Daftar Nomor.
const FRONT_PAGES: usize = 5;

fn daftar_nomor(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    crate::common::daftar_nomor(pdf, FRONT_PAGES)
}

fn daftar_isi(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    crate::common::daftar_isi(pdf, FRONT_PAGES - 1)
}

#[test]
fn pdf_opens_and_has_every_page() {
    let pdf = default_pdf();
    let pages = page_count(pdf);
    // 5 front pages and 16 SOP pages with the page plan and compact rows
    // (the printed seed has 17); an SOP never takes less than one page.
    assert_eq!(pages, FRONT_PAGES + 16);
    let last = squash(&pdf_text(pdf, Some(pages)));
    assert!(last.ends_with("16"), "last page is numbered 16: {last}");
}

/// The synthetic SOPs run over a second page by rows as tall as their
/// symbols, under an information block of a few lines: set tighter, they
/// could not lose that page. The page plan guessed before any layout
/// breaks them where the layout does: each is laid out once, with its
/// connectors, never to measure first nor tighter for nothing.
#[test]
fn sops_that_tightening_cannot_shorten_are_not_laid_out_tighter() {
    let dir = tempfile::tempdir().unwrap();
    let o = bukusop(
        dir.path(),
        &["sintetis", ".", "--sop", "3", "--langkah", "12"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = build(dir.path());
    let sop_pages = page_count(&out.pdf) - FRONT_PAGES;
    assert!(sop_pages > 3, "an SOP runs over a page: {sop_pages} pages");
    assert_eq!((out.passes, out.timings.sop_ditata), (1, 3));
}

/// The default booklet has SOPs set tighter to save a page (3, 4, 14,
/// 15) and one broken over two pages with connectors (11): the plan
/// guessed before any layout is the one printed, so each SOP is laid out
/// once, in one pass, as plain Typst would lay out the markup.
#[test]
fn every_sop_of_the_default_booklet_is_laid_out_once() {
    let out = build(&root().join("content"));
    assert_eq!((out.passes, out.timings.sop_ditata), (1, 15));
}

#[test]
fn front_matter_in_order() {
    let pdf = default_pdf();
    let expect = [
        (
            1,
            "STANDAR OPERASIONAL PROSEDUR SUBBAG PERENCANAAN, TI DAN PELAPORAN",
        ),
        (2, "(SOP - PTIP)"),
        (3, "PENGESAHAN"),
        (4, "DAFTAR ISI"),
        (5, "DAFTAR NOMOR"),
    ];
    for (page, text) in expect {
        assert!(
            squash(&pdf_text(pdf, Some(page))).contains(text),
            "page {page} should carry {text:?}"
        );
    }
    let pengesahan = squash(&pdf_text(pdf, Some(3)));
    assert_contains_all(
        &pengesahan,
        &[
            "TANGGAL PEMBUATAN : 9 JANUARI 2017",
            "TANGGAL REVISI : 20 JANUARI 2024",
            "TANGGAL EFEKTIF : 21 JANUARI 2024",
            "DISUSUN OLEH,",
            "DIPERIKSA OLEH,",
            "DISAHKAN OLEH,",
            "NIP. 19921203 201503 2 002",
            "NIP. 19820424 200912 1 004",
            "NIP. 19780302 200212 1 005",
            "BAYU SOHO RAHARDJO, S.H.",
        ],
        "Pengesahan",
    );
}

#[test]
fn daftar_nomor_points_at_each_sop_first_page() {
    let pdf = default_pdf();
    // Each row's page carries its number and that page number.
    let rows = assert_daftar_nomor_pages(pdf, FRONT_PAGES, FRONT_PAGES, 15);
    let mut last_page = 0;
    for (no, nomor, page) in &rows {
        assert_eq!(nomor, &format!("{no}/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024"));
        assert!(*page > last_page, "pages increase");
        last_page = *page;
        if *page > 1 {
            let before = pdf_text(pdf, Some(FRONT_PAGES + page - 1));
            assert!(
                !before.contains(nomor.as_str()),
                "{nomor} starts on page {page}, not before"
            );
        }
    }
}

#[test]
fn daftar_isi_matches_titles_and_pages() {
    let pdf = default_pdf();
    let isi = daftar_isi(pdf);
    let nomor = daftar_nomor(pdf);
    assert_eq!(isi.len(), 15, "{isi:?}");
    for ((no, title, page), (_, _, page_n)) in isi.iter().zip(&nomor) {
        assert_eq!(
            page, page_n,
            "DAFTAR ISI and DAFTAR NOMOR agree for SOP {no}"
        );
        let first = squash(&pdf_text(pdf, Some(FRONT_PAGES + page)));
        assert!(
            first.contains(title.as_str()),
            "SOP {no} page {page} carries its title {title:?}"
        );
    }
    assert_eq!(
        isi[0].1,
        "PERENCANAAN DAFTAR ISIAN PELAKSANAAN ANGGARAN (DIPA)"
    );
}

/// Every entry of DAFTAR ISI and DAFTAR NOMOR is a link to the SOP's
/// first page; every logo says what it is to a screen reader.
#[test]
fn contents_entries_link_to_their_sops_and_logos_have_alt_text() {
    let pdf = default_pdf();
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages = doc.get_pages();
    let number: std::collections::HashMap<lopdf::ObjectId, usize> =
        pages.iter().map(|(n, id)| (*id, *n as usize)).collect();
    // The pages links on page `p` lead to, in order, once each.
    let targets = |p: usize| {
        let mut out: Vec<usize> = Vec::new();
        for a in doc.get_page_annotations(pages[&(p as u32)]).unwrap() {
            let dest = a.get(b"Dest").unwrap();
            let dest = match dest {
                lopdf::Object::Reference(r) => doc.get_object(*r).unwrap(),
                d => d,
            };
            let page = dest.as_array().unwrap()[0].as_reference().unwrap();
            let n = number[&page];
            if out.last() != Some(&n) {
                out.push(n);
            }
        }
        out
    };
    let expected: Vec<usize> = daftar_isi(pdf)
        .iter()
        .map(|(_, _, page)| FRONT_PAGES + page)
        .collect();
    assert_eq!(targets(FRONT_PAGES - 1), expected, "DAFTAR ISI");
    assert_eq!(targets(FRONT_PAGES), expected, "DAFTAR NOMOR");
    let alt = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok()?.get(b"Alt").ok())
        .filter(|a| {
            lopdf::decode_text_string(a).ok().as_deref() == Some("Logo Pengadilan Negeri Bengkalis")
        })
        .count();
    // The cover, the inner title and the header of each of 15 SOPs.
    assert_eq!(alt, 17);
}

/// The Figures with alternative text in the PDF's tag tree, each with the
/// structure type of its parent.
fn figures(pdf: &[u8]) -> Vec<(String, String)> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let deref = |o: &Object| match o {
        Object::Reference(r) => doc.get_object(*r).ok().cloned(),
        o => Some(o.clone()),
    };
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let mut out = Vec::new();
    let mut stack = vec![(deref(root).unwrap(), String::new())];
    while let Some((node, parent)) = stack.pop() {
        let Ok(d) = node.as_dict() else { continue };
        let s = d
            .get(b"S")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        if let (true, Ok(alt)) = (s == "Figure", d.get(b"Alt")) {
            out.push((parent.clone(), lopdf::decode_text_string(alt).unwrap()));
        }
        let kids = match d.get(b"K").ok().and_then(&deref) {
            Some(Object::Array(a)) => a,
            Some(k) => vec![k],
            None => Vec::new(),
        };
        for k in kids.iter().rev() {
            if let Some(k) = deref(k) {
                stack.push((k, s.clone()));
            }
        }
    }
    out
}

/// A flowchart cell holds only a drawing; a screen reader reads who does
/// the step and where its arrows go, from the cell's own tag.
#[test]
fn flowchart_cells_tell_a_screen_reader_who_and_where() {
    let all = figures(default_pdf());
    let cells: Vec<&str> = all
        .iter()
        .filter(|(parent, _)| parent == "TD")
        .map(|(_, alt)| alt.as_str())
        .collect();
    // SOP 1 (DIPA) in reading order; a decision of SOP 4; every symbol of
    // the booklet's tables once (a shared step once per lane).
    assert_eq!(
        &cells[..3],
        [
            "Petugas: lanjut ke langkah 2",
            "Petugas: lanjut ke langkah 3",
            "Petugas: lanjut ke langkah 4"
        ]
    );
    assert!(
        cells.contains(&"Team TI: Ya: langkah 7, Tidak: langkah 5"),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c.ends_with(": selesai")), "{cells:?}");
    let content = bukusop::content::load(&root().join("content")).unwrap();
    let symbols: usize = content
        .sops
        .iter()
        .flat_map(|f| f.sop.alur())
        .flat_map(|a| a.langkah)
        .map(|l| l.value.pelaksana.value.items().len())
        .sum();
    assert_eq!(cells.len(), symbols, "{cells:?}");
}

#[test]
fn each_sop_page_has_identity_and_flowchart() {
    let pdf = default_pdf();
    let first = squash(&pdf_text(pdf, Some(FRONT_PAGES + 1)));
    assert_contains_all(
        &first,
        &[
            "PENGADILAN NEGERI BENGKALIS",
            "KELAS IB",
            "Nomor : 1/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024",
            "Revisi : 7",
            "Tgl. Pembuatan : 09 Januari 2017",
            "Tgl. Revisi : 20 Januari 2024",
            "Tgl. Efektif : 21 Januari 2024",
            "Ketua Pengadilan Negeri Bengkalis",
            "NIP. 19780302 200212 1 005",
            "STANDAR OPERASIONAL PROSEDUR (SOP) SOP PERENCANAAN, TI DAN PELAPORAN",
            "Dasar Hukum :",
            "Kualifikasi Pelaksanaan :",
            "Keterkaitan :",
            "Peralatan/Perlengkapan :",
            "Peringatan :",
            "Pencatatan dan Pendataan :",
            "Pelaksana",
            "Mutu Baku",
            "Kelengkapan Waktu Output",
            "Petugas Kasub PTIP Sekretaris",
            "Merangkum usulan kegiatan anggaran",
        ],
        "first SOP page",
    );
}

#[test]
fn table_header_repeats_on_continuation_pages() {
    let pdf = default_pdf();
    let nomor = daftar_nomor(pdf);
    // Find an SOP that spans two pages: the header must repeat there.
    let spanning = nomor
        .windows(2)
        .find(|w| w[1].2 - w[0].2 > 1)
        .expect("some SOP spans pages");
    let cont = squash(&pdf_text(pdf, Some(FRONT_PAGES + spanning[0].2 + 1)));
    assert!(
        cont.contains("Pelaksana") && cont.contains("Mutu Baku") && cont.contains("Kegiatan"),
        "{cont}"
    );
    assert!(
        !cont.contains("Dasar Hukum"),
        "identity part is not repeated"
    );
}

#[test]
fn no_copy_paste_drift() {
    let text = pdf_text(default_pdf(), None);
    assert!(!text.contains("Bengkulu"));
    assert!(
        !text.contains("/1/2024"),
        "one numbering style: roman month"
    );
    // Every NIP in the output is printed in the one grouped format.
    for l in text.lines().filter(|l| l.contains("NIP.")) {
        let nip = l.split("NIP.").nth(1).unwrap().trim();
        let groups: Vec<usize> = nip.split(' ').take(4).map(str::len).collect();
        assert_eq!(groups, vec![8, 6, 1, 3], "NIP grouping in {l:?}");
    }
    for e in std::fs::read_dir(root().join("content/sop")).unwrap() {
        let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!s.contains("Bengkulu"));
    }
}

#[test]
fn pdf_metadata_and_bookmarks() {
    let doc = lopdf::Document::load_mem(default_pdf()).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let text = |k: &[u8]| {
        let o = info
            .get(k)
            .unwrap_or_else(|_| panic!("{} missing", String::from_utf8_lossy(k)));
        lopdf::decode_text_string(o).unwrap()
    };
    assert!(text(b"Title").contains("Standar Operasional Prosedur"));
    assert_eq!(text(b"Author"), "Pengadilan Negeri Bengkalis");
    assert!(text(b"Subject").contains("PERENCANAAN, TI DAN PELAPORAN"));
    let catalog = doc.catalog().unwrap();
    let outlines = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let count = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"Count")
        .unwrap()
        .as_i64()
        .unwrap();
    // Pengesahan, Daftar Isi, Daftar Nomor and one bookmark per SOP.
    assert_eq!(count.abs(), 3 + 15);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = bukusop::build::build(&root().join("content")).unwrap().pdf;
    assert!(a == default_pdf(), "same content, same bytes");
}

/// The tag tree is kept, packed into compressed object streams with a
/// compressed cross-reference stream: Typst's own file is 758 KB.
#[test]
fn the_pdf_is_small_and_keeps_its_tag_tree() {
    let pdf = default_pdf();
    assert!(pdf.len() <= 250_000, "{} bytes", pdf.len());
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_ok());
    // Objects written on their own, against all the file holds.
    let bytes = String::from_utf8_lossy(pdf);
    let own = bytes.matches(" 0 obj").count();
    assert!(
        own * 20 < doc.objects.len(),
        "{own} of {}",
        doc.objects.len()
    );
    assert!(
        bytes.contains("/Filter/FlateDecode/DecodeParms<</Predictor 12"),
        "xref stream packed"
    );
}

#[test]
fn pages_are_portrait_then_landscape_a4_or_f4() {
    let a4 = page_sizes_mm(default_pdf());
    assert!(a4[..FRONT_PAGES].iter().all(|s| *s == (210, 297)), "{a4:?}");
    assert!(a4[FRONT_PAGES..].iter().all(|s| *s == (297, 210)), "{a4:?}");

    let dir = copy_content(&root().join("content"));
    let buku = dir.path().join("buku.yaml");
    let text = std::fs::read_to_string(&buku)
        .unwrap()
        .replace("kertas: A4", "kertas: F4");
    std::fs::write(&buku, text).unwrap();
    let f4 = page_sizes_mm(&bukusop::build::build(dir.path()).unwrap().pdf);
    assert!(f4[..FRONT_PAGES].iter().all(|s| *s == (215, 330)), "{f4:?}");
    assert!(f4[FRONT_PAGES..].iter().all(|s| *s == (330, 215)), "{f4:?}");
}

/// A rebuild (`watch`) lays out again only the SOPs whose markup changed
/// and takes the others' measures from the builds before: after each edit
/// it prints byte for byte what a cold build of the same folder prints,
/// also when the edit moves page breaks and makes the booklet longer.
#[test]
fn a_rebuild_prints_what_a_cold_build_prints() {
    let dir = copy_content(&root().join("content"));
    let sop = |name: &str| dir.path().join("sop").join(name);
    let mut watch = bukusop::build::Pengamat::default();
    let mut rebuild = || match watch.build(dir.path(), bukusop::build::Options::default()) {
        Ok((out, _)) => out,
        Err(d) => panic!("{d}"),
    };
    let first = rebuild();
    let edits = [
        // A word in one step of a short SOP.
        (
            "08-laporan-tahunan.yaml",
            "kegiatan: ",
            "kegiatan: Segera ",
        ),
        // A step of an SOP over two pages grows by several lines.
        (
            "11-surat-masuk-dan-keluar.yaml",
            "kegiatan: Mencatat pada buku agenda surat masuk",
            "kegiatan: Mencatat dengan teliti, lengkap dan rapi, setelah memeriksa nomor, tanggal, perihal, lampiran dan disposisinya satu per satu, pada buku agenda surat masuk",
        ),
        // Ten more legal bases push an SOP's flowchart a page further.
        (
            "03-perawatan-sipp.yaml",
            "dasar_hukum:\n",
            &format!(
                "dasar_hukum:\n{}",
                "  - Peraturan Sekretaris Mahkamah Agung Republik Indonesia tentang Pedoman Pemeliharaan Sistem Informasi Penelusuran Perkara di Lingkungan Peradilan\n"
                    .repeat(10)
            ),
        ),
    ];
    let mut pages = vec![first.pages];
    for (file, from, to) in edits {
        replace_in(&sop(file), from, to);
        let warm = rebuild();
        let cold = build(dir.path());
        assert!(
            warm.pdf == cold.pdf,
            "after editing {file}, the rebuild differs"
        );
        pages.push(warm.pages);
    }
    assert!(pages[3] > pages[0], "the last edit adds a page: {pages:?}");
    // Steps removed: the last plan names rows and arrows that are gone.
    let file = sop("11-surat-masuk-dan-keluar.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let kept: Vec<&str> = text.lines().take(45).collect();
    std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    let warm = rebuild();
    assert!(warm.pdf == build(dir.path()).pdf, "after removing steps");
    assert!(warm.pages < pages[3]);
}

/// A build lays the booklet out in parts (the front matter, each SOP and
/// the SOP pages' footers as documents of their own) and joins their
/// pages; a court's own copy of `buku.typ.j2` makes it lay the booklet out
/// as one document. Both print the same pages, pixel for pixel, with the
/// same page labels and links.
#[test]
fn booklet_laid_out_in_parts_prints_what_one_document_prints() {
    let parts = build(&root().join("content"));
    let d = copy_content(&root().join("content"));
    std::fs::create_dir_all(d.path().join("templates")).unwrap();
    std::fs::write(
        d.path().join("templates/buku.typ.j2"),
        bukusop::content::assets::Templates::bundled("buku.typ.j2")
            .unwrap()
            .to_string()
            + "{# salinan pengadilan #}\n",
    )
    .unwrap();
    let whole = build(d.path());
    assert_eq!(parts.pages, whole.pages);
    for page in 1..=parts.pages {
        let look = |o: &bukusop::build::Output| {
            image::load_from_memory(&o.png(page, 60.0).unwrap())
                .unwrap()
                .to_luma8()
        };
        let (a, b) = (look(&parts), look(&whole));
        // Where a line or a glyph stands a fraction of a pixel apart the
        // edge's grey differs a little; a missing or moved mark differs
        // by far more.
        let most = a
            .pixels()
            .zip(b.pixels())
            .map(|(x, y)| x.0[0].abs_diff(y.0[0]))
            .max();
        assert!(
            a.dimensions() == b.dimensions() && most <= Some(40),
            "page {page} differs (by {most:?} of 255)"
        );
        assert_eq!(
            pdf_text(&parts.pdf, Some(page)),
            pdf_text(&whole.pdf, Some(page)),
            "text of page {page}"
        );
    }
    assert_eq!(
        bukusop::pdf::labels::read(&parts.pdf),
        bukusop::pdf::labels::read(&whole.pdf)
    );
}
