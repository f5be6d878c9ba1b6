//! The keys that let a court print its booklet as it prints it, each on a
//! copy of `tests/rusak/dasar` (one SOP, default parts: cover, inner title,
//! Pengesahan, Daftar Isi, Daftar Nomor, then the SOP pages from page 6).

use crate::common::*;

/// A copy of the base folder, `edit` applied to it.
fn dasar(edit: impl FnOnce(&std::path::Path)) -> tempfile::TempDir {
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    edit(dir.path());
    dir
}

fn append(file: &std::path::Path, text: &str) {
    let mut s = std::fs::read_to_string(file).unwrap();
    s.push_str(text);
    std::fs::write(file, s).unwrap();
}

/// A second SOP, `sop/02-kedua.yaml`.
fn sop_kedua(d: &std::path::Path, text: &str) {
    std::fs::write(d.join("sop/02-kedua.yaml"), text).unwrap();
}

const FIRST_SOP_PAGE: usize = 6;

#[test]
fn without_unit_no_unit_line_is_printed() {
    let plain = build(&root().join("tests/rusak/dasar"));
    let dir = dasar(|d| {
        let b = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
        let b = b.replace(
            "unit:\n  nama: PERENCANAAN, TI DAN PELAPORAN\n  jenis: SUBBAG\n  kode: PTIP\n",
            "",
        );
        std::fs::write(d.join("buku.yaml"), b).unwrap();
    });
    let out = build(dir.path());
    let before = squash(&pdf_text(&plain.pdf, Some(FIRST_SOP_PAGE)));
    assert!(
        before.contains("SOP PERENCANAAN, TI DAN PELAPORAN"),
        "{before}"
    );
    let page = pdf_text(&out.pdf, Some(FIRST_SOP_PAGE));
    let squashed = squash(&page);
    assert!(
        squashed.contains("STANDAR OPERASIONAL PROSEDUR (SOP) CONTOH YANG BENAR"),
        "{squashed}"
    );
    assert!(
        !page.lines().any(|l| l.trim() == "SOP"),
        "a stray SOP line:\n{page}"
    );
    let all = squash(&pdf_text(&out.pdf, None));
    assert!(!all.contains("PERENCANAAN"), "{all}");
    assert!(!all.contains("(SOP - PTIP)"), "{all}");
}

#[test]
fn own_numbers_with_a_pattern_without_urut_and_dates_as_numbers() {
    let dir = dasar(|d| {
        replace_in(
            &d.join("buku.yaml"),
            "nomor: \"{urut}/KPN.UJI/SOP.PTIP/OT1.2/{bulan}/{tahun}\"",
            "nomor: \"SOP/AS/{tahun}\"\ngaya:\n  format_tanggal: angka_nol",
        );
        replace_in(
            &d.join("sop/01-contoh.yaml"),
            "revisi: 0\n",
            "revisi: 0\nnomor: SOP/AS/32\n",
        );
        sop_kedua(
            d,
            "judul: KEDUA\nrevisi: 0\nnomor: W14.U21/10/SOP/06/{tahun}\npelaksana: [Staf]\nlangkah:\n  - {kegiatan: Menerima, pelaksana: Staf}\n  - {kegiatan: Mengarsipkan, pelaksana: Staf}\n",
        );
    });
    let out = build(dir.path());
    let rows = daftar_nomor(&out.pdf, 5);
    let nomor: Vec<&str> = rows.iter().map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(nomor, ["SOP/AS/32", "W14.U21/10/SOP/06/2024"], "{rows:?}");
    let first = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    assert_contains_all(
        &first,
        &["SOP/AS/32", "09/01/2017", "20/01/2024", "21/01/2024"],
        "the first SOP page",
    );
}

#[test]
fn position_only_and_revision_dash_print_nothing_invented() {
    let dir = dasar(|d| {
        let b = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
        let b = b
            .replace("  revisi: 2024-01-20\n", "  revisi: \"-\"\n")
            .replace(
                "  pengesah:\n    jabatan: Ketua\n    nama: Nama Ketua\n    nip: \"197803022002121005\"\n",
                "  pengesah:\n    jabatan: Ketua\n    jabatan_di_sop: KPN Uji\n",
            );
        std::fs::write(d.join("buku.yaml"), b).unwrap();
        append(
            &d.join("buku.yaml"),
            "bagian: [sampul, daftar_isi, daftar_nomor]\n",
        );
    });
    let out = build(dir.path());
    let sop = squash(&pdf_text(&out.pdf, Some(4)));
    assert!(sop.contains("Disahkan Oleh : KPN Uji"), "{sop}");
    assert!(sop.contains("Tgl. Revisi : -"), "{sop}");
    assert!(!sop.contains("NIP"), "{sop}");
    assert!(!sop.contains("Nama Ketua"), "{sop}");
}

