//! The yearly revision and the outputs courts publish: a scripted 2025
//! revision of the default content, one PDF per SOP, PDF/A, page labels and
//! a scanned Pengesahan.

use crate::common::*;

/// The physical page on which `needle` first appears.
fn page_with(pdf: &[u8], needle: &str) -> usize {
    (1..=page_count(pdf))
        .find(|p| squash(&pdf_text(pdf, Some(*p))).contains(needle))
        .unwrap_or_else(|| panic!("{needle} on no page"))
}

#[test]
fn yearly_revision_raises_exactly_what_changed() {
    let dir = copy_content(&root().join("content"));
    let d = dir.path();
    // The Kasubbag's edits: reword a step of SOP 3, add a step and a law to
    // SOP 8, add an SOP, remove SOP 14, and ask for the RIWAYAT page.
    let sop3 = d.join("sop/03-perawatan-sipp.yaml");
    replace_in(
        &sop3,
        "  - kegiatan: Melakukan backup seluruh Sistem dan Database SIPP,",
        "  - kegiatan: Mencadangkan seluruh Sistem dan Database SIPP,",
    );
    let sop8 = d.join("sop/08-laporan-tahunan.yaml");
    replace_in(
        &sop8,
        "dasar_hukum:\n",
        "dasar_hukum:\n  - Peraturan Mahkamah Agung Nomor 1 Tahun 2025 ;\n",
    );
    let mut s8 = std::fs::read_to_string(&sop8).unwrap();
    s8.push_str("  - kegiatan: Mengunggah laporan tahunan ke situs web\n    pelaksana: Staff IT\n    waktu: 1 Hari\n");
    std::fs::write(&sop8, &s8).unwrap();
    let new_sop = std::fs::read_to_string(d.join("sop/04-pengelolaan-website.yaml"))
        .unwrap()
        .replace(
            "judul: PENGELOLAAN WEBSITE",
            "judul: PENGELOLAAN MEDIA SOSIAL",
        );
    std::fs::write(d.join("sop/16-media-sosial.yaml"), new_sop).unwrap();
    std::fs::remove_file(d.join("sop/14-pemeliharaan-server.yaml")).unwrap();
    let mut buku = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
    buku.push_str(
        "bagian: [sampul, sampul_dalam, pengesahan, daftar_isi, daftar_nomor, riwayat]\n",
    );
    std::fs::write(d.join("buku.yaml"), buku).unwrap();
    let edited3 = std::fs::read(&sop3).unwrap();

    // `beda` shows the changes before anything is recorded.
    let o = bukusop(d, &["beda", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains_all(
        &stdout(&o),
        &[
            "SOP PERAWATAN SIPP",
            "langkah 2 diubah",
            "langkah 4 ditambah; dasar hukum diubah",
            "PENGELOLAAN MEDIA SOSIAL",
            "SOP baru",
            "PEMELIHARAAN SERVER",
            "dihapus",
            "4 SOP berubah, 12 SOP tidak berubah.",
        ],
        "beda",
    );

    // A dry run prints the plan and writes nothing.
    let before = std::fs::read(d.join("riwayat.yaml")).unwrap();
    let args = [
        "revisi",
        ".",
        "--tanggal",
        "2025-01-20",
        "--catatan",
        "Revisi tahunan 2025",
    ];
    let o = bukusop(d, &[&args[..], &["--dry-run"]].concat());
    assert!(stdout(&o).contains("Uji coba"), "{}", stdout(&o));
    assert_eq!(std::fs::read(d.join("riwayat.yaml")).unwrap(), before);

    let o = bukusop(d, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert_contains_all(
        &table,
        &[
            "SOP PERAWATAN SIPP        7 → 8      langkah 2 diubah",
            "LAPORAN TAHUNAN           6 → 7      langkah 4 ditambah; dasar hukum diubah",
            "PENGELOLAAN MEDIA SOSIAL  - → 0      SOP baru",
            "PEMELIHARAAN SERVER       6 → -      ditarik",
            "12 SOP tidak berubah.",
            "revisi 2025-01-20, efektif 2025-01-21",
        ],
        "revisi",
    );
    // The hand-edited YAML is never rewritten.
    assert_eq!(std::fs::read(&sop3).unwrap(), edited3);

    // The record.
    let r = bukusop::content::riwayat::load(&bukusop::files::Akar::new(d).unwrap())
        .unwrap()
        .unwrap();
    let last = r.buku.last().unwrap();
    assert_eq!(
        (last.tanggal.as_str(), last.efektif.as_str(), last.tahun),
        ("2025-01-20", "2025-01-21", 2025)
    );
    let sop = |f: &str| r.sop(f).unwrap();
    assert_eq!(sop("03-perawatan-sipp.yaml").terakhir().nomor, 8);
    assert_eq!(
        sop("03-perawatan-sipp.yaml").terakhir().catatan.as_deref(),
        Some("Revisi tahunan 2025")
    );
    assert_eq!(sop("08-laporan-tahunan.yaml").terakhir().nomor, 7);
    assert_eq!(sop("16-media-sosial.yaml").terakhir().nomor, 0);
    assert_eq!(sop("01-perencanaan-dipa.yaml").revisi.len(), 1);
    assert_eq!(
        sop("14-pemeliharaan-server.yaml").ditarik.as_deref(),
        Some("2025-01-20")
    );

    // The booklet printed from it.
    let out = bukusop::build::build(d).unwrap_or_else(|e| panic!("{e}"));
    let pdf = &out.pdf;
    let pengesahan = squash(&pdf_text(pdf, Some(3)));
    assert_contains_all(
        &pengesahan,
        &[
            "TANGGAL REVISI : 20 JANUARI 2025",
            "TANGGAL EFEKTIF : 21 JANUARI 2025",
        ],
        "Pengesahan",
    );
    let riwayat = squash(&pdf_text(pdf, Some(6)));
    assert_contains_all(
        &riwayat,
        &["RIWAYAT REVISI", "keadaan awal"],
        "RIWAYAT REVISI page",
    );
    assert!(squash(&pdf_text(pdf, None)).contains("Revisi tahunan 2025"));
    let p3 = page_with(pdf, "Nomor : 3/KPN.W4-U2/SOP.PTIP/OT1.2/I/2025");
    assert_contains_all(
        &squash(&pdf_text(pdf, Some(p3))),
        &[
            "Revisi : 8",
            "Tgl. Revisi : 20 Januari 2025",
            "Tgl. Efektif : 21 Januari 2025",
        ],
        "SOP 3",
    );
    // An SOP that did not change keeps its number and its dates.
    let p1 = page_with(pdf, "Nomor : 1/KPN.W4-U2/SOP.PTIP/OT1.2/I/2025");
    assert_contains_all(
        &squash(&pdf_text(pdf, Some(p1))),
        &["Revisi : 7", "Tgl. Revisi : 20 Januari 2024"],
        "SOP 1",
    );
    let all = squash(&pdf_text(pdf, None));
    assert!(
        !all.contains("/I/2024"),
        "every number carries the new year"
    );
    assert!(
        !all.contains("PEMELIHARAAN SERVER Nomor"),
        "the withdrawn SOP is gone"
    );
    assert!(all.contains("PENGELOLAAN MEDIA SOSIAL"));

    // A second run changes nothing.
    let recorded = std::fs::read(d.join("riwayat.yaml")).unwrap();
    let o = bukusop(d, &["revisi", ".", "--tanggal", "2025-01-21"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Tidak ada yang berubah"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(d.join("riwayat.yaml")).unwrap(), recorded);
    let o = bukusop(d, &["beda", "."]);
    assert!(
        stdout(&o).contains("0 SOP berubah, 15 SOP tidak berubah."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_folder_without_record_starts_one() {
    let dir = copy_content(&root().join("content"));
    std::fs::remove_file(dir.path().join("riwayat.yaml")).unwrap();
    let o = bukusop(dir.path(), &["revisi", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("keadaan awal"), "{}", stdout(&o));
    // The recorded state prints exactly as before.
    let again = bukusop::build::build(dir.path()).unwrap().pdf;
    assert_eq!(again, default_pdf());
}

#[test]
fn one_pdf_per_sop_with_its_own_page_count() {
    let dir = copy_content(&root().join("content"));
    let o = bukusop(dir.path(), &["build", ".", "-o", "buku.pdf", "--per-sop"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("15 PDF per SOP"), "{}", stdout(&o));
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("buku"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    assert_eq!(files[10], "11-surat-masuk-dan-keluar.pdf");
    let pdf = std::fs::read(dir.path().join("buku").join(&files[10])).unwrap();
    let pages = page_count(&pdf);
    assert_eq!(pages, 2, "SOP 11 fills two pages in the booklet too");
    let first = squash(&pdf_text(&pdf, Some(1)));
    assert_contains_all(
        &first,
        &[
            "11/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024",
            "SURAT MASUK DAN KELUAR",
            "Halaman 1 dari 2",
        ],
        "SOP 11 alone",
    );
    assert!(!first.contains("DAFTAR ISI"));
    assert!(squash(&pdf_text(&pdf, Some(2))).contains("Halaman 2 dari 2"));
    assert_eq!(
        bukusop::pdf::labels::read(&pdf),
        vec![(0, "D".to_string(), 1)]
    );
    // Titles that begin with "SOP" are not given a second one.
    let title = |f: &str| {
        let doc =
            lopdf::Document::load_mem(&std::fs::read(dir.path().join("buku").join(f)).unwrap())
                .unwrap();
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let t = doc
            .get_dictionary(info)
            .unwrap()
            .get(b"Title")
            .unwrap()
            .clone();
        lopdf::decode_text_string(&t).unwrap()
    };
    assert_eq!(
        title(&files[2]),
        "SOP PERAWATAN SIPP Pengadilan Negeri Bengkalis"
    );
    assert_eq!(
        title(&files[10]),
        "SOP SURAT MASUK DAN KELUAR Pengadilan Negeri Bengkalis"
    );
    // Under out/: a retitled SOP's old PDF goes, a file of the court's own
    // stays. A folder `-o` names is the caller's: nothing there is deleted.
    let o = bukusop(dir.path(), &["build", ".", "--per-sop"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let own = dir.path().join("out/sop-ptip-pn-bengkalis-2024");
    std::fs::write(own.join("catatan.pdf"), "milik pengadilan").unwrap();
    let sop = dir.path().join("sop/11-surat-masuk-dan-keluar.yaml");
    replace_in(&sop, "judul: SURAT MASUK DAN KELUAR", "judul: SURAT MASUK");
    for args in [
        &["build", ".", "--per-sop"][..],
        &["build", ".", "-o", "buku.pdf", "--per-sop"],
    ] {
        let o = bukusop(dir.path(), args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let names = |d: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let after = names(&own);
    assert_eq!(after.len(), 16, "{after:?}");
    assert!(after.contains(&"11-surat-masuk.pdf".to_string()));
    assert!(!after.contains(&"11-surat-masuk-dan-keluar.pdf".to_string()));
    assert!(after.contains(&"catatan.pdf".to_string()));
    let theirs = names(&dir.path().join("buku"));
    assert!(theirs.contains(&"11-surat-masuk-dan-keluar.pdf".to_string()));
    assert!(theirs.contains(&"11-surat-masuk.pdf".to_string()));
}

#[test]
fn page_labels_match_the_printed_numbers() {
    // Front matter i–v, then 1, 2, 3 … from the first SOP page.
    assert_eq!(
        bukusop::pdf::labels::read(default_pdf()),
        vec![(0, "r".to_string(), 1), (5, "D".to_string(), 1)]
    );
}

#[test]
fn pdfa_carries_its_conformance_and_metadata() {
    let dir = copy_content(&root().join("content"));
    let o = bukusop(dir.path(), &["build", ".", "-o", "arsip.pdf", "--pdfa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("arsip.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert_contains_all(
        &text,
        &[
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<rdf:li>Pengadilan Negeri Bengkalis</rdf:li>",
            "<xmp:CreateDate>2024-01-21T00:00:00Z</xmp:CreateDate>",
            "<pdf:Keywords>SOP, PTIP, Pengadilan Negeri Bengkalis, 2024</pdf:Keywords>",
        ],
        "PDF/A metadata",
    );
    assert_eq!(page_count(&pdf), 21);
}

#[test]
fn a_scanned_pengesahan_replaces_the_generated_page() {
    let dir = copy_content(&root().join("content"));
    let scan = image::RgbImage::from_pixel(620, 877, image::Rgb([250, 250, 245]));
    scan.save(dir.path().join("pengesahan.png")).unwrap();
    let mut buku = std::fs::read_to_string(dir.path().join("buku.yaml")).unwrap();
    buku.push_str("pengesahan_pindaian: pengesahan.png\n");
    std::fs::write(dir.path().join("buku.yaml"), &buku).unwrap();
    let out = bukusop::build::build(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.pages, 21);
    let page3 = squash(&pdf_text(&out.pdf, Some(3)));
    assert!(!page3.contains("TANGGAL PEMBUATAN"), "{page3}");
    // A file that is no scan is refused with its reason.
    std::fs::write(dir.path().join("pengesahan.png"), "bukan gambar").unwrap();
    let e = bukusop::build::build(dir.path()).err().unwrap().to_string();
    assert!(
        e.contains("pindaian Pengesahan `pengesahan.png`: bukan PDF, PNG atau JPEG"),
        "{e}"
    );
}

#[test]
fn beda_compares_two_git_revisions() {
    let dir = copy_content(&root().join("content"));
    let d = dir.path();
    let git = |args: &[&str]| git_in(d, args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "2024"]);
    replace_in(
        &d.join("sop/03-perawatan-sipp.yaml"),
        "  - kegiatan: Melakukan backup seluruh Sistem dan Database SIPP,",
        "  - kegiatan: Mencadangkan seluruh Sistem dan Database SIPP,",
    );
    git(&["commit", "-q", "-am", "2025"]);
    let o = bukusop(d, &["beda", ".", "--dari", "HEAD~1", "--ke", "HEAD"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains_all(
        &stdout(&o),
        &[
            "SOP PERAWATAN SIPP",
            "langkah 2 diubah",
            "1 SOP berubah, 14 SOP tidak berubah.",
        ],
        "beda between revisions",
    );
    let o = bukusop(d, &["beda", ".", "--dari", "tidak-ada"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("revisi git `tidak-ada` tidak dapat diambil"),
        "{}",
        stderr(&o)
    );
    // A revision that reads as an option of git stays a revision name:
    // git writes no file.
    let planted = d.join("ditanam.tar");
    for args in [
        vec!["beda", ".", "--dari=--output=ditanam.tar"],
        vec!["beda", ".", "--dari", "HEAD", "--ke=--output=ditanam.tar"],
        vec!["beda", ".", "--dari=--remote=/tmp"],
    ] {
        let o = bukusop(d, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("bukan nama revisi"), "{}", stderr(&o));
        assert!(!planted.exists(), "{args:?} made git write a file");
    }
    // A symlink committed in git is not followed out of the folder.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("rahasia.yaml"), "judul: RAHASIA-CI\n").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("rahasia.yaml"),
            d.join("sop/99-tautan.yaml"),
        )
        .unwrap();
        git(&["add", "."]);
        git(&["commit", "-q", "-m", "tautan"]);
        let o = bukusop(d, &["beda", ".", "--dari", "HEAD"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(
                "99-tautan.yaml`: letaknya (setelah tautan simbolik diikuti) di luar folder konten"
            ),
            "{err}"
        );
        assert!(!err.contains("RAHASIA-CI") && !stdout(&o).contains("RAHASIA-CI"));
    }
}

/// A content folder whose committed files make it look like a bare git
/// repository, with a remote that runs a command on a fetch: `beda` uses
/// the real repository around it and runs nothing.
#[cfg(unix)]
#[test]
fn beda_runs_nothing_a_fork_committed_as_git_config() {
    let repo = tempfile::tempdir().unwrap();
    let d = repo.path().join("konten");
    copy_dir(&root().join("content"), &d);
    let marker = repo.path().join("DIJALANKAN");
    let missing = "0123456789abcdef0123456789abcdef01234567\n";
    std::fs::write(d.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::create_dir_all(d.join("objects")).unwrap();
    std::fs::write(d.join("objects/.keep"), "").unwrap();
    std::fs::create_dir_all(d.join("refs/heads")).unwrap();
    std::fs::create_dir_all(d.join("refs/tags")).unwrap();
    std::fs::write(d.join("refs/heads/main"), missing).unwrap();
    std::fs::write(d.join("refs/tags/v1"), missing).unwrap();
    std::fs::write(
        d.join("config"),
        format!(
            "[core]\n\trepositoryformatversion = 1\n\tbare = true\n[extensions]\n\tpartialclone = origin\n[remote \"origin\"]\n\turl = ext::sh -c touch% {}\n\tpromisor = true\n[protocol \"ext\"]\n\tallow = always\n",
            marker.display()
        ),
    )
    .unwrap();
    let git = |args: &[&str]| git_in(repo.path(), args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "fork"]);
    for rev in ["v1", "HEAD", "main"] {
        let o = bukusop(&d, &["beda", ".", "--dari", rev]);
        assert!(
            !marker.exists(),
            "`beda --dari {rev}` ran the fork's command"
        );
        assert!(matches!(o.status.code(), Some(0..=2)), "{}", stderr(&o));
    }
    // The real repository's HEAD is what it compares with.
    let o = bukusop(&d, &["beda", ".", "--dari", "HEAD"]);
    assert!(
        stdout(&o).contains("15 SOP tidak berubah"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// Runs git in `dir` as a test user; it must succeed.
fn git_in(dir: &std::path::Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Uji", "-c", "user.email=uji@example.id"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}
