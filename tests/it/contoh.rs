//! The two forks in `examples/`, each a court's own content folder made with
//! `bukusop init` and edited without code changes: PN Tais (seed 001, its
//! lettered sections A–G and notes under the table) and PN Bangil (seed 002,
//! its letterhead-and-list header, Kata Pengantar, legend page, document
//! control box and computed total time). Also sub-procedures, another paper
//! and portrait SOP pages, in a copy of PN Bangil.

use std::sync::OnceLock;

use crate::common::*;

fn tais_out() -> &'static bukusop::build::Output {
    static OUT: OnceLock<bukusop::build::Output> = OnceLock::new();
    OUT.get_or_init(|| build(&root().join("examples/pn-tais")))
}

fn tais() -> &'static [u8] {
    &tais_out().pdf
}

fn bangil() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| build(&root().join("examples/pn-bangil")).pdf)
}

#[test]
fn pn_tais_prints_all_twelve_sops_in_its_own_style() {
    let pdf = tais();
    // 5 front pages (the default parts) and 19 SOP pages (the seed has 19).
    assert_eq!(page_count(pdf), 24);
    let rows = assert_daftar_nomor_pages(pdf, 5, 5, 12);
    for (no, nomor, _) in &rows {
        assert_eq!(nomor, &format!("{no}/KPN.W8-U6/SOP.PTIP/OT1.2/I/2018"));
    }
    let isi = daftar_isi(pdf, 4);
    assert_eq!(isi.len(), 12, "{isi:?}");
    for ((no, title, page), (_, _, p)) in isi.iter().zip(&rows) {
        assert_eq!(page, p, "DAFTAR ISI and DAFTAR NOMOR agree for SOP {no}");
        let words: Vec<&str> = title.split(' ').take(3).collect();
        let first = squash(&pdf_text(pdf, Some(5 + page)));
        assert!(first.contains(&words.join(" ")), "SOP {no} on page {page}");
    }
    // Every first page of an SOP has the lettered parts PN Tais prints.
    for (_, _, page) in &rows {
        let t = squash(&pdf_text(pdf, Some(5 + page)));
        assert_contains_all(
            &t,
            &[
                "A. DASAR HUKUM",
                "B. KETERKAITAN",
                "C. PERINGATAN",
                "D. KUALIFIKASI PELAKSANA",
                "E. PERALATAN/PERLENGKAPAN",
                "F. PENCATATAN DAN PENDATAAN",
                "G. ALUR PROSES",
            ],
            "an SOP page of PN Tais",
        );
    }
    let all = squash(&pdf_text(pdf, None));
    assert_contains_all(
        &all,
        &[
            "Keterangan: Pihak ketiga yang dimaksud terdiri dari",
            "UP-GRADE APLIKASI SIPP",
            "MONITORING SINKRONISASI DAN BACK UP SIPP",
            "Dilakukan proses Sinkron dan Back Up secara manual",
        ],
        "PN Tais",
    );
    // Its own column labels, in the header of every table page.
    let headers = all.matches("Persyaratan / Kelengkapan").count();
    assert!(headers >= 12, "a table header per SOP at least: {headers}");
    assert!(all.matches("Aktivitas").count() >= headers);
    // The branch labels as drawn (a long one on two lines).
    let labels: Vec<String> = tais_out()
        .document
        .pages()
        .iter()
        .flat_map(|p| bukusop::audit::collect::halaman(&p.frame).labels)
        .map(|(text, _)| text)
        .collect();
    let joined = labels.join(" ");
    for label in ["Berhasil", "Tidak berhasil"] {
        assert!(
            joined.matches(label).count() >= 2,
            "{label} labels both checks: {labels:?}"
        );
    }
    // PN Tais does not print a total time.
    assert!(!all.contains("Waktu yang diperlukan"));
}

#[test]
fn pn_bangil_front_matter_in_its_order() {
    let pdf = bangil();
    assert_eq!(page_count(pdf), 8);
    let expect: [(usize, &[&str]); 6] = [
        (
            1,
            &[
                "STATUS DOKUMEN",
                "SALINAN TERKENDALI √",
                "NO. SALINAN 01",
                "Dokumen ini milik Pengadilan Negeri Bangil.",
            ],
        ),
        (2, &["PENGESAHAN", "TANGGAL EFEKTIF : 20 SEPTEMBER 2016"]),
        (
            3,
            &["KATA PENGANTAR", "Puji syukur", "Nama Ketua, S.H., M.H."],
        ),
        (4, &["DAFTAR ISI", "1. PERAWATAN SIPP/CTS"]),
        (5, &["DAFTAR NOMOR", "W14.U21/1/SOP/06/2016"]),
        (
            6,
            &[
                "MAKNA DAN SIMBOL",
                "Belah ketupat",
                "Segi lima",
                "penghubung",
            ],
        ),
    ];
    for (page, texts) in expect {
        let t = squash(&pdf_text(pdf, Some(page)));
        assert_contains_all(&t, texts, &format!("page {page}"));
    }
    // No inner title page: it is not in `bagian`.
    let all = squash(&pdf_text(pdf, None));
    assert!(!all.contains("(SOP - PTIP)"), "sampul_dalam left out");
    assert_daftar_nomor_pages(pdf, 5, 6, 1);
}

