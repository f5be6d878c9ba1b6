//! Arguments and situations a script or a hostile fork may bring, run
//! through the `bukusop` binary: each ends with a clear message and its
//! exit code, never a panic, and leaves earlier files as they were.

use crate::common::{bukusop, copy_content, root, stderr, stdout};

/// The command ended with exit code `code` and said `msg`.
fn fails_with(o: &std::process::Output, code: i32, msg: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(err.contains(msg), "{err}");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let d = copy_content(&root().join("tests/rusak/dasar"));
    // 300 lines of warnings, of which the reader takes a few bytes.
    let mut sop = String::from("judul: PIPA\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n");
    for i in 0..300 {
        sop.push_str(&format!(
            "  - {{kegiatan: Langkah {i}, pelaksana: Staf, waktu: 3 Mneit}}\n"
        ));
    }
    std::fs::write(d.path().join("sop/02-pipa.yaml"), sop).unwrap();
    for format in ["teks", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bukusop"))
            .args(["check", ".", "--format", format])
            .current_dir(d.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        let mut out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        // Close the reading end of whichever stream the report goes to.
        if format == "json" {
            let _ = out.read(&mut first);
            drop(out);
        } else {
            let _ = err.read(&mut first);
            drop(err);
        }
        let status = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_ne!(status.code(), Some(101), "{format}: panicked");
        assert!(
            status.signal() == Some(libc::SIGPIPE) || status.success(),
            "{format}: {status:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_pdf_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let pdf = d.path().join("lama.pdf");
    std::fs::write(&pdf, "PDF LAMA").unwrap();
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bukusop(d.path(), &["build", ".", "-o", "lama.pdf"]);
    fails_with(&o, 2, "berkas tujuan hanya-baca");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"PDF LAMA");
}

/// The booklet and its SOPs' PDFs are one set: when the booklet cannot be
/// replaced, no SOP's PDF is either, and no temporary file stays behind.
#[cfg(unix)]
#[test]
fn a_failed_per_sop_write_leaves_every_file_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let sops = d.path().join("buku");
    std::fs::create_dir(&sops).unwrap();
    let single = sops.join("01-contoh-yang-benar.pdf");
    std::fs::write(&single, "SOP LAMA").unwrap();
    let booklet = d.path().join("buku.pdf");
    std::fs::write(&booklet, "BUKU LAMA").unwrap();
    std::fs::set_permissions(&booklet, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bukusop(d.path(), &["build", ".", "-o", "buku.pdf", "--per-sop"]);
    fails_with(&o, 2, "berkas tujuan hanya-baca");
    assert_eq!(std::fs::read(&booklet).unwrap(), b"BUKU LAMA");
    assert_eq!(std::fs::read(&single).unwrap(), b"SOP LAMA");
    let left: Vec<String> = [d.path(), sops.as_path()]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn init_quotes_what_it_writes() {
    let d = tempfile::tempdir().unwrap();
    let o = bukusop(
        d.path(),
        &[
            "init",
            "pa",
            "--pengadilan",
            "Pengadilan Agama \"Uji\" #1",
            "--kelas",
            "IB",
            "--unit",
            "KEPANITERAAN: UMUM\nkode: X",
            "--kode",
            "PT #IP",
            "--tahun",
            "2026",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let buku = std::fs::read_to_string(d.path().join("pa/buku.yaml")).unwrap();
    assert!(buku.contains("  kode: \"PT #IP\""), "{buku}");
    assert!(
        buku.contains("  nama: \"KEPANITERAAN: UMUM\\u000akode: X\""),
        "{buku}"
    );
    let o = bukusop(&d.path().join("pa"), &["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bukusop(d.path(), &["init", "pb", "--tahun", "99999"]);
    fails_with(&o, 2, "tahun 99999 di luar rentang 1900–2100");
}

#[test]
fn sintetis_refuses_a_folder_with_files() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let before = std::fs::read(d.path().join("buku.yaml")).unwrap();
    let o = bukusop(d.path(), &["sintetis", ".", "--sop", "2"]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("folder sudah berisi berkas"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(d.path().join("buku.yaml")).unwrap(), before);
}

#[test]
fn a_damaged_revision_record_is_never_read_as_a_shorter_history() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let file = d.path().join("riwayat.yaml");
    let o = bukusop(d.path(), &["revisi", ".", "--tanggal", "2024-02-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sealed = std::fs::read_to_string(&file).unwrap();
    assert!(
        sealed.lines().last().unwrap().starts_with("# sidik: "),
        "{sealed}"
    );
    // Edited by hand: the seal no longer matches.
    std::fs::write(&file, sealed.replacen("tahun: 2024", "tahun: 2023", 1)).unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    fails_with(
        &o,
        1,
        "galat: `riwayat.yaml` rusak: isinya tidak cocok dengan sidik di baris terakhirnya",
    );
    // Cut short at a line end: readable YAML, but unsealed. `check` warns;
    // `revisi` refuses to extend it until told it is whole.
    let cut: String = sealed
        .lines()
        .filter(|l| !l.starts_with("# sidik"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, &cut).unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("riwayat.yaml:1:1: peringatan: `riwayat.yaml` tidak bersidik"),
        "{}",
        stderr(&o)
    );
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "Mengarsipkan",
        "Menyimpan",
    );
    let o = bukusop(d.path(), &["revisi", ".", "--tanggal", "2024-03-01"]);
    fails_with(&o, 2, "riwayat.yaml tidak bersidik");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), cut);
    // Read-only: refused, kept.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
        let o = bukusop(
            d.path(),
            &["revisi", ".", "--tanggal", "2024-03-01", "--riwayat-utuh"],
        );
        fails_with(&o, 2, "berkas tujuan hanya-baca");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), cut);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let o = bukusop(
        d.path(),
        &["revisi", ".", "--tanggal", "2024-03-01", "--riwayat-utuh"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let resealed = std::fs::read_to_string(&file).unwrap();
    assert!(resealed.lines().last().unwrap().starts_with("# sidik: "));
    assert!(resealed.contains("2024-03-01"), "{resealed}");
}

#[test]
fn pdfa_refuses_in_indonesian_what_it_cannot_hold() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    std::fs::write(
        d.path().join("sop/02-arab.yaml"),
        "judul: SOP بسم\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - {kegiatan: Menerima, pelaksana: Staf}\n  - {kegiatan: Selesai, pelaksana: Staf}\n",
    )
    .unwrap();
    // Plain PDF: a warning, the booklet is written.
    let o = bukusop(d.path(), &["build", ".", "-o", "biasa.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "karakter `ب` (U+0628), `س` (U+0633), `م` (U+0645) tidak ada di fon mana pun"
        ),
        "{}",
        stderr(&o)
    );
    let o = bukusop(d.path(), &["build", ".", "--pdfa", "-o", "arsip.pdf"]);
    fails_with(&o, 1, "sop/02-arab.yaml:1:12: galat: karakter `ب`");
    assert!(
        stderr(&o).contains("PDF/A tidak dapat dibuat"),
        "{}",
        stderr(&o)
    );
    assert!(!d.path().join("arsip.pdf").exists());
    // check --pdfa says so before a build: the same error, at the same place.
    let o = bukusop(d.path(), &["check", ".", "--pdfa"]);
    fails_with(&o, 1, "sop/02-arab.yaml:1:12: galat: karakter `ب`");
    let o = bukusop(d.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A scan that is a PDF cannot go into a PDF/A.
    std::fs::remove_file(d.path().join("sop/02-arab.yaml")).unwrap();
    std::fs::copy(d.path().join("biasa.pdf"), d.path().join("pindaian.pdf")).unwrap();
    let mut buku = std::fs::read_to_string(d.path().join("buku.yaml")).unwrap();
    buku.push_str("pengesahan_pindaian: pindaian.pdf\n");
    std::fs::write(d.path().join("buku.yaml"), buku).unwrap();
    let o = bukusop(d.path(), &["build", ".", "--pdfa", "-o", "arsip.pdf"]);
    fails_with(
        &o,
        1,
        "galat: pindaian Pengesahan `pindaian.pdf` berupa PDF; PDF/A tidak dapat memuat PDF lain",
    );
    let o = bukusop(d.path(), &["check", ".", "--pdfa"]);
    fails_with(&o, 1, "berupa PDF; PDF/A tidak dapat memuat PDF lain");
    // A scan that only claims to be a PDF is refused by check too.
    std::fs::write(d.path().join("pindaian.pdf"), "%PDF-1.7 sampah").unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    fails_with(&o, 1, "PDF rusak atau tidak dapat dibaca");
}

#[test]
fn a_step_taller_than_a_page_is_an_error_not_a_cut() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let words: Vec<String> = (0..2500).map(|i| format!("kata{i}")).collect();
    std::fs::write(
        d.path().join("sop/02-tinggi.yaml"),
        format!(
            "judul: TINGGI\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - kegiatan: Mulai\n    pelaksana: Staf\n  - kegiatan: {}\n    pelaksana: Staf\n  - kegiatan: Selesai\n    pelaksana: Staf\n",
            words.join(" ")
        ),
    )
    .unwrap();
    std::fs::write(d.path().join("lama.pdf"), "PDF LAMA").unwrap();
    let o = bukusop(d.path(), &["build", ".", "-o", "lama.pdf"]);
    fails_with(
        &o,
        1,
        "sop/02-tinggi.yaml:7:5: galat: langkah 2: barisnya lebih tinggi dari satu halaman; isinya akan terpotong",
    );
    assert_eq!(
        std::fs::read(d.path().join("lama.pdf")).unwrap(),
        b"PDF LAMA"
    );
    // `check` finds it too: what it passes, `build` does not reject.
    let o = bukusop(d.path(), &["check", "."]);
    fails_with(
        &o,
        1,
        "sop/02-tinggi.yaml:7:5: galat: langkah 2: barisnya lebih tinggi dari satu halaman; isinya akan terpotong",
    );
}
