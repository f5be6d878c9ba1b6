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
    // A folder where an SOP's PDF goes: refused before anything is written.
    std::fs::set_permissions(&booklet, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(&single).unwrap();
    std::fs::create_dir(&single).unwrap();
    let o = bukusop(d.path(), &["build", ".", "-o", "buku.pdf", "--per-sop"]);
    fails_with(&o, 2, "yang ditunjuk adalah folder, bukan berkas");
    assert_eq!(std::fs::read(&booklet).unwrap(), b"BUKU LAMA");
}

/// `-o` names a PDF outside the content's own files, and never anything
/// but a regular file: a pipe, a device node or a symlink is refused, not
/// replaced by a regular file (`-o /dev/null` run as root).
#[cfg(unix)]
#[test]
fn the_output_is_a_pdf_and_never_a_file_the_build_reads_or_a_special_file() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let buku = std::fs::read(d.path().join("buku.yaml")).unwrap();
    for (target, why) in [
        (
            "buku.yaml",
            "berkas keluaran `buku.yaml` harus berakhiran .pdf",
        ),
        ("sop/01.pdf", "`sop/01.pdf` ada di dalam folder konten `.`"),
    ] {
        let o = bukusop(d.path(), &["build", ".", "-o", target]);
        fails_with(&o, 2, why);
    }
    assert_eq!(std::fs::read(d.path().join("buku.yaml")).unwrap(), buku);
    // A scanned Pengesahan is a PDF the build reads.
    let o = bukusop(d.path(), &["build", ".", "-o", "pindai.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut with_scan = String::from_utf8(buku.clone()).unwrap();
    with_scan.push_str("pengesahan_pindaian: pindai.pdf\n");
    std::fs::write(d.path().join("buku.yaml"), with_scan).unwrap();
    let scan = std::fs::read(d.path().join("pindai.pdf")).unwrap();
    let o = bukusop(d.path(), &["build", ".", "-o", "pindai.pdf"]);
    fails_with(
        &o,
        2,
        "`pindai.pdf` adalah berkas yang dibaca buku ini; bukusop tidak menimpanya",
    );
    assert_eq!(std::fs::read(d.path().join("pindai.pdf")).unwrap(), scan);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("korban.txt");
    std::fs::write(&victim, "utuh").unwrap();
    let link = outside.path().join("tautan.pdf");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let pipe = outside.path().join("pipa.pdf");
    let c = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    for odd in [&link, &pipe] {
        let o = bukusop(d.path(), &["build", ".", "-o", odd.to_str().unwrap()]);
        fails_with(
            &o,
            2,
            "tujuan bukan berkas biasa (tautan simbolik, pipa atau perangkat); tidak ditimpa",
        );
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"utuh");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(!std::fs::symlink_metadata(&pipe).unwrap().is_file());
    // Judged where the path really leads: `..` after a folder that does
    // not exist yet, and a committed symlink `out` into `sop/` (the default
    // output and every per-SOP PDF are judged too).
    let sop_before = std::fs::read_dir(d.path().join("sop")).unwrap().count();
    for target in ["baru/../pindai.pdf", "templates/../sop/x.pdf"] {
        let o = bukusop(d.path(), &["build", ".", "-o", target]);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
    }
    let o = bukusop(d.path(), &["build", ".", "-o", "sop.pdf", "--per-sop"]);
    fails_with(&o, 2, "ada di dalam folder konten");
    std::fs::remove_dir_all(d.path().join("out")).ok();
    std::os::unix::fs::symlink("sop", d.path().join("out")).unwrap();
    let o = bukusop(d.path(), &["build", "."]);
    fails_with(
        &o,
        2,
        "out` bukan folder biasa (tautan simbolik atau berkas); tidak ditulis",
    );
    // Nor out of the folder.
    std::fs::remove_file(d.path().join("out")).unwrap();
    std::os::unix::fs::symlink(outside.path(), d.path().join("out")).unwrap();
    let o = bukusop(d.path(), &["build", "."]);
    fails_with(
        &o,
        2,
        "out` bukan folder biasa (tautan simbolik atau berkas); tidak ditulis",
    );
    assert!(!outside.path().join("sop-ptip-2024.pdf").exists());
    // A folder under `out/` as well, for `-o` and `--typst` alike.
    std::fs::remove_file(d.path().join("out")).unwrap();
    std::fs::create_dir(d.path().join("out")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), d.path().join("out/dbg")).unwrap();
    for args in [
        &["build", ".", "-o", "out/dbg/b.pdf"][..],
        &["build", ".", "--typst", "out/dbg"],
    ] {
        let o = bukusop(d.path(), args);
        fails_with(&o, 2, "out/dbg` bukan folder biasa");
    }
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    std::fs::remove_file(d.path().join("out/dbg")).unwrap();
    let o = bukusop(d.path(), &["build", ".", "--typst", "baru/.."]);
    fails_with(&o, 2, "`baru/..` ada di dalam folder konten");
    // Each file of `--typst` too: a committed `fonts` symlink under it.
    std::fs::create_dir_all(d.path().join("out/dbg")).unwrap();
    std::os::unix::fs::symlink("../../sop", d.path().join("out/dbg/fonts")).unwrap();
    let o = bukusop(d.path(), &["build", ".", "--typst", "out/dbg"]);
    fails_with(
        &o,
        2,
        "out/dbg/fonts` bukan folder biasa (tautan simbolik atau berkas); tidak ditulis",
    );
    assert!(
        !d.path().join("out/sop-ptip-2024.pdf").exists(),
        "nothing is written"
    );
    assert_eq!(std::fs::read(d.path().join("pindai.pdf")).unwrap(), scan);
    assert_eq!(
        std::fs::read_dir(d.path().join("sop")).unwrap().count(),
        sop_before
    );
    // Written: readable by all, as a file an editor saves.
    use std::os::unix::fs::PermissionsExt;
    let out = outside.path().join("buku.pdf");
    let o = bukusop(d.path(), &["build", ".", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}

/// A failure to print that is not a closed pipe (a full disk) is said in
/// one line, exit 2, never a panic.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_stdout_is_an_error_not_a_panic() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    for args in [
        &["completions", "bash"][..],
        &["check", ".", "--format", "json"],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_bukusop"))
            .current_dir(d.path())
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        fails_with(&o, 2, "galat: keluaran tidak dapat ditulis: disk penuh");
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
    // stderr itself full: exit 2 all the same, never an abort.
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bukusop"))
        .arg("tidak-ada")
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// A template error quotes the court's template as it was read, never a
/// file of the same name in the current folder; a folder name with an
/// escape sequence prints as text.
#[cfg(unix)]
#[test]
fn messages_quote_only_what_was_read_and_escape_paths() {
    let base = tempfile::tempdir().unwrap();
    let content = base.path().join("konten\u{1b}[31mMERAH");
    crate::common::copy_dir(&root().join("tests/rusak/dasar"), &content);
    std::fs::create_dir(content.join("templates")).unwrap();
    std::fs::write(
        content.join("templates/informasi.typ.j2"),
        "{# block #}\n{% if %}\n",
    )
    .unwrap();
    let cwd = base.path().join("lain");
    std::fs::create_dir(&cwd).unwrap();
    std::fs::write(
        cwd.join("informasi.typ.j2"),
        "KUNCI-RAHASIA\nKUNCI-RAHASIA\n",
    )
    .unwrap();
    let o = bukusop(&cwd, &["check", content.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("KUNCI-RAHASIA"), "{err}");
    assert!(err.contains("2 | {% if %}"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
    assert!(err.contains("konten\\u{1b}[31mMERAH"), "{err}");
    std::fs::remove_dir_all(content.join("templates")).unwrap();
    let o = bukusop(&cwd, &["build", content.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains('\u{1b}'), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("konten\\u{1b}[31mMERAH/out/"),
        "{}",
        stdout(&o)
    );
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
            "KEPANITERAAN: UMUM",
            "--kode",
            "PT #IP",
            "--tahun",
            "2026",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let buku = std::fs::read_to_string(d.path().join("pa/buku.yaml")).unwrap();
    assert!(buku.contains("  kode: \"PT #IP\""), "{buku}");
    assert!(buku.contains("  nama: \"KEPANITERAAN: UMUM\""), "{buku}");
    // A line break or an escape byte would start new lines in the README
    // it writes: refused, nothing written.
    for unit in [
        "UMUM\nberkas: pwn",
        "U\u{1b}[31m",
        "UMUM\u{2028}X",
        "U\u{202e}X",
    ] {
        let o = bukusop(
            d.path(),
            &["init", "pc", "--pengadilan", "PA Uji", "--unit", unit],
        );
        fails_with(&o, 2, "`--unit` berisi baris baru atau karakter kendali");
        assert!(!d.path().join("pc").exists());
    }
    let o = bukusop(&d.path().join("pa"), &["new", "Judul \u{202e}balik"]);
    fails_with(&o, 2, "berisi baris baru atau karakter kendali");
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
    // The seal is the first line: cut anywhere, it stays and no longer
    // matches.
    assert!(sealed.starts_with("# sidik: "), "{sealed}");
    let damaged = "galat: `riwayat.yaml` rusak: isinya tidak cocok dengan sidiknya (terpotong, atau diubah dengan tangan)";
    let restore = "saran: pulihkan berkasnya dari git (`git log -- riwayat.yaml`";
    let edited = sealed.replacen("tahun: 2024", "tahun: 2023", 1);
    let lines: Vec<&str> = sealed.lines().collect();
    let at_line_end = format!("{}\n", lines[..lines.len() / 2].join("\n"));
    let mid_record = sealed[..sealed.len() * 2 / 3].to_string();
    for broken in [&edited, &at_line_end, &mid_record] {
        std::fs::write(&file, broken).unwrap();
        for cmd in ["check", "build", "beda"] {
            let o = bukusop(d.path(), &[cmd, "."]);
            fails_with(&o, 1, damaged);
            assert!(stderr(&o).contains(restore), "{}", stderr(&o));
        }
        assert!(!d.path().join("out").exists(), "a PDF was written");
    }
    // A record of the previous version, sealed on its last line: read.
    let text = &sealed[sealed.find('\n').unwrap() + 1..];
    let seal = sealed.lines().next().unwrap();
    std::fs::write(&file, format!("{text}{seal}\n")).unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("riwayat"), "{}", stderr(&o));
    // Checked out by git on Windows (CRLF, a BOM): still sealed.
    let crlf = format!("\u{feff}{}", sealed.replace('\n', "\r\n"));
    std::fs::write(&file, &crlf).unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    // No seal at all (written by hand, or a record of the previous version
    // cut short): nothing is built or revised from it until the user has
    // checked it and sealed it as it stands.
    std::fs::write(&file, text).unwrap();
    let unsealed = "riwayat.yaml:1:1: galat: `riwayat.yaml` tidak bersidik";
    for cmd in ["check", "build", "beda"] {
        let o = bukusop(d.path(), &[cmd, "."]);
        fails_with(&o, 1, unsealed);
        assert!(stderr(&o).contains("--riwayat-utuh"), "{}", stderr(&o));
    }
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "Mengarsipkan",
        "Menyimpan",
    );
    let o = bukusop(d.path(), &["revisi", ".", "--tanggal", "2024-03-01"]);
    fails_with(&o, 1, unsealed);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
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
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // A default effective date past 2100 would write a record no build
    // could read: refused before.
    let o = bukusop(
        d.path(),
        &["revisi", ".", "--tanggal", "2100-12-31", "--riwayat-utuh"],
    );
    fails_with(
        &o,
        2,
        "tanggal efektif (sehari setelah tanggal revisi) `2101-01-01` tidak dapat dibaca",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let o = bukusop(
        d.path(),
        &["revisi", ".", "--tanggal", "2024-03-01", "--riwayat-utuh"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let resealed = std::fs::read_to_string(&file).unwrap();
    assert!(resealed.starts_with("# sidik: "));
    assert!(resealed.contains("2024-03-01"), "{resealed}");
}

/// A record that matches its seal but holds what no revision writes (a
/// year past 2100, a number that would wrap) is damaged too, and an SOP's
/// own revision number is range-checked.
#[test]
fn numbers_in_the_revision_record_are_range_checked() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let file = d.path().join("riwayat.yaml");
    let o = bukusop(d.path(), &["revisi", ".", "--tanggal", "2024-02-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sealed = std::fs::read_to_string(&file).unwrap();
    let text = &sealed[sealed.find('\n').unwrap() + 1..];
    let reseal = |t: &str| {
        use sha2::Digest;
        let sum: String = sha2::Sha256::digest(t.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("# sidik: {sum}\n{t}")
    };
    for (from, to, why) in [
        (
            "tahun: 2024",
            "tahun: 99999",
            "tahun 99999 di luar 1900–2100",
        ),
        (
            "nomor: 0",
            "nomor: 4294967295",
            "nomor revisi 4294967295 lebih dari 9999",
        ),
        (
            "efektif: \"2024-01-21\"",
            "efektif: \"2101-01-01\"",
            "tanggal `2101-01-01` tidak sah",
        ),
        (
            "  revisi:\n",
            "  ditarik: kemarin sore\n  revisi:\n",
            "ditarik: tanggal `kemarin sore` tidak sah",
        ),
    ] {
        assert!(text.contains(from), "{text}");
        std::fs::write(&file, reseal(&text.replacen(from, to, 1))).unwrap();
        let o = bukusop(d.path(), &["check", "."]);
        fails_with(&o, 1, why);
        assert!(
            stderr(&o).contains("riwayat.yaml` rusak: "),
            "{}",
            stderr(&o)
        );
    }
    std::fs::write(&file, &sealed).unwrap();
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "revisi: 0",
        "revisi: 4294967295",
    );
    let o = bukusop(d.path(), &["check", "."]);
    fails_with(
        &o,
        1,
        "`revisi` bernilai 4294967295; seharusnya antara 0 dan 999",
    );
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

/// `schema`, `ci`, `new` and `templat salin` write into the content
/// folder, each where its file's name says: a folder on the way that a
/// fork committed as a symlink (into `sop/`, or out of the folder) is
/// refused, and nothing is written through it.
#[cfg(unix)]
#[test]
fn writes_into_the_content_never_follow_a_committed_symlinked_folder() {
    use std::os::unix::fs::symlink;
    use std::path::Path;
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let outside = tempfile::tempdir().unwrap();
    let sop = d.path().join("sop");
    let listing = |p: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = listing(&sop);
    symlink("sop", d.path().join("schema")).unwrap();
    std::fs::create_dir(d.path().join(".github")).unwrap();
    symlink("../sop", d.path().join(".github/workflows")).unwrap();
    symlink(outside.path(), d.path().join("templates")).unwrap();
    for (args, folder) in [
        (&["schema", "."][..], "schema"),
        (&["ci", "."], ".github/workflows"),
        (&["templat", "salin", "sampul"], "templates"),
    ] {
        let o = bukusop(d.path(), args);
        fails_with(
            &o,
            2,
            &format!("{folder}` bukan folder biasa (tautan simbolik atau berkas); tidak ditulis"),
        );
    }
    // `sop/` itself a link out of the folder.
    std::fs::rename(&sop, outside.path().join("sop")).unwrap();
    symlink(outside.path().join("sop"), &sop).unwrap();
    let o = bukusop(d.path(), &["new", "Uji Tautan"]);
    fails_with(&o, 2, "sop` bukan folder biasa");
    assert_eq!(listing(&outside.path().join("sop")), before);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
}

/// Control characters written as YAML escapes (`\e`, `\a`) are named by
/// `check` at their place and left out of the PDF, so `build --pdfa`
/// passes what `check --pdfa` passes.
#[test]
fn control_characters_are_named_and_left_out_of_the_pdf() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "{kegiatan: Menerima berkas,",
        r#"{kegiatan: "\e[31mX\a Menerima berkas","#,
    );
    for args in [&["check", "."][..], &["check", ".", "--pdfa"]] {
        let o = bukusop(d.path(), args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(
                "sop/01-contoh.yaml:5:17: peringatan: karakter kendali U+001B, U+0007 tidak tercetak; dibuang dari PDF"
            ),
            "{}",
            stderr(&o)
        );
    }
    let o = bukusop(d.path(), &["build", ".", "--pdfa", "-o", "buku.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = crate::common::pdf_text(&std::fs::read(d.path().join("buku.pdf")).unwrap(), None);
    assert!(text.contains("[31mX Menerima berkas"), "{text}");
    assert!(!text.contains(['\u{1b}', '\u{7}']));
    // A mark that reverses the text that follows: named, left out.
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "{kegiatan: Memeriksa berkas,",
        r#"{kegiatan: "\u202eABC Memeriksa berkas","#,
    );
    let o = bukusop(d.path(), &["check", "."]);
    assert!(
        stderr(&o).contains("sop/01-contoh.yaml:6:17: peringatan: karakter kendali U+202E tidak tercetak; dibuang dari PDF"),
        "{}",
        stderr(&o)
    );
    let o = bukusop(d.path(), &["build", ".", "-o", "buku.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = crate::common::pdf_text(&std::fs::read(d.path().join("buku.pdf")).unwrap(), None);
    assert!(
        text.contains("ABC Memeriksa berkas") && !text.contains('\u{202e}'),
        "{text}"
    );
    // A revision note is printed too: one with a control character is
    // refused before anything is written.
    let o = bukusop(d.path(), &["revisi", ".", "--catatan", "a\u{1b}[31mb"]);
    fails_with(
        &o,
        2,
        "catatan berisi karakter kendali U+001B; tidak dicatat",
    );
    assert!(!d.path().join("riwayat.yaml").exists());
    // One with a character no font has is recorded, and named by check.
    let o = bukusop(d.path(), &["revisi", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "Mengarsipkan",
        "Menyimpan",
    );
    let o = bukusop(d.path(), &["revisi", ".", "--catatan", "\u{6587} kedua"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bukusop(d.path(), &["check", "."]);
    assert!(
        stderr(&o).contains("riwayat.yaml:1:1: peringatan: teks di `riwayat.yaml` memuat karakter `\u{6587}` (U+6587) yang tidak ada di fon mana pun"),
        "{}",
        stderr(&o)
    );
}

/// Text that reads like PDF syntax is text: the packer never counts it
/// as a page (it did, and refused the build).
#[test]
fn a_title_that_reads_like_pdf_syntax_builds() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    crate::common::replace_in(
        &d.path().join("sop/01-contoh.yaml"),
        "judul: CONTOH YANG BENAR",
        "judul: \"/Type/Page /Count 9 0 R\"",
    );
    let o = bukusop(d.path(), &["build", ".", "-o", "buku.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(d.path().join("buku.pdf")).unwrap();
    assert_eq!(crate::common::page_count(&pdf), 6);
    assert!(crate::common::pdf_text(&pdf, None).contains("/Type/Page /Count 9 0 R"));
}

/// A court font whose licence forbids embedding (OS/2 fsType 2): `check
/// --pdfa` refuses it as `build --pdfa` would, in Indonesian.
#[test]
fn a_restricted_font_is_refused_by_check_pdfa_as_by_build() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let mut font = std::fs::read(root().join("fonts/LiberationSans-Regular.ttf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let os2 = (0..tables)
        .map(|k| 12 + 16 * k)
        .find(|&at| &font[at..at + 4] == b"OS/2")
        .map(|at| u32::from_be_bytes(font[at + 8..at + 12].try_into().unwrap()) as usize)
        .unwrap();
    font[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    std::fs::create_dir(d.path().join("fonts")).unwrap();
    std::fs::write(d.path().join("fonts/terbatas.ttf"), font).unwrap();
    let o = bukusop(d.path(), &["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [&["check", ".", "--pdfa"][..], &["build", ".", "--pdfa"]] {
        let o = bukusop(d.path(), args);
        fails_with(
            &o,
            1,
            "fon `Liberation Sans` berlisensi terbatas (fsType 2, tidak boleh ditanam); PDF/A tidak dapat dibuat",
        );
    }
}