#[test]
fn pn_bangil_sop_page_in_its_own_style() {
    let pdf = bangil();
    let first = squash(&pdf_text(pdf, Some(7)));
    assert_contains_all(
        &first,
        &[
            "PENGADILAN NEGERI BANGIL KELAS II",
            "Nomor SOP W14.U21/1/SOP/06/2016",
            "Tanggal Pembuatan 19 September 2016",
            "Tanggal Efektif 20 September 2016",
            "Disahkan oleh Ketua Pengadilan Negeri Bangil",
            "Kualifikasi Pelaksana :",
            "Peralatan/ Perlengkapan :",
        ],
        "PN Bangil's SOP page",
    );
    // Only the first row would fit under the long header: the table starts
    // overleaf instead, whole.
    let table = squash(&pdf_text(pdf, Some(8)));
    assert_contains_all(
        &table,
        &[
            "Aktivitas",
            "Persyaratan/ Perlengkapan",
            "Memonitoring secara berkala akses local server SIPP",
            "7 Solusi",
        ],
        "PN Bangil's table page",
    );
    assert!(!first.contains("Aktivitas"), "{first}");
    // The Revisi row is switched off with an empty label.
    assert_eq!(
        first.matches("Revisi").count(),
        1,
        "only Tanggal Revisi: {first}"
    );
    // 1 Jam + 2 jam + 3 × 15 menit; two steps are "relatif".
    let last = squash(&pdf_text(pdf, Some(8)));
    assert!(
        last.contains(
            "Waktu yang diperlukan : 225 menit / 3 jam 45 menit (tanpa 2 langkah yang waktunya tidak tetap)"
        ),
        "{last}"
    );
}

const SUB_PROSEDUR: &str = r#"judul: SURAT MASUK DAN KELUAR
revisi: 0
prosedur:
  - judul: Surat Masuk
    pelaksana: [Staff P2TI, Sekretaris]
    langkah:
      - {kegiatan: Menerima surat masuk, pelaksana: Staff P2TI, waktu: 10 Menit}
      - {kegiatan: Mendisposisikan surat, pelaksana: Sekretaris, waktu: 1 Jam}
      - {kegiatan: Menindaklanjuti disposisi, pelaksana: Staff P2TI, waktu: 1 Hari Kerja}
  - judul: Surat Keluar
    pelaksana: [Staff P2TI, Kasubbag, Sekretaris]
    langkah:
      - {kegiatan: Menyusun konsep surat, pelaksana: Staff P2TI, waktu: 30 Menit}
      - {kegiatan: Memeriksa konsep, pelaksana: Kasubbag, waktu: 15 Menit, keputusan: {ya: 3, tidak: 1}}
      - {kegiatan: Menandatangani surat, pelaksana: Sekretaris, waktu: 5 Menit}
keterangan: Surat rahasia tidak dicatat di buku agenda umum.
"#;

#[test]
fn sub_procedures_get_their_own_tables_and_totals() {
    let dir = copy_content(&root().join("examples/pn-bangil"));
    let d = dir.path();
    std::fs::write(d.join("sop/02-surat.yaml"), SUB_PROSEDUR).unwrap();
    // Another court's working day, paper and orientation.
    replace_in(
        &d.join("buku.yaml"),
        "  total_waktu: true",
        "  total_waktu: true\n  jam_kerja_sehari: 8\n  orientasi: potret",
    );
    replace_in(&d.join("buku.yaml"), "kertas: A4", "kertas: Letter");
    let pdf = build(d).pdf;
    let rows = assert_daftar_nomor_pages(&pdf, 5, 6, 2);
    let all = squash(&pdf_text(&pdf, None));
    let start = all
        .find("SURAT MASUK DAN KELUAR Dasar Hukum")
        .expect("SOP 2");
    let sop2 = &all[start..];
    assert_contains_all(
        sop2,
        &[
            "A. Surat Masuk",
            "B. Surat Keluar",
            // 10 + 60 + 480 minutes with an 8-hour day; 30 + 15 + 5.
            "Waktu yang diperlukan : 550 menit / 1 hari 1 jam 10 menit",
            "Waktu yang diperlukan : 50 menit Keterangan",
            "Keterangan: Surat rahasia tidak dicatat di buku agenda umum.",
        ],
        "SOP with sub-procedures",
    );
    assert!(sop2.find("A. Surat Masuk") < sop2.find("B. Surat Keluar"));
    assert!(rows[1].2 > rows[0].2);
    // Letter, portrait throughout: 216 × 279 mm.
    let sizes = page_sizes_mm(&pdf);
    assert!(sizes.iter().all(|s| *s == (216, 279)), "{sizes:?}");
}