#[test]
fn labels_per_sop_and_columns_of_the_courts_own() {
    let dir = dasar(|d| {
        append(
            &d.join("buku.yaml"),
            "gaya:\n  kolom: [kelengkapan, {judul: Dokumen Acuan, kunci: dokumen}, waktu, output]\n",
        );
        sop_kedua(
            d,
            "judul: KEDUA\nrevisi: 0\nlabel: {kegiatan: Aktivitas, kelengkapan: Persyaratan/Perlengkapan}\nkolom: [kelengkapan, waktu, output, ket]\npelaksana: [Staf]\nlangkah:\n  - {kegiatan: Menerima, pelaksana: Staf, ket: Segera}\n  - {kegiatan: Mengarsipkan, pelaksana: Staf}\n",
        );
        replace_in(
            &d.join("sop/01-contoh.yaml"),
            "  - {kegiatan: Menerima berkas, pelaksana: Staf, waktu: 5 Menit}",
            "  - {kegiatan: Menerima berkas, pelaksana: Staf, waktu: 5 Menit, kolom: {dokumen: Formulir A-7}}",
        );
    });
    let out = build(dir.path());
    let first = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    assert_contains_all(
        &first,
        &["Kegiatan", "Kelengkapan", "Dokumen Acuan", "Formulir A-7"],
        "SOP 1 with the booklet's columns",
    );
    assert!(!first.contains("Ket."), "{first}");
    assert!(!first.contains("Aktivitas"), "{first}");
    let second = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE + 1)));
    assert_contains_all(
        &second,
        &[
            "KEDUA",
            "Aktivitas",
            "Persyaratan/Perlengkapan",
            "Ket.",
            "Segera",
        ],
        "SOP 2 with its own labels and columns",
    );
    assert!(!second.contains("Dokumen Acuan"), "{second}");
}

#[test]
fn totals_as_written_and_with_thousands_separators() {
    let dir = dasar(|d| {
        append(&d.join("buku.yaml"), "gaya:\n  total_waktu: true\n");
        replace_in(
            &d.join("sop/01-contoh.yaml"),
            "waktu: 1 Hari Kerja}",
            "waktu: 1485 Menit}",
        );
        sop_kedua(
            d,
            "judul: KEDUA\nrevisi: 0\nwaktu_total: 3 hari kerja sejak berkas lengkap\npelaksana: [Staf]\nlangkah:\n  - {kegiatan: Menerima, pelaksana: Staf, waktu: Hari ke-1}\n  - {kegiatan: Mengarsipkan, pelaksana: Staf, waktu: Hari ke-3}\n",
        );
    });
    let out = build(dir.path());
    let first = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    // 5 + 10 + 1485 minutes.
    assert!(
        first.contains("Waktu yang diperlukan : 1.500 menit"),
        "{first}"
    );
    let second = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE + 1)));
    assert!(
        second.contains("Waktu yang diperlukan : 3 hari kerja sejak berkas lengkap"),
        "{second}"
    );
}

#[test]
fn a_second_start_and_words_in_the_terminators() {
    let dir = dasar(|d| {
        append(
            &d.join("buku.yaml"),
            "gaya:\n  tulis_terminator: true\n  label: {mulai: Awal}\n",
        );
        sop_kedua(
            d,
            "judul: KEDUA\nrevisi: 0\npelaksana: [Staf, Kasubbag]\nlangkah:\n  - {kegiatan: Menerima berkas, pelaksana: Staf}\n  - {kegiatan: Mengarsipkan berkas, pelaksana: Kasubbag, selesai: true}\n  - {kegiatan: Menerima berkas susulan, pelaksana: Staf, mulai: true}\n  - {kegiatan: Mengarsipkan berkas susulan, pelaksana: Kasubbag}\n",
        );
    });
    let d = bukusop::build::check(dir.path());
    assert!(!d.has_errors(), "{d}");
    let out = build(dir.path());
    let first = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    assert_eq!(first.matches("Awal").count(), 1, "{first}");
    assert_eq!(first.matches("Selesai").count(), 1, "{first}");
    let second = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE + 1)));
    assert_eq!(second.matches("Awal").count(), 2, "{second}");
    assert_eq!(second.matches("Selesai").count(), 2, "{second}");
}

