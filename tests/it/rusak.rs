//! Broken and hostile content. Each file in `tests/rusak/kasus/` replaces
//! `buku.yaml` (names starting `buku-`) or joins the SOPs (`sop-`) of the
//! small valid folder `tests/rusak/dasar/`; what `bukusop check` says about
//! it is kept in `tests/rusak/harapan/<case>.txt`. A few cases are made in
//! code (a 10 MB text, a broken font, and the symlinks, pipes and huge
//! files a hostile fork may plant).
//!
//! None may panic, take a second, or leave a PDF behind. After an intended
//! change of a message, regenerate the expectations and read every one:
//!
//!     UPDATE_REFERENCES=1 cargo test --release --test it rusak::

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{copy_content, root};

fn dir() -> PathBuf {
    root().join("tests/rusak")
}

/// Sets up the case `name` in a copy of the base folder.
fn prepare(name: &str, setup: impl FnOnce(&Path)) -> tempfile::TempDir {
    let d = copy_content(&dir().join("dasar"));
    setup(d.path());
    // Also a previous PDF, which a failed build must leave as it was.
    std::fs::write(d.path().join("lama.pdf"), name).unwrap();
    d
}

/// Checks one case; returns its report with the folder's path taken out.
fn run(name: &str, d: &Path) -> String {
    let start = Instant::now();
    let diags = std::panic::catch_unwind(|| bukusop::build::check(d))
        .unwrap_or_else(|_| panic!("{name}: check panicked"));
    let took = start.elapsed();
    // No case may hang (a pipe, a bomb); check now lays the booklet out
    // once, and under the whole suite's load the first layout of a
    // process can take a while.
    assert!(took < Duration::from_secs(5), "{name}: check took {took:?}");

    if diags.has_errors() {
        let o = Command::new(env!("CARGO_BIN_EXE_bukusop"))
            .current_dir(d)
            .args(["build", ".", "-o", "lama.pdf"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}: build exit code");
        assert_eq!(
            std::fs::read(d.join("lama.pdf")).unwrap(),
            name.as_bytes(),
            "{name}: the previous PDF changed"
        );
        let leftovers: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: {leftovers:?}");
    }
    let text = format!(
        "{}{}\n",
        bukusop::diag::report::teks(&diags),
        bukusop::diag::report::ringkasan(&diags)
    );
    let prefix = format!("{}/", d.display());
    text.replace(&prefix, "")
}

fn compare(name: &str, actual: &str, failures: &mut Vec<String>) {
    let file = dir().join("harapan").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_REFERENCES").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "── {name} ──\nexpected:\n{expected}\nactual:\n{actual}"
        ));
    }
}