/// The Pengadilan Agama example, written with `init` and keys only: a
/// cover with title, code and dates; one SOP with its own number, six
/// sub-procedures with totals as written, the control box and ownership
/// notice under its header, "Disahkan Oleh" as a position only, no Ket.
/// column, Waktu as "Hari ke-", Mulai/Selesai in the terminators.
#[test]
fn pa_contoh_prints_a_pengadilan_agama_booklet_from_keys_alone() {
    let dir = root().join("examples/pa-contoh");
    let d = bukusop::build::check(&dir);
    assert!(!d.has_errors(), "{d}");
    let pdf = build(&dir).pdf;
    assert_eq!(page_count(&pdf), 4);
    let cover = squash(&pdf_text(&pdf, Some(1)));
    assert_contains_all(
        &cover,
        &[
            "Pengadilan Agama Contoh",
            "PELAYANAN PERKARA GUGATAN",
            "SOP/PA.Ctr/01",
            "Tgl. Pembuatan : 4/1/2021",
            "Tgl. Efektif : 4/1/2021",
        ],
        "the cover",
    );
    assert!(cover.replace(' ', "").contains("Tgl.Revisi:-"), "{cover}");
    assert!(!cover.contains("Berorientasi"), "{cover}");
    assert!(!cover.contains("STATUS DOKUMEN"), "{cover}");
    let first = squash(&pdf_text(&pdf, Some(2)));
    assert_contains_all(
        &first,
        &[
            "Nomor SOP/PA.Ctr/01/2024",
            "Tgl. Revisi -",
            "Disahkan Oleh KPA Contoh",
            "STATUS DOKUMEN",
            "DOKUMEN MASTER √",
            "Dokumen ini milik Pengadilan Agama Contoh.",
            "A. Pendaftaran Perkara",
            "Mulai",
            "Hari ke-1",
        ],
        "the SOP's first page",
    );
    assert!(!first.contains("NIP"), "{first}");
    assert!(!first.contains("Ket."), "{first}");
    let all = squash(&pdf_text(&pdf, None));
    for (part, total) in [
        ("A. Pendaftaran Perkara", "Hari ke-1"),
        ("B. Penunjukan Majelis Hakim", "Hari ke-2"),
        ("C. Penetapan Hari Sidang", "Hari ke-3"),
        ("D. Pemanggilan Para Pihak", "Hari ke-4 s.d. Hari ke-10"),
        ("E. Persidangan", "paling lama 150 hari"),
        (
            "F. Minutasi dan Penyerahan Akta Cerai",
            "14 hari sesudah putusan berkekuatan hukum tetap",
        ),
    ] {
        assert!(all.contains(part), "{part}");
        assert!(
            all.contains(&format!("Waktu yang diperlukan : {total}")),
            "{part}: {total}"
        );
    }
    assert_eq!(all.matches("Mulai").count(), 6, "one start per table");
    // No example folder carries a template of its own.
    for e in std::fs::read_dir(root().join("examples")).unwrap() {
        let e = e.unwrap().path();
        assert!(!e.join("templates").exists(), "{}", e.display());
    }
}

/// PN Tais prints one Mutu Baku block for the whole table of SOPs 9 and 10
/// (`mutu_baku_sampai`); where SOP 9's table breaks, the block is printed
/// again on the next page.
#[test]
fn pn_tais_merges_mutu_baku_over_a_whole_table() {
    let pdf = tais();
    let pages: Vec<usize> = (1..=page_count(pdf))
        .filter(|&p| squash(&pdf_text(pdf, Some(p))).contains("File aplikasi"))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert_eq!(pages[1], pages[0] + 1);
    for p in &pages {
        let t = squash(&pdf_text(pdf, Some(*p)));
        assert_eq!(t.matches("1 hari kerja").count(), 1, "page {p}: {t}");
    }
    let monitoring = (1..=page_count(pdf))
        .filter(|&p| squash(&pdf_text(pdf, Some(p))).contains("File Log"))
        .count();
    assert_eq!(monitoring, 1);
}
