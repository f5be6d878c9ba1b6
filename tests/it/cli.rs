//! The `bukusop` command as a user runs it.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// One rule for where the PDF goes: `out/` inside the content folder,
/// wherever the command runs; run inside the folder, no argument is needed.
#[test]
fn build_without_arguments_uses_content_and_writes_out() {
    let work = tempfile::tempdir().unwrap();
    let content = copy_content(&root().join("content"));
    std::fs::rename(content.path(), work.path().join("content")).unwrap();
    let o = bukusop(work.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = work
        .path()
        .join("content/out/sop-ptip-pn-bengkalis-2024.pdf");
    let line = stdout(&o);
    assert!(
        line.starts_with("content/out/sop-ptip-pn-bengkalis-2024.pdf: "),
        "{line}"
    );
    assert!(!work.path().join("out").exists());
    // Inside the folder: `build` and `check` find it, the PDF lands in ./out.
    let inside = work.path().join("content");
    std::fs::remove_dir_all(inside.join("out")).unwrap();
    let o = bukusop(&inside, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("out/sop-ptip-pn-bengkalis-2024.pdf: "),
        "{}",
        stdout(&o)
    );
    assert!(inside.join("out/sop-ptip-pn-bengkalis-2024.pdf").is_file());
    let o = bukusop(&inside, &["check"]);
    assert!(
        stderr(&o).contains("0 galat, 14 peringatan"),
        "{}",
        stderr(&o)
    );
    let pages = page_count(&std::fs::read(&pdf).unwrap());
    assert!(line.contains(&format!(" {pages} halaman, ")), "{line}");
    assert!(
        line.contains(" KB, ") && line.trim_end().ends_with(" dtk"),
        "{line}"
    );
}

/// `--quiet` prints nothing when all is well; the PDF is still written.
#[test]
fn quiet_build_prints_nothing() {
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    let o = bukusop(dir.path(), &["build", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "", "no progress when stderr is not a terminal");
    assert!(dir.path().join("out/sop-ptip-2024.pdf").is_file());
}

#[test]
fn build_takes_a_folder_and_an_output_file() {
    let work = tempfile::tempdir().unwrap();
    let content = root().join("content");
    let target = work.path().join("hasil/buku.pdf");
    let o = bukusop(
        work.path(),
        &[
            "build",
            content.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(page_count(&std::fs::read(&target).unwrap()) > 15);
    assert!(!work.path().join("out").exists());
}

/// A broken copy of the default content, with an older PDF already built.
fn broken(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Output) {
    let dir = copy_content(&root().join("content"));
    edit(dir.path());
    let pdf = dir.path().join("lama.pdf");
    std::fs::write(&pdf, b"PDF lama").unwrap();
    let o = bukusop(dir.path(), &["build", ".", "-o", "lama.pdf"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        b"PDF lama",
        "the previous PDF stays"
    );
    assert!(stderr(&o).contains("PDF tidak ditulis"));
    (dir, o)
}

#[test]
fn unknown_role_is_reported_with_its_place() {
    let (_d, o) = broken(|d| {
        replace_in(
            &d.join("sop/12-backup-database-sipp.yaml"),
            "    pelaksana: Staf IT",
            "    pelaksana: Staf ITT",
        );
    });
    let e = stderr(&o);
    assert!(
        e.contains("sop/12-backup-database-sipp.yaml:")
            && e.contains(
                "galat: langkah 1: pelaksana `Staf ITT` tidak ada dalam daftar `pelaksana` SOP ini"
            )
            && e.contains("saran: maksud Anda `Staf IT`?"),
        "{e}"
    );
}

#[test]
fn mistyped_key_gets_a_suggestion() {
    let (_d, o) = broken(|d| {
        replace_in(
            &d.join("sop/03-perawatan-sipp.yaml"),
            "dasar_hukum:",
            "dasar_hukm:",
        )
    });
    let e = stderr(&o);
    assert!(
        e.contains("03-perawatan-sipp.yaml:") && e.contains("kunci `dasar_hukm` tidak dikenal"),
        "{e}"
    );
    assert!(e.contains("maksud Anda `dasar_hukum`?"), "{e}");
}

#[test]
fn bad_nip_and_date_are_errors() {
    let (_d, o) = broken(|d| {
        let b = d.join("buku.yaml");
        replace_in(&b, "\"197803022002121005\"", "\"19780302200212005\"");
        replace_in(&b, "revisi: 2024-01-20", "revisi: 2024-02-30");
    });
    let e = stderr(&o);
    assert!(
        e.contains("NIP `19780302200212005` berisi 17 angka, seharusnya 18"),
        "{e}"
    );
    assert!(e.contains("tanggal `2024-02-30` tidak dapat dibaca"), "{e}");
    assert!(e.contains("buku.yaml:"), "{e}");
}

#[test]
fn a_logo_that_is_not_an_image_is_rejected() {
    let (_d, o) = broken(|d| {
        std::fs::write(d.join("logo.png"), b"bukan gambar").unwrap();
        replace_in(&d.join("buku.yaml"), "  logo: contoh", "  logo: logo.png");
    });
    assert!(
        stderr(&o).contains("logo `logo.png`: bukan gambar PNG atau JPEG"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_logo_outside_the_content_folder_is_refused() {
    let (_d, o) = broken(|d| {
        std::fs::copy(
            root().join("logos/logo-pengadilan.png"),
            d.parent().unwrap().join("luar.png"),
        )
        .ok();
        replace_in(
            &d.join("buku.yaml"),
            "  logo: contoh",
            "  logo: ../luar.png",
        );
    });
    let e = stderr(&o);
    assert!(
        e.contains("logo `../luar.png` tidak dapat dibaca: letaknya (setelah tautan simbolik diikuti) di luar folder konten")
            || e.contains("logo `../luar.png` tidak dapat dibaca: berkas tidak ditemukan"),
        "{e}"
    );
}

#[test]
fn a_real_logo_is_used_and_downscaled() {
    let dir = copy_content(&root().join("content"));
    let big = image::RgbImage::from_fn(4000, 4000, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    big.save(dir.path().join("besar.png")).unwrap();
    replace_in(
        &dir.path().join("buku.yaml"),
        "  logo: contoh",
        "  logo: besar.png",
    );
    let out = bukusop::build::build(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    // A 4000-px photo must not bloat the PDF: the default build is ~650 KB.
    assert!(
        out.pdf.len() < default_pdf().len() + 1_500_000,
        "{} bytes",
        out.pdf.len()
    );
}

#[test]
fn usage_errors_are_indonesian_with_exit_code_2() {
    let o = bukusop(&root(), &["bangun"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("galat: perintah tidak dikenal: bangun"),
        "{}",
        stderr(&o)
    );
    let o = bukusop(&root(), &["--help"]);
    assert!(
        stdout(&o).contains("Bangun buku SOP menjadi PDF"),
        "{}",
        stdout(&o)
    );
    // A folder that is not there is a usage mistake, not bad content.
    let o = bukusop(&root(), &["build", "tidak-ada"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("folder konten `tidak-ada` tidak ditemukan"),
        "{}",
        stderr(&o)
    );
}

/// Help, usage and clap's suggestions all in Indonesian; `help`,
/// `completions` and `--version` (with the Typst it embeds).
#[test]
fn help_is_indonesian_with_suggestions_completions_and_version() {
    for args in [&["build", "--help"][..], &["help", "build"]] {
        let o = bukusop(&root(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let help = stdout(&o);
        assert!(
            help.contains("Pemakaian: bukusop build [OPSI] [FOLDER]"),
            "{help}"
        );
        assert!(
            help.contains("\nArgumen:\n") && help.contains("\nOpsi:\n"),
            "{help}"
        );
        for english in ["Usage", "Options", "Arguments", "[default", "[possible"] {
            assert!(!help.contains(english), "{english} in {help}");
        }
    }
    let o = bukusop(&root(), &["check", "--help"]);
    assert!(
        stdout(&o).contains("[bawaan: teks]")
            && stdout(&o).contains("[pilihan: teks, json, github]"),
        "{}",
        stdout(&o)
    );
    let o = bukusop(&root(), &["biuld"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("saran: maksud Anda `build`?"),
        "{}",
        stderr(&o)
    );
    let o = bukusop(&root(), &["check", "--format", "xml"]);
    assert!(stderr(&o).contains("pilihan: teks, json"), "{}", stderr(&o));
    let o = bukusop(&root(), &["help", "chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("maksud Anda `check`?"),
        "{}",
        stderr(&o)
    );
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = bukusop(&root(), &["completions", shell]);
        assert!(o.status.success(), "{shell}");
        assert!(stdout(&o).contains("templat"), "{shell}: {}", stdout(&o));
    }
    let o = bukusop(&root(), &["--version"]);
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let typst = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"typst\"\n"))
        .and_then(|p| p.split("version = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .unwrap();
    assert_eq!(
        stdout(&o).trim(),
        format!("bukusop {} (typst {typst})", env!("CARGO_PKG_VERSION"))
    );
}

/// The README's examples make a booklet that builds: `buku.yaml` with the
/// house-style block added, the SOP file, and an SOP of sub-procedures.
#[test]
fn readme_example_builds() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let block = |start: &str| {
        *blocks
            .iter()
            .find(|b| b.starts_with(start))
            .unwrap_or_else(|| panic!("a README block starting with {start:?}"))
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sop")).unwrap();
    let buku = format!("{}\n{}", block("pengadilan:"), block("# Bagian depan"));
    std::fs::write(dir.path().join("buku.yaml"), buku).unwrap();
    // The logos the block names, as a court puts its own in `logo/`.
    std::fs::create_dir(dir.path().join("logo")).unwrap();
    for (bundled, own) in [
        ("logo-pengadilan.png", "pengadilan.png"),
        ("berakhlak.png", "berakhlak.png"),
        ("bangga-melayani-bangsa.png", "bangga-melayani-bangsa.png"),
    ] {
        std::fs::copy(
            root().join("logos").join(bundled),
            dir.path().join("logo").join(own),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("sop/01-surat.yaml"), block("judul:")).unwrap();
    let sub = format!("judul: SURAT DINAS\nrevisi: 0\n{}", block("prosedur:"));
    std::fs::write(dir.path().join("sop/02-surat-dinas.yaml"), sub).unwrap();
    let out = bukusop::build::build(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let text = squash(&pdf_text(&out.pdf, None));
    assert_contains_all(
        &text,
        &[
            "1/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024",
            "SURAT MASUK DAN KELUAR",
            "KATA PENGANTAR",
            "MAKNA DAN SIMBOL",
            "STATUS DOKUMEN",
            "A. Surat Masuk",
            "B. Surat Keluar",
            "Waktu yang diperlukan : 70 menit / 1 jam 10 menit",
        ],
        "the README's booklet",
    );
}

/// One mistake in each of five files, one of them a syntax error: one run
/// of `check` reports all five, each at its place.
#[test]
fn check_reports_every_file_in_one_run() {
    let (d, _) = broken(|d| {
        replace_in(
            &d.join("buku.yaml"),
            "nip: \"197803022002121005\"",
            "nip: \"19780302200212100\"",
        );
        replace_in(
            &d.join("sop/03-perawatan-sipp.yaml"),
            "judul: SOP PERAWATAN SIPP",
            "judul: \"SOP PERAWATAN SIPP",
        );
        replace_in(
            &d.join("sop/05-perawatan-jaringan.yaml"),
            "    pelaksana: Team TI\n",
            "    pelaksana: Team TIX\n",
        );
        replace_in(
            &d.join("sop/06-peliputan-penginputan-website.yaml"),
            "      tidak: 5",
            "      tidak: 12",
        );
        replace_in(
            &d.join("sop/09-pengumpulan-data-sakip.yaml"),
            "peringatan: >-",
            "peringatann: >-",
        );
    });
    let o = bukusop(d.path(), &["check"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    for (file, what) in [
        ("buku.yaml:46:10", "NIP `19780302200212100` berisi 17 angka"),
        ("sop/03-perawatan-sipp.yaml:", "galat:"),
        (
            "sop/05-perawatan-jaringan.yaml:",
            "pelaksana `Team TIX` tidak ada",
        ),
        (
            "sop/06-peliputan-penginputan-website.yaml:83:14",
            "menuju langkah 12 yang tidak ada",
        ),
        (
            "sop/09-pengumpulan-data-sakip.yaml:18:1",
            "kunci `peringatann` tidak dikenal",
        ),
    ] {
        assert!(
            e.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file} {what}:\n{e}"
        );
    }
    assert!(e.contains(": 5 galat,"), "{e}");
    // The same as GitHub annotations, one per problem, each at its place.
    let o = bukusop(d.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        5,
        "{lines:?}"
    );
    assert!(
        lines.contains(&"::error file=./sop/06-peliputan-penginputan-website.yaml,line=83,col=14::langkah 6 menuju langkah 12 yang tidak ada (SOP ini punya 7 langkah) (saran: tulis nomor langkah antara 1 dan 7)".to_string()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{lines:?}"
    );
}

/// Flow mistakes point at the number that is wrong.
#[test]
fn flow_errors_name_the_step_and_the_place() {
    let file = "sop/06-peliputan-penginputan-website.yaml";
    let (_d, o) = broken(|d| replace_in(&d.join(file), "      tidak: 5", "      tidak: 12"));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "{file}:83:14: galat: langkah 6 menuju langkah 12 yang tidak ada (SOP ini punya 7 langkah)\n   |\n83 |       tidak: 12\n   |              ^^\n  saran: tulis nomor langkah antara 1 dan 7"
        )),
        "{e}"
    );

    let (_d, o) = broken(|d| replace_in(&d.join(file), "      tidak: 5\n", ""));
    let e = stderr(&o);
    assert!(
        e.contains("galat: keputusan langkah 6 tidak menyebut ke mana `tidak` menuju")
            && e.contains("saran: keputusan butuh dua jalan keluar"),
        "{e}"
    );

    // Step 6 jumps straight to 7 (“lanjut”) and also decides: both reported.
    let (_d, o) = broken(|d| {
        replace_in(
            &d.join(file),
            "    keputusan:\n",
            "    lanjut: 7\n    keputusan:\n",
        )
    });
    assert!(
        stderr(&o)
            .contains("langkah 6: `keputusan`, `lanjut` dan `selesai` tidak bisa dipakai bersama"),
        "{}",
        stderr(&o)
    );

    // Step 3 ends early: steps 4 … 7 are no longer reached.
    let (_d, o) = broken(|d| {
        replace_in(
            &d.join(file),
            "    output: Hasil Peliputan\n",
            "    output: Hasil Peliputan\n    selesai: true\n",
        )
    });
    assert!(
        stderr(&o).contains("galat: langkah 4 tidak pernah dicapai"),
        "{}",
        stderr(&o)
    );
}

/// `check` reports everything at once, for people and as JSON, with the
/// exit codes CI relies on.
#[test]
fn check_reports_all_problems_with_exit_codes() {
    let dir = copy_content(&root().join("content"));
    let o = bukusop(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // "." is reported by the folder's own name.
    let name = dir.path().file_name().unwrap().to_string_lossy();
    assert!(
        stderr(&o).contains(&format!("\n{name}: 0 galat, 14 peringatan")),
        "{}",
        stderr(&o)
    );

    replace_in(
        &dir.path().join("buku.yaml"),
        "  revisi: 2024-01-20",
        "  revisi: 2024-13-20",
    );
    replace_in(
        &dir.path().join("sop/12-backup-database-sipp.yaml"),
        "    pelaksana: Staf IT",
        "    pelaksana: Staf ITT",
    );
    let o = bukusop(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("galat: tanggal `2024-13-20` tidak dapat dibaca"),
        "{e}"
    );
    assert!(e.contains("pelaksana `Staf ITT` tidak ada"), "{e}");
    assert!(e.contains(&format!("\n{name}: 2 galat, ")), "{e}");

    let o = bukusop(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["tingkat"] == "galat")
        .collect();
    assert_eq!(errors.len(), 2, "{json}");
    assert_eq!(errors[0]["berkas"], "./buku.yaml");
    assert_eq!(errors[0]["baris"], 31);
    assert_eq!(errors[0]["kolom"], 11);

    let o = bukusop(dir.path(), &["check", "tidak-ada"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The schemas in the content folders are the ones the model produces.
#[test]
fn committed_schemas_are_current() {
    for folder in ["content", "examples/pn-tais", "examples/pn-bangil"] {
        for (name, text) in bukusop::content::schema::all() {
            let file = root().join(folder).join("schema").join(name);
            let committed = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(
                committed == text,
                "{} is stale: run `cargo run --release -- schema {folder}`",
                file.display()
            );
        }
    }
}

/// A new court starts its own folder, which checks and builds as it is.
#[test]
fn init_then_new_then_build() {
    let work = tempfile::tempdir().unwrap();
    let o = bukusop(
        work.path(),
        &[
            "init",
            "pa-contoh",
            "--pengadilan",
            "Pengadilan Agama Contoh",
            "--kelas",
            "IB",
            "--unit",
            "UMUM DAN KEUANGAN",
            "--kode",
            "UK",
            "--tahun",
            "2026",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let d = work.path().join("pa-contoh");
    for f in [
        "buku.yaml",
        "sop/01-surat-masuk.yaml",
        "sop/02-permohonan-informasi.yaml",
        "logo/logo-pengadilan.png",
        ".gitignore",
        "README.md",
        ".github/workflows/bukusop.yml",
        "schema/sop.schema.json",
    ] {
        assert!(d.join(f).is_file(), "{f} missing");
    }
    // The placeholder logo `init` writes is marked until it is replaced.
    let o = bukusop(&d, &["check", "."]);
    assert!(
        stderr(&o).contains("./buku.yaml:12:9: peringatan: logo pengadilan `logo/logo-pengadilan.png` sama persis dengan logo contoh bawaan bukusop")
            && stderr(&o).contains("pa-contoh: 0 galat, 1 peringatan"),
        "{}",
        stderr(&o)
    );

    let o = bukusop(&d, &["new", "Pengelolaan Arsip"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("sop/03-pengelolaan-arsip.yaml").is_file());

    let o = bukusop(&d, &["build", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(d.join("out/sop-uk-pengadilan-agama-contoh-2026.pdf")).unwrap();
    assert_eq!(page_count(&pdf), 8, "5 front pages and one page per SOP");
    let text = squash(&pdf_text(&pdf, None));
    assert_contains_all(
        &text,
        &[
            "PENGADILAN AGAMA CONTOH KELAS IB",
            "SOP UMUM DAN KEUANGAN",
            "3/KPN.X/SOP.UK/OT1.2/I/2026",
            "PENGELOLAAN ARSIP",
            "Belum lengkap",
        ],
        "the new court's booklet",
    );

    // A folder that already holds files is not touched.
    let o = bukusop(work.path(), &["init", "pa-contoh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("sudah berisi berkas (selain .git, README dan LICENSE)"),
        "{}",
        stderr(&o)
    );

    // A freshly cloned repository (only .git, README and LICENSE) is
    // filled; its README and LICENSE stay the court's own.
    let repo = work.path().join("sop-pa");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("README.md"), "# SOP kami\n").unwrap();
    std::fs::write(repo.join("LICENSE"), "hak cipta\n").unwrap();
    let o = bukusop(work.path(), &["init", "sop-pa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(repo.join("README.md")).unwrap(),
        "# SOP kami\n"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("LICENSE")).unwrap(),
        "hak cipta\n"
    );
    assert!(repo.join("buku.yaml").is_file() && repo.join("sop/01-surat-masuk.yaml").is_file());
    let o = bukusop(&repo, &["check"]);
    assert!(stderr(&o).contains("0 galat"), "{}", stderr(&o));
}

/// `watch` builds, rebuilds after a save, reports a broken save without
/// touching the last good PDF, and builds again once it is fixed.
#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    use std::io::BufRead;
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bukusop"))
        .current_dir(dir.path())
        .arg("watch")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next = || {
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("a line from watch")
    };
    let first = next();
    let pdf = dir.path().join("out/sop-ptip-2024.pdf");
    assert!(
        first.contains("out/sop-ptip-2024.pdf: 6 halaman"),
        "{first}"
    );
    let sop = dir.path().join("sop/01-contoh.yaml");
    let text = std::fs::read_to_string(&sop).unwrap();
    std::fs::write(
        &sop,
        text.replace("Menerima berkas", "Menerima berkas baru"),
    )
    .unwrap();
    let second = next();
    assert!(
        second.contains("out/sop-ptip-2024.pdf: 6 halaman"),
        "{second}"
    );
    assert!(
        squash(&pdf_text(&std::fs::read(&pdf).unwrap(), Some(6))).contains("Menerima berkas baru")
    );
    let good = std::fs::read(&pdf).unwrap();
    // What the warm rebuild wrote is what a cold build makes.
    assert!(
        good == build(dir.path()).pdf,
        "a rebuild differs from a cold build"
    );
    std::fs::write(&sop, "judul: [rusak\n").unwrap();
    let third = next();
    assert!(
        third.contains("gagal: 1 galat")
            && third.contains("PDF terakhir yang berhasil tetap dipakai"),
        "{third}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    std::fs::write(&sop, text).unwrap();
    let fourth = next();
    assert!(fourth.contains("6 halaman"), "{fourth}");
    child.kill().unwrap();
    let _ = child.wait();
}

/// The project's workflows (CI, releases) and the one `init` writes: the
/// actions on their Node 24 majors, the four release targets with
/// checksums, the pinned version, annotations; and actionlint finds
/// nothing in any of them when it is installed.
#[test]
fn workflows_are_current_and_pass_actionlint() {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let ci = root().join(".github/workflows/ci.yml");
    let rilis = root().join(".github/workflows/rilis.yml");
    let dir = tempfile::tempdir().unwrap();
    let init = dir.path().join("bukusop.yml");
    std::fs::write(&init, bukusop::scaffold::workflow()).unwrap();
    let files = [&ci, &rilis, &init];
    for f in files {
        let text = read(f);
        for uses in text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- uses: "))
        {
            assert!(
                [
                    "actions/checkout@v5",
                    "actions/cache@v5",
                    "actions/upload-artifact@v6",
                    "actions/download-artifact@v7"
                ]
                .contains(&uses),
                "{}: {uses}",
                f.display()
            );
        }
    }
    assert!(read(&ci).contains("run: ./.ci/run"));
    let r = read(&rilis);
    for target in [
        "x86_64-unknown-linux-musl",
        "x86_64-pc-windows-msvc",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
    ] {
        assert!(r.contains(&format!("- target: {target}")), "{target}");
    }
    assert!(r.contains("tags: [\"v*\"]") && r.contains("sha256sum -- * > SHA256SUMS"));
    let w = read(&init);
    assert!(
        w.contains(&format!("BUKUSOP_VERSI: \"{}\"", env!("CARGO_PKG_VERSION"))),
        "{w}"
    );
    assert!(w.contains("run: bukusop check . --format github"), "{w}");
    // The release of that version, downloaded and checked, never compiled;
    // the file rilis.yml publishes, by the name it publishes it under.
    assert!(!w.contains("cargo"), "{w}");
    assert!(
        w.contains(&format!(
            "BUKUSOP_RILIS: {}/releases",
            env!("CARGO_PKG_REPOSITORY")
        )),
        "{w}"
    );
    assert!(
        w.contains("nama=\"bukusop-v${BUKUSOP_VERSI}-x86_64-unknown-linux-musl.tar.gz\""),
        "{w}"
    );
    assert!(r.contains("name=\"bukusop-${GITHUB_REF_NAME}-${TARGET}\""));
    assert!(
        w.contains("grep -F \"  $nama\" SHA256SUMS | sha256sum -c -"),
        "{w}"
    );
    assert!(
        w.contains("bukusop build . -o out/buku-sop.pdf --per-sop"),
        "{w}"
    );
    assert!(w.contains("path: out/"), "{w}");
    // The examples carry the workflow init writes today.
    for ex in ["pn-tais", "pn-bangil", "pa-contoh"] {
        let committed = read(&root().join(format!("examples/{ex}/.github/workflows/bukusop.yml")));
        assert_eq!(committed, read(&init), "examples/{ex}");
    }
    match std::process::Command::new("actionlint")
        .args(files)
        .output()
    {
        Ok(o) => assert!(
            o.status.success(),
            "actionlint:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => eprintln!("actionlint is not installed: the workflows were not linted"),
    }
}

/// `bukusop ci` brings a content repository's workflow to this version:
/// written when missing or old, left alone when current.
#[test]
fn ci_refreshes_the_workflow_to_this_version() {
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    let path = dir.path().join(".github/workflows/bukusop.yml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "BUKUSOP_VERSI: \"0.0.1\"\n").unwrap();
    let o = bukusop(dir.path(), &["ci"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("bukusop.yml ditulis: memakai bukusop"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bukusop::scaffold::workflow()
    );
    let o = bukusop(dir.path(), &["ci", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("sudah sesuai bukusop"),
        "{}",
        stdout(&o)
    );
}

/// `build --typst` writes the markup of the last pass and everything it
/// reads; compiled again from those files alone, it gives the same pages.
#[test]
fn build_writes_its_typst_markup_for_template_authors() {
    let dir = copy_content(&root().join("tests/rusak/dasar"));
    // Inside the content folder only under out/: never among its files.
    let o = bukusop(dir.path(), &["build", "--typst", "fonts"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`fonts` ada di dalam folder konten `.`"),
        "{}",
        stderr(&o)
    );
    let o = bukusop(dir.path(), &["build", "--typst", "out/typst"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("out/typst/buku.typ: markup Typst; `typst compile --root out/typst"),
        "{}",
        stdout(&o)
    );
    let t = dir.path().join("out/typst");
    let markup = std::fs::read_to_string(t.join("buku.typ")).unwrap();
    let mut files = std::collections::HashMap::new();
    let mut fonts = Vec::new();
    let mut stack = vec![t.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.parent() == Some(&t.join("fonts")) {
                fonts.push(std::fs::read(&p).unwrap());
            } else if p != t.join("buku.typ") {
                let virtual_path = format!("/{}", p.strip_prefix(&t).unwrap().display());
                files.insert(virtual_path, std::fs::read(&p).unwrap());
            }
        }
    }
    assert!(files.contains_key("/bukusop.typ"), "{:?}", files.keys());
    assert!(!fonts.is_empty());
    let doc = bukusop::build::Sumber {
        files,
        fonts: fonts.into(),
    }
    .compile(&markup)
    .unwrap_or_else(|d| panic!("{d}"));
    let pdf = std::fs::read(dir.path().join("out/sop-ptip-2024.pdf")).unwrap();
    assert_eq!(doc.pages().len(), page_count(&pdf));
}

/// `bench --markdown` prints the README's table: dated, a row per booklet
/// with the median and the spread of its total, then the plain Typst ratio.
#[test]
fn bench_prints_a_dated_markdown_table_with_spreads() {
    let o = bukusop(
        &root(),
        &[
            "bench",
            "content",
            "--ulang",
            "2",
            "--sop",
            "2",
            "--langkah",
            "3",
            "--peran",
            "1",
            "--markdown",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Diukur 20"), "{out}");
    assert!(lines[0].contains("`bukusop bench --ulang 2`"), "{out}");
    let rows: Vec<Vec<&str>> = lines
        .iter()
        .filter(|l| l.starts_with("| buku bawaan") || l.starts_with("| sintetis 2×3×1"))
        .map(|l| l.split(" | ").collect())
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    // The default booklet: its pages, and a total with its spread.
    assert_eq!(rows[0][6], "21", "{out}");
    let total = rows[0][5];
    let (median, spread) = total.split_once(" dtk (").unwrap();
    let (min, max) = spread.trim_end_matches(')').split_once('–').unwrap();
    let [median, min, max]: [f64; 3] = [median, min, max].map(|x| x.parse().unwrap());
    assert!(min <= median && median <= max, "{total}");
    // Against a plain compile to a PDF, and against its layout alone.
    let polos = out
        .lines()
        .find(|l| l.contains("kompilasi Typst polos"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(polos.contains("menjadi PDF"), "{polos}");
    assert_eq!(polos.matches('×').count(), 2, "{polos}");
    assert!(polos.contains("tata letaknya saja"), "{polos}");
}