#[test]
fn every_broken_file_gets_its_message() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir().join("kasus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    let mut with_errors = 0;
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let target = if name.starts_with("buku-") {
            "buku.yaml".to_string()
        } else {
            "sop/02-kasus.yaml".to_string()
        };
        let d = prepare(&name, |d| {
            std::fs::copy(case, d.join(&target)).unwrap();
        });
        let report = run(&name, d.path());
        with_errors +=
            usize::from(!report.contains("\n0 galat,") && !report.starts_with("0 galat,"));
        compare(&name, &report, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Most cases are mistakes; a few (BOM, CRLF, Typst syntax) must pass.
    assert!(with_errors >= 40, "{with_errors} cases with errors");
}

#[test]
fn cases_made_in_code() {
    let mut failures = Vec::new();
    // A 10 MB activity text: refused by the size limit of a YAML file,
    // not a hang.
    let d = prepare("teks-10mb", |d| {
        let long = "kata ".repeat(2 * 1024 * 1024);
        let s = format!(
            "judul: PANJANG\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - kegiatan: {long}\n    pelaksana: Staf\n  - kegiatan: Selesai\n    pelaksana: Staf\n"
        );
        std::fs::write(d.join("sop/02-kasus.yaml"), s).unwrap();
    });
    compare("kode-teks-10mb", &run("teks-10mb", d.path()), &mut failures);

    // A logo that is a symlink to a file outside the content folder.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("rahasia.png");
        std::fs::copy(root().join("logos/berakhlak.png"), &secret).unwrap();
        let d = prepare("logo-symlink", |d| {
            std::os::unix::fs::symlink(&secret, d.join("logo.png")).unwrap();
            let buku = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
            let buku = buku.replace(
                "  alamat: Jalan Uji Nomor 1",
                "  alamat: Jalan Uji Nomor 1\n  logo: logo.png",
            );
            std::fs::write(d.join("buku.yaml"), buku).unwrap();
        });
        compare(
            "kode-logo-symlink",
            &run("logo-symlink", d.path()),
            &mut failures,
        );
    }

    // More steps than one build lays out: refused before the layout.
    let d = prepare("terlalu-besar", |d| {
        let mut s = String::from("judul: BESAR\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n");
        for i in 0..8000 {
            s.push_str(&format!("  - {{kegiatan: Langkah {i}, pelaksana: Staf}}\n"));
        }
        std::fs::write(d.join("sop/02-kasus.yaml"), s).unwrap();
    });
    compare(
        "kode-terlalu-besar",
        &run("terlalu-besar", d.path()),
        &mut failures,
    );

    // Fewer steps, but so long that the booklet would run past two thousand
    // pages (about 3 GB to lay out): refused before the layout.
    // `n` SOPs of 10 long steps each.
    let long_sops = |d: &Path, n: usize| {
        let long = "uraian panjang ".repeat(38);
        for k in 0..n {
            let mut s = format!("judul: PANJANG {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n");
            for i in 0..10 {
                s.push_str(&format!(
                    "  - {{kegiatan: Langkah {i} {long}, pelaksana: Staf}}\n"
                ));
            }
            std::fs::write(d.join(format!("sop/{:03}-panjang.yaml", k + 2)), s).unwrap();
        }
    };
    let d = prepare("terlalu-banyak-halaman", |d| long_sops(d, 600));
    compare(
        "kode-terlalu-banyak-halaman",
        &run("terlalu-banyak-halaman", d.path()),
        &mut failures,
    );
    // Half as many pages fit when a court's own `sop.typ.j2` makes the
    // booklet one document (more memory a page).
    let d = prepare("utuh-terlalu-banyak-halaman", |d| {
        long_sops(d, 300);
        std::fs::create_dir_all(d.join("templates")).unwrap();
        let own = bukusop::content::assets::Templates::bundled("sop.typ.j2").unwrap();
        std::fs::write(
            d.join("templates/sop.typ.j2"),
            format!("{own}{{# milik pengadilan #}}\n"),
        )
        .unwrap();
    });
    compare(
        "kode-utuh-terlalu-banyak-halaman",
        &run("utuh-terlalu-banyak-halaman", d.path()),
        &mut failures,
    );

    // Short steps, but notes under the tables (`keterangan`) long enough
    // to run the booklet past two thousand pages: refused as well.
    let d = prepare("keterangan-terlalu-panjang", |d| {
        let note = format!("  - {}\n", "catatan panjang ".repeat(190));
        for k in 0..20 {
            let s = format!(
                "judul: CATATAN {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - {{kegiatan: Menerima, pelaksana: Staf}}\nketerangan:\n{}",
                note.repeat(270)
            );
            std::fs::write(d.join(format!("sop/{:02}-catatan.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-keterangan-terlalu-panjang",
        &run("keterangan-terlalu-panjang", d.path()),
        &mut failures,
    );

    // Line breaks inside a note count as lines (1,500 of them, a few
    // characters each, in each of 40 SOPs).
    let d = prepare("baris-baru-terlalu-banyak", |d| {
        let note = format!("  - \"{}\"\n", "a\\n".repeat(1500));
        for k in 0..80 {
            let s = format!(
                "judul: BARIS {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - {{kegiatan: Menerima, pelaksana: Staf}}\nketerangan:\n{note}"
            );
            std::fs::write(d.join(format!("sop/{:02}-baris.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-baris-baru-terlalu-banyak",
        &run("baris-baru-terlalu-banyak", d.path()),
        &mut failures,
    );

    // U+2028 breaks a line as well; and rows as tall as `bagan.tinggi_baris`.
    let d = prepare("pemisah-baris-terlalu-banyak", |d| {
        let note = format!("  - \"{}\"\n", "a\\u2028".repeat(1500));
        for k in 0..80 {
            let s = format!(
                "judul: PEMISAH {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - {{kegiatan: Menerima, pelaksana: Staf}}\nketerangan:\n{note}"
            );
            std::fs::write(d.join(format!("sop/{:02}-pemisah.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-pemisah-baris-terlalu-banyak",
        &run("pemisah-baris-terlalu-banyak", d.path()),
        &mut failures,
    );
    // A file that is only `~`: its error is at the file, not nowhere.
    let d = prepare("sop-hanya-null", |d| {
        std::fs::write(d.join("sop/02-kosong.yaml"), "~\n").unwrap();
    });
    compare(
        "kode-sop-hanya-null",
        &run("sop-hanya-null", d.path()),
        &mut failures,
    );
    // A byte-order mark before the first line (a Windows editor) is no
    // text: no font warning, and PDF/A is not refused for it.
    let d = prepare("bom-di-awal", |d| {
        let file = d.join("sop/01-contoh.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, format!("\u{feff}# komentar\n{text}")).unwrap();
    });
    compare(
        "kode-bom-di-awal",
        &run("bom-di-awal", d.path()),
        &mut failures,
    );
    let o = Command::new(env!("CARGO_BIN_EXE_bukusop"))
        .args(["check", ".", "--pdfa"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Text as base64 (`!!binary`) would hide what it prints from a
    // reviewer: the short tag, and the same tag spelt in full.
    for (name, tag) in [
        ("sop-binary", "!!binary"),
        ("sop-binary-penuh", "!<tag:yaml.org,2002:binary>"),
    ] {
        let d = prepare(name, |d| {
            let file = d.join("sop/01-contoh.yaml");
            let text = std::fs::read_to_string(&file).unwrap();
            let text = text.replace(
                "judul: CONTOH YANG BENAR",
                &format!("judul: {tag} Q09OVE9IIFlBTkcgQkVOQVI="),
            );
            std::fs::write(&file, text).unwrap();
        });
        compare(&format!("kode-{name}"), &run(name, d.path()), &mut failures);
    }
    // Kelengkapan lists print an item a line (40 items on each of 30 steps
    // in 40 SOPs).
    let d = prepare("kelengkapan-terlalu-panjang", |d| {
        let items = format!("[{}]", vec!["a"; 40].join(", "));
        let steps = format!("  - {{kegiatan: Menerima, pelaksana: Staf, kelengkapan: {items}}}\n")
            .repeat(30);
        for k in 0..80 {
            let s = format!("judul: DAFTAR {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n{steps}");
            std::fs::write(d.join(format!("sop/{:02}-daftar.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-kelengkapan-terlalu-panjang",
        &run("kelengkapan-terlalu-panjang", d.path()),
        &mut failures,
    );
    // Titles of many lines fill DAFTAR ISI and DAFTAR NOMOR.
    let d = prepare("judul-terlalu-panjang", |d| {
        let judul = "JUDUL\\n".repeat(570);
        for k in 0..60 {
            let s = format!(
                "judul: \"SOP {k} {judul}\"\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n  - {{kegiatan: Menerima, pelaksana: Staf}}\n"
            );
            std::fs::write(d.join(format!("sop/{:02}-judul.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-judul-terlalu-panjang",
        &run("judul-terlalu-panjang", d.path()),
        &mut failures,
    );
    // A court template that prints pages in a loop: no estimate sees it;
    // counted once laid out, by check and build alike.
    let d = prepare("templat-halaman-berulang", |d| {
        let o = Command::new(env!("CARGO_BIN_EXE_bukusop"))
            .args(["templat", "salin", "sampul", "--folder"])
            .arg(d)
            .output()
            .unwrap();
        assert!(o.status.success());
        let file = d.join("templates/sampul.typ.j2");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text + "\n#for i in range(2050) [#pagebreak() x]\n").unwrap();
    });
    compare(
        "kode-templat-halaman-berulang",
        &run("templat-halaman-berulang", d.path()),
        &mut failures,
    );
    let d = prepare("baris-tinggi-terlalu-banyak", |d| {
        let buku = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
        std::fs::write(d.join("buku.yaml"), buku + "bagan:\n  tinggi_baris: 60\n").unwrap();
        let steps = "  - {kegiatan: Menerima, pelaksana: Staf}\n".repeat(60);
        for k in 0..70 {
            let s = format!("judul: TINGGI {k}\nrevisi: 0\npelaksana: [Staf]\nlangkah:\n{steps}");
            std::fs::write(d.join(format!("sop/{:02}-tinggi.yaml", k + 2)), s).unwrap();
        }
    });
    compare(
        "kode-baris-tinggi-terlalu-banyak",
        &run("baris-tinggi-terlalu-banyak", d.path()),
        &mut failures,
    );

    // Two SOP files with one number: their order rests on the rest of
    // their names.
    let d = prepare("nomor-berkas-ganda", |d| {
        let sop = std::fs::read_to_string(d.join("sop/01-contoh.yaml")).unwrap();
        std::fs::write(
            d.join("sop/1-lain.yaml"),
            sop.replace("CONTOH YANG BENAR", "CONTOH LAIN"),
        )
        .unwrap();
    });
    compare(
        "kode-nomor-berkas-ganda",
        &run("nomor-berkas-ganda", d.path()),
        &mut failures,
    );

    // A font file that is not a font.
    let d = prepare("fon-rusak", |d| {
        std::fs::create_dir(d.join("fonts")).unwrap();
        std::fs::write(d.join("fonts/Rusak.ttf"), b"bukan fon").unwrap();
    });
    compare("kode-fon-rusak", &run("fon-rusak", d.path()), &mut failures);

    // A damaged revision record: an SOP recorded without a revision.
    let d = prepare("riwayat-revisi-kosong", |d| {
        std::fs::write(
            d.join("riwayat.yaml"),
            "buku:\n  - {tanggal: 2024-01-20, efektif: 2024-01-21, tahun: 2024}\nsop:\n  - {berkas: 01-contoh.yaml, judul: CONTOH, revisi: []}\n",
        )
        .unwrap();
    });
    compare(
        "kode-riwayat-revisi-kosong",
        &run("riwayat-revisi-kosong", d.path()),
        &mut failures,
    );
    #[cfg(unix)]
    hostile_files(&mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Files a fork may plant to read outside its folder or to hang the build:
/// each refused with its reason, the canary outside never read.
#[cfg(unix)]
fn hostile_files(failures: &mut Vec<String>) {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let canary = outside.path().join("rahasia.txt");
    std::fs::write(&canary, "KUNCI-RAHASIA-CI").unwrap();
    // Accessed before modified: with relatime (the common mount option) a
    // single read of it moves its access time.
    let modified = std::fs::metadata(&canary).unwrap().modified().unwrap();
    let before = modified - Duration::from_secs(86400);
    std::fs::File::options()
        .write(true)
        .open(&canary)
        .unwrap()
        .set_times(
            std::fs::FileTimes::new()
                .set_accessed(before)
                .set_modified(modified),
        )
        .unwrap();
    let mkfifo = |p: &Path| {
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    };
    type Setup<'a> = Box<dyn Fn(&Path) + 'a>;
    let cases: Vec<(&str, Setup)> = vec![
        (
            "templat-symlink",
            Box::new(|d: &Path| {
                std::fs::create_dir(d.join("templates")).unwrap();
                symlink(&canary, d.join("templates/sop.typ.j2")).unwrap();
            }),
        ),
        (
            "folder-templat-symlink",
            Box::new(|d: &Path| symlink(outside.path(), d.join("templates")).unwrap()),
        ),
        (
            "folder-sop-symlink",
            Box::new(|d: &Path| {
                let sop = outside.path().join("sop");
                std::fs::create_dir_all(&sop).unwrap();
                std::fs::copy(d.join("sop/01-contoh.yaml"), sop.join("01-contoh.yaml")).unwrap();
                std::fs::remove_dir_all(d.join("sop")).unwrap();
                symlink(&sop, d.join("sop")).unwrap();
            }),
        ),
        (
            "sop-symlink",
            Box::new(|d: &Path| symlink(&canary, d.join("sop/02-kasus.yaml")).unwrap()),
        ),
        (
            "buku-fifo",
            Box::new(|d: &Path| {
                std::fs::remove_file(d.join("buku.yaml")).unwrap();
                mkfifo(&d.join("buku.yaml"));
            }),
        ),
        (
            "fon-dev-zero",
            Box::new(|d: &Path| {
                std::fs::create_dir(d.join("fonts")).unwrap();
                symlink("/dev/zero", d.join("fonts/Nol.ttf")).unwrap();
            }),
        ),
        (
            "fon-raksasa",
            Box::new(|d: &Path| {
                std::fs::create_dir(d.join("fonts")).unwrap();
                let f = std::fs::File::create(d.join("fonts/Besar.ttf")).unwrap();
                f.set_len(1 << 40).unwrap();
            }),
        ),
    ];
    for (name, setup) in &cases {
        let d = prepare(name, setup);
        let report = run(name, d.path());
        assert!(
            !report.contains("KUNCI-RAHASIA"),
            "{name} read the canary:\n{report}"
        );
        compare(&format!("kode-{name}"), &report, failures);
        let accessed = std::fs::metadata(&canary).unwrap().accessed().unwrap();
        assert_eq!(
            accessed, before,
            "{name}: the canary outside the folder was read"
        );
    }
    // The check above is only as good as the mount's access times.
    std::fs::read(&canary).unwrap();
    let moved = std::fs::metadata(&canary).unwrap().accessed().unwrap() != before;
    if !moved {
        eprintln!(
            "catatan: sistem berkas ini tidak mencatat waktu akses; uji kenari hanya memeriksa isi laporan"
        );
    }
}

/// Random YAML-like text never makes the loader panic.
#[test]
fn random_yaml_never_panics() {
    const PIECES: [&str; 40] = [
        "judul",
        "revisi",
        "langkah",
        "pelaksana",
        "keputusan",
        "ya",
        "tidak",
        "lanjut",
        "kegiatan",
        "waktu",
        ":",
        ": ",
        "- ",
        "\n",
        "\n  ",
        "\n    ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "'",
        "&a ",
        "*a",
        "!!str ",
        "!!int ",
        "#",
        "1",
        "-1",
        "99999999999",
        "0x1F",
        "~",
        "null",
        "true",
        "Staf",
        "? ",
        "|\n  ",
        ">-\n  ",
        "\t",
    ];
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let file = Path::new("acak.yaml");
    for _ in 0..3000 {
        let len = 1 + next(60);
        let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        let t = text.clone();
        let ok = std::panic::catch_unwind(move || {
            let _ = bukusop::content::yaml::parse::<bukusop::content::model::Sop>(file, &t);
            let _ = bukusop::content::yaml::parse::<bukusop::content::model::Buku>(file, &t);
        });
        assert!(ok.is_ok(), "panic on:\n{text}");
    }
}