#[test]
fn the_cover_prints_only_what_the_content_writes() {
    let plain = build(&root().join("tests/rusak/dasar"));
    let cover = squash(&pdf_text(&plain.pdf, Some(1)));
    assert!(!cover.contains("Berorientasi"), "{cover}");
    assert_eq!(images_on_page(&plain.pdf, 1), 0, "no logo was named");

    let dir = dasar(|d| {
        append(
            &d.join("buku.yaml"),
            "sampul:\n  logo_berakhlak: contoh\n  semboyan: Melayani dengan Hati\n  judul: PELAYANAN TERPADU SATU PINTU\n  kode: SOP/PTSP/01\n  tanggal: true\nkendali_dokumen: {status: terkendali, no_salinan: \"03\"}\npemilik: Dokumen ini milik Pengadilan Negeri Uji.\ngaya:\n  kendali_di: keduanya\n",
        );
    });
    let out = build(dir.path());
    let cover = squash(&pdf_text(&out.pdf, Some(1)));
    assert_contains_all(
        &cover,
        &[
            "Melayani dengan Hati",
            "PELAYANAN TERPADU SATU PINTU",
            "SOP/PTSP/01",
            "Tgl. Pembuatan : 09 Januari 2017",
            "STATUS DOKUMEN",
            "Dokumen ini milik Pengadilan Negeri Uji.",
        ],
        "the cover",
    );
    assert_eq!(images_on_page(&out.pdf, 1), 1, "only the BerAKHLAK logo");
    let sop = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    assert_contains_all(
        &sop,
        &[
            "STATUS DOKUMEN",
            "SALINAN TERKENDALI",
            "03",
            "Dokumen ini milik Pengadilan Negeri Uji.",
        ],
        "the SOP page",
    );
    let d = bukusop::build::check(dir.path());
    assert!(
        d.to_string()
            .contains("peringatan: logo BerAKHLAK `contoh` adalah logo contoh bawaan bukusop, bukan logo resmi"),
        "{d}"
    );
}

#[test]
fn mutu_baku_over_several_steps_is_one_cell() {
    let dir = dasar(|d| {
        std::fs::write(
            d.join("sop/01-contoh.yaml"),
            "judul: GABUNG\nrevisi: 0\npelaksana: [Staf, Kasubbag]\nlangkah:\n  - {kegiatan: Menerima berkas, pelaksana: Staf, kelengkapan: Berkas, waktu: 1 Hari, output: Arsip, mutu_baku_sampai: 3}\n  - {kegiatan: Memeriksa berkas, pelaksana: Kasubbag}\n  - {kegiatan: Mengarsipkan berkas, pelaksana: Staf}\n",
        )
        .unwrap();
    });
    let out = build(dir.path());
    let page = pdf_text(&out.pdf, Some(FIRST_SOP_PAGE));
    assert_eq!(squash(&page).matches("1 Hari").count(), 1, "{page}");
    // The merged cell is centred on the three rows: its text lies on the
    // line of step 2.
    let line = page
        .lines()
        .find(|l| l.contains("Memeriksa berkas"))
        .unwrap_or_default();
    assert!(line.contains("1 Hari"), "{page}");
}

/// How many images page `page` (1-based) draws, read with lopdf.
fn images_on_page(pdf: &[u8], page: u32) -> usize {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc.get_pages()[&page];
    let (resources, ids) = doc.get_page_resources(id).unwrap();
    let mut dicts: Vec<&lopdf::Dictionary> = resources.into_iter().collect();
    dicts.extend(ids.iter().filter_map(|i| doc.get_dictionary(*i).ok()));
    dicts
        .iter()
        .filter_map(|r| r.get(b"XObject").ok())
        .filter_map(|x| match x {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .map(|x| {
            x.iter()
                .filter(|(_, v)| {
                    v.as_reference()
                        .ok()
                        .and_then(|r| doc.get_object(r).ok())
                        .and_then(|o| o.as_stream().ok())
                        .is_some_and(|s| {
                            s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok())
                                == Some(b"Image".as_slice())
                        })
                })
                .count()
        })
        .sum()
}

#[test]
fn a_page_without_identity_header_and_a_control_box_without_a_tick() {
    let dir = dasar(|d| {
        append(
            &d.join("buku.yaml"),
            "kendali_dokumen: {no_salinan: \"02\"}\ngaya:\n  kepala: tanpa\n  kendali_di: sop\n",
        );
    });
    let out = build(dir.path());
    let sop = squash(&pdf_text(&out.pdf, Some(FIRST_SOP_PAGE)));
    assert!(sop.starts_with("CONTOH YANG BENAR"), "{sop}");
    for gone in [
        "PENGADILAN NEGERI UJI",
        "Nomor",
        "Disahkan Oleh",
        "Tgl. Efektif",
    ] {
        assert!(!sop.contains(gone), "{gone}: {sop}");
    }
    assert_contains_all(&sop, &["STATUS DOKUMEN", "NO. SALINAN 02"], "the SOP page");
    assert!(!sop.contains('√'), "no status given, none ticked: {sop}");
    // The title is still the SOP's bookmark, on its first page.
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let toc = doc.get_toc().unwrap().toc;
    assert!(
        toc.iter()
            .any(|t| t.title == "CONTOH YANG BENAR" && t.page == FIRST_SOP_PAGE),
        "{toc:?}"
    );
}
