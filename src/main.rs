//! The `bukusop` command: a thin layer over the library that prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, Parser, Subcommand, error::ErrorKind};

use bukusop::build::{self, Timings};
use bukusop::diag::Diagnostics;
use bukusop::report;

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "bukusop",
    version,
    about = "Membangun buku SOP pengadilan (PDF siap cetak) dari berkas YAML.",
    help_template = TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Perintah",
    next_help_heading = "Opsi",
    arg(help_arg()),
    arg(Arg::new("versi").short('V').long("version").action(ArgAction::Version).help("Tampilkan versi")),
)]
struct Cli {
    #[command(subcommand)]
    perintah: Perintah,
}

#[derive(Subcommand)]
enum Perintah {
    /// Bangun buku SOP menjadi PDF (bawaan: folder ./content, hasil di out/)
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Build {
        /// Folder konten (berisi buku.yaml dan sop/)
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
        /// Tulis PDF ke BERKAS ini, bukan ke out/<nama>.pdf
        #[arg(short = 'o', long = "output", value_name = "BERKAS")]
        output: Option<PathBuf>,
        /// Tulis juga satu PDF per SOP (untuk situs web), ke folder bernama sama dengan PDF buku
        #[arg(long)]
        per_sop: bool,
        /// Tulis PDF/A-2b untuk arsip
        #[arg(long)]
        pdfa: bool,
    },
    /// Periksa konten tanpa membangun: semua kesalahan sekaligus, dengan letaknya
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Check {
        /// Folder konten (berisi buku.yaml dan sop/)
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
        /// Bentuk laporan: `teks` untuk dibaca, `json` untuk editor dan CI
        #[arg(long, value_enum, default_value_t = Format::Teks, value_name = "BENTUK")]
        format: Format,
    },
    /// Tulis JSON Schema berkas buku dan berkas SOP ke FOLDER/schema/ (untuk editor)
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Schema {
        /// Folder konten
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
    },
    /// Revisi tahunan: naikkan nomor revisi SOP yang berubah dan catat di riwayat.yaml
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Revisi {
        /// Folder konten
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
        /// Tanggal revisi, TAHUN-BULAN-HARI (bawaan: hari ini)
        #[arg(long, value_name = "TANGGAL")]
        tanggal: Option<String>,
        /// Tanggal efektif (bawaan: sehari setelah tanggal revisi)
        #[arg(long, value_name = "TANGGAL")]
        efektif: Option<String>,
        /// Catatan singkat revisi ini
        #[arg(long, value_name = "TEKS")]
        catatan: Option<String>,
        /// Tampilkan saja apa yang akan berubah, tanpa menulis riwayat.yaml
        #[arg(long)]
        dry_run: bool,
    },
    /// Tampilkan apa yang berubah sejak revisi terakhir, atau di antara dua revisi git
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Beda {
        /// Folder konten
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
        /// Revisi git pembanding (misalnya HEAD~1 atau nama tag)
        #[arg(long, value_name = "REVISI")]
        dari: Option<String>,
        /// Revisi git tujuan (bawaan: isi folder sekarang)
        #[arg(long, value_name = "REVISI", requires = "dari")]
        ke: Option<String>,
    },
    /// Mulai folder konten baru untuk sebuah pengadilan
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Init {
        /// Folder baru (harus belum ada atau kosong)
        #[arg(value_name = "FOLDER")]
        folder: PathBuf,
        /// Nama pengadilan, misalnya "Pengadilan Agama Contoh"
        #[arg(long, value_name = "NAMA")]
        pengadilan: Option<String>,
        /// Kelas pengadilan, misalnya IB
        #[arg(long, value_name = "KELAS")]
        kelas: Option<String>,
        /// Nama unit, misalnya "PERENCANAAN, TI DAN PELAPORAN"
        #[arg(long, value_name = "NAMA")]
        unit: Option<String>,
        /// Kode unit, misalnya PTIP
        #[arg(long, value_name = "KODE")]
        kode: Option<String>,
        /// Tahun buku (bawaan: tahun ini)
        #[arg(long, value_name = "TAHUN")]
        tahun: Option<i32>,
    },
    /// Tambah berkas SOP baru bernomor di folder sop/
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    New {
        /// Judul SOP, misalnya "Pengelolaan Arsip"
        #[arg(value_name = "JUDUL")]
        judul: String,
        /// Folder konten (bawaan: folder ini bila berisi buku.yaml, selain itu ./content)
        #[arg(long, value_name = "FOLDER")]
        folder: Option<PathBuf>,
    },
    /// Ukur waktu pembangunan: buku bawaan dan buku sintetis besar
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Bench {
        /// Folder konten yang diukur
        #[arg(default_value = "content", value_name = "FOLDER")]
        folder: PathBuf,
        /// Jumlah pengulangan tiap pengukuran
        #[arg(long, default_value_t = 3)]
        ulang: usize,
        /// Jumlah SOP buku sintetis
        #[arg(long, default_value_t = 300)]
        sop: usize,
        /// Jumlah langkah per SOP sintetis
        #[arg(long, default_value_t = 12)]
        langkah: usize,
        /// Jumlah pelaksana per SOP sintetis
        #[arg(long, default_value_t = 4)]
        peran: usize,
    },
    /// Tulis folder konten sintetis (N SOP, M langkah, K pelaksana)
    #[command(help_template = TEMPLATE, disable_help_flag = true, arg(help_arg()), next_help_heading = "Opsi")]
    Sintetis {
        /// Folder tujuan
        #[arg(value_name = "FOLDER")]
        folder: PathBuf,
        #[arg(long, default_value_t = 300)]
        sop: usize,
        #[arg(long, default_value_t = 8)]
        langkah: usize,
        #[arg(long, default_value_t = 4)]
        peran: usize,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Teks,
    Json,
}

fn help_arg() -> Arg {
    Arg::new("bantuan")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("Tampilkan bantuan ini")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    match cli.perintah {
        Perintah::Build {
            folder,
            output,
            per_sop,
            pdfa,
        } => cmd_build(&folder, output.as_deref(), build::Options { pdfa, per_sop }),
        Perintah::Check { folder, format } => cmd_check(&folder, format),
        Perintah::Init {
            folder,
            pengadilan,
            kelas,
            unit,
            kode,
            tahun,
        } => cmd_init(&folder, pengadilan, kelas, unit, kode, tahun),
        Perintah::New { judul, folder } => {
            let folder = folder.unwrap_or_else(|| {
                if Path::new(bukusop::content::BUKU).exists() {
                    PathBuf::from(".")
                } else {
                    PathBuf::from("content")
                }
            });
            if !folder.join(bukusop::content::BUKU).is_file() {
                return missing_folder(&folder);
            }
            match bukusop::init::new_sop(&folder, &judul) {
                Ok(path) => {
                    println!(
                        "{} ditulis; isi langkah-langkahnya, lalu `bukusop check {}`.",
                        path.display(),
                        folder.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("galat: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Perintah::Revisi {
            folder,
            tanggal,
            efektif,
            catatan,
            dry_run,
        } => cmd_revisi(&folder, tanggal, efektif, catatan, dry_run),
        Perintah::Beda { folder, dari, ke } => cmd_beda(&folder, dari.as_deref(), ke.as_deref()),
        Perintah::Schema { folder } => {
            if !folder.is_dir() {
                return missing_folder(&folder);
            }
            match bukusop::schema::write(&folder) {
                Ok(files) => {
                    for f in files {
                        println!("{}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => io_failure(&folder.join(bukusop::schema::DIR), &e),
            }
        }
        Perintah::Bench {
            folder,
            ulang,
            sop,
            langkah,
            peran,
        } => cmd_bench(&folder, ulang, sop, langkah, peran),
        Perintah::Sintetis {
            folder,
            sop,
            langkah,
            peran,
        } => match bukusop::synth::write(&folder, sop, langkah, peran) {
            Ok(()) => {
                println!(
                    "konten sintetis ditulis ke {} ({sop} SOP × {langkah} langkah × {peran} pelaksana)",
                    folder.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => io_failure(&folder, &e),
        },
    }
}

/// clap's own messages are English; say the essentials in Indonesian.
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        _ => {}
    }
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => "perintah tidak dikenal",
        ErrorKind::UnknownArgument => "argumen tidak dikenal",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "nilai argumen tidak sah",
        ErrorKind::MissingRequiredArgument => "argumen wajib belum diisi",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "jumlah nilai argumen salah",
        _ => "penggunaan salah",
    };
    let detail: Vec<String> = e
        .context()
        .filter_map(|(k, v)| {
            matches!(
                k,
                clap::error::ContextKind::InvalidArg
                    | clap::error::ContextKind::InvalidSubcommand
                    | clap::error::ContextKind::InvalidValue
            )
            .then(|| v.to_string())
        })
        .collect();
    if detail.is_empty() {
        eprintln!("galat: {what}");
    } else {
        eprintln!("galat: {what}: {}", detail.join(" "));
    }
    eprintln!("Lihat `bukusop --help`.");
    ExitCode::from(2)
}

fn cmd_check(folder: &Path, format: Format) -> ExitCode {
    if !folder.is_dir() {
        return missing_folder(folder);
    }
    let d = bukusop::check::check(folder);
    match format {
        Format::Json => println!("{}", report::json(&d)),
        Format::Teks => {
            eprint!("{}", report::teks(&d));
            // "pa-contoh: 0 galat" reads better than ".: 0 galat".
            let nama = std::fs::canonicalize(folder)
                .ok()
                .filter(|_| folder.as_os_str() == ".")
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| folder.display().to_string());
            eprintln!("{nama}: {}", report::ringkasan(&d));
        }
    }
    if d.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_init(
    folder: &Path,
    pengadilan: Option<String>,
    kelas: Option<String>,
    unit: Option<String>,
    kode: Option<String>,
    tahun: Option<i32>,
) -> ExitCode {
    use std::io::IsTerminal;
    // Ask only when someone is there to answer and something is missing.
    let ask = std::io::stdin().is_terminal() && (pengadilan.is_none() || unit.is_none());
    let answer = |question: &str, given: Option<String>, default: &str| -> String {
        if let Some(g) = given {
            return g;
        }
        if !ask {
            return default.to_string();
        }
        eprint!("{question} [{default}]: ");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        let line = line.trim();
        if line.is_empty() {
            default.to_string()
        } else {
            line.to_string()
        }
    };
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let id = bukusop::init::Identitas {
        pengadilan: answer("Nama pengadilan", pengadilan, "Pengadilan Negeri Contoh"),
        kelas: answer("Kelas", kelas, "II"),
        unit: answer("Nama unit", unit, "PERENCANAAN, TI DAN PELAPORAN"),
        kode: answer("Kode unit", kode, "PTIP"),
        tahun: tahun.unwrap_or(year),
    };
    match bukusop::init::init(folder, &id) {
        Ok(files) => {
            println!("{} berkas ditulis ke {}:", files.len(), folder.display());
            for f in files {
                println!("  {}", f.display());
            }
            println!(
                "Berikutnya: ubah buku.yaml dan sop/, lalu `bukusop check {0}` dan `bukusop build {0}`.",
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("galat: {e}");
            ExitCode::from(2)
        }
    }
}

fn cmd_revisi(
    folder: &Path,
    tanggal: Option<String>,
    efektif: Option<String>,
    catatan: Option<String>,
    dry_run: bool,
) -> ExitCode {
    if !folder.is_dir() {
        return missing_folder(folder);
    }
    let date = |s: &str, what: &str| {
        bukusop::tanggal::parse(s).ok_or_else(|| {
            eprintln!("galat: tanggal {what} `{s}` tidak dapat dibaca");
            eprintln!("  saran: tulis TAHUN-BULAN-HARI, misalnya 2025-01-20");
            ExitCode::from(2)
        })
    };
    let tanggal = match tanggal {
        Some(t) => match date(&t, "revisi") {
            Ok(d) => d,
            Err(code) => return code,
        },
        None => chrono::Local::now().date_naive(),
    };
    let efektif = match efektif {
        Some(t) => match date(&t, "efektif") {
            Ok(d) => d,
            Err(code) => return code,
        },
        None => tanggal + chrono::Days::new(1),
    };
    if efektif < tanggal {
        eprintln!("galat: tanggal efektif {efektif} lebih awal dari tanggal revisi {tanggal}");
        return ExitCode::from(2);
    }
    // A revision of content that does not build would record a mistake.
    let (checked, loaded) = bukusop::check::inspect(folder);
    let Some(bukusop::check::Loaded { content, .. }) = loaded else {
        return content_failure(&checked, "riwayat.yaml tidak diubah");
    };
    if let Some(last) = content.riwayat.as_ref().and_then(|r| r.buku.last())
        && bukusop::tanggal::parse(&last.tanggal).is_some_and(|d| d > tanggal)
    {
        eprintln!(
            "galat: tanggal revisi {tanggal} lebih awal dari revisi terakhir ({})",
            last.tanggal
        );
        return ExitCode::from(2);
    }
    let plan = bukusop::riwayat::rencanakan(
        &content,
        &bukusop::riwayat::Revisi {
            tanggal,
            efektif,
            catatan: catatan.as_deref(),
        },
    );
    if content.riwayat.is_none() {
        println!(
            "Folder ini belum punya {}: keadaan sekarang dicatat sebagai keadaan awal (nomor revisi dari berkas SOP, tanggal dari buku.yaml). Revisi berikutnya membandingkan dengan catatan ini.",
            bukusop::riwayat::BERKAS
        );
    }
    print!("{}", table(&plan.baris));
    if plan.tidak_berubah > 0 {
        println!("{} SOP tidak berubah.", plan.tidak_berubah);
    }
    if !plan.berubah() {
        println!("Tidak ada yang berubah sejak revisi terakhir; riwayat.yaml tetap.");
        return ExitCode::SUCCESS;
    }
    if dry_run {
        println!("Uji coba (--dry-run): riwayat.yaml tidak diubah.");
        return ExitCode::SUCCESS;
    }
    match bukusop::riwayat::write(folder, &plan.riwayat) {
        Ok(()) => {
            let file = folder.join(bukusop::riwayat::BERKAS);
            if content.riwayat.is_none() {
                println!("{} ditulis (keadaan awal).", file.display());
            } else {
                println!(
                    "{} diperbarui: revisi {tanggal}, efektif {efektif}.",
                    file.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => io_failure(&folder.join(bukusop::riwayat::BERKAS), &e),
    }
}

fn cmd_beda(folder: &Path, dari: Option<&str>, ke: Option<&str>) -> ExitCode {
    use bukusop::riwayat::{bandingkan, versi, versi_tercatat};
    if !folder.is_dir() {
        return missing_folder(folder);
    }
    let load = |rev: Option<&str>, tmp: &Path| -> Result<bukusop::content::Content, ExitCode> {
        let dir = match rev {
            Some(r) => {
                if let Err(d) = bukusop::git::export(folder, r, tmp) {
                    eprint!("{}", report::teks(&Diagnostics(vec![d])));
                    return Err(ExitCode::from(2));
                }
                tmp.to_path_buf()
            }
            None => folder.to_path_buf(),
        };
        bukusop::content::load(&dir).map_err(|d| content_failure(&d, "tidak dapat dibandingkan"))
    };
    let (a, b) = match (tempfile::tempdir(), tempfile::tempdir()) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return io_failure(&std::env::temp_dir(), &e),
    };
    let baru = match load(ke, b.path()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lama = match dari {
        Some(_) => match load(dari, a.path()) {
            Ok(c) => versi(&c),
            Err(code) => return code,
        },
        None => match &baru.riwayat {
            Some(r) => versi_tercatat(r),
            None => {
                eprintln!("galat: folder ini belum punya riwayat.yaml");
                eprintln!(
                    "  saran: jalankan `bukusop revisi {}` sekali untuk mencatat keadaan awal, atau bandingkan dua revisi git dengan `--dari`",
                    folder.display()
                );
                return ExitCode::from(2);
            }
        },
    };
    let (rows, same) = bandingkan(&lama, &versi(&baru));
    print!("{}", table(&rows));
    println!("{} SOP berubah, {same} SOP tidak berubah.", rows.len());
    ExitCode::SUCCESS
}

/// The revision table: SOP, old and new revision, what changed.
fn table(rows: &[bukusop::riwayat::Baris]) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let title = |r: &bukusop::riwayat::Baris| {
        let t: String = r.judul.chars().take(44).collect();
        if r.judul.chars().count() > 44 {
            format!("{t}…")
        } else {
            t
        }
    };
    let width = rows
        .iter()
        .map(|r| title(r).chars().count())
        .max()
        .unwrap_or(3)
        .max(3);
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    out.push_str(&format!("{:<width$}  {:<9}  perubahan\n", "SOP", "revisi"));
    for r in rows {
        let rev = match (r.lama, r.baru) {
            (None, None) => String::new(),
            (a, b) => format!("{} → {}", num(a), num(b)),
        };
        out.push_str(&format!(
            "{:<width$}  {:<9}  {}\n",
            title(r),
            rev,
            r.perubahan
        ));
    }
    out
}

fn missing_folder(folder: &Path) -> ExitCode {
    eprintln!(
        "galat: folder konten `{}` tidak ditemukan",
        folder.display()
    );
    eprintln!(
        "  saran: jalankan perintah dari folder proyek, atau sebutkan foldernya, misalnya `bukusop check content`"
    );
    ExitCode::from(2)
}

fn cmd_build(folder: &Path, output: Option<&Path>, options: build::Options) -> ExitCode {
    let start = Instant::now();
    if !folder.is_dir() {
        return missing_folder(folder);
    }
    let (out, singles) = match build::build_with(folder, options) {
        Ok(o) => o,
        Err(d) => return content_failure(&d, "PDF tidak ditulis"),
    };
    // Many warnings would bury the result: `check` lists them.
    if out.warnings.0.len() > 3 {
        eprintln!(
            "peringatan: {} hal perlu diperiksa; jalankan `bukusop check {}` untuk rinciannya",
            out.warnings.0.len(),
            folder.display()
        );
    } else {
        eprint!("{}", report::teks(&out.warnings));
    }
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("out").join(format!("{}.pdf", out.name)));
    if let Err(e) = build::write_atomic(&path, &out.pdf) {
        return io_failure(&path, &e);
    }
    println!(
        "{}: {} halaman, {}, {}",
        path.display(),
        out.pages,
        size(out.pdf.len()),
        secs(start.elapsed())
    );
    if options.per_sop {
        // Beside the booklet: out/<name>.pdf → out/<name>/NN-judul.pdf
        let dir = path.with_extension("");
        for s in &singles {
            let file = dir.join(format!("{}.pdf", s.name));
            if let Err(e) = build::write_atomic(&file, &s.pdf) {
                return io_failure(&file, &e);
            }
        }
        println!(
            "{}/: {} PDF per SOP, {}",
            dir.display(),
            singles.len(),
            secs(start.elapsed())
        );
    }
    ExitCode::SUCCESS
}

fn cmd_bench(folder: &Path, ulang: usize, sop: usize, langkah: usize, peran: usize) -> ExitCode {
    let ulang = ulang.max(1);
    let synth = std::env::temp_dir().join(format!("bukusop-bench-{}", std::process::id()));
    if let Err(e) = bukusop::synth::write(&synth, sop, langkah, peran) {
        return io_failure(&synth, &e);
    }
    println!(
        "fase (median dari {ulang} kali)   muat    templat  tata letak  PDF      total   halaman  lintasan"
    );
    let mut medians = Vec::new();
    for (label, dir) in [
        ("buku bawaan", folder.to_path_buf()),
        (&*format!("sintetis {sop}×{langkah}×{peran}"), synth.clone()),
    ] {
        let mut runs: Vec<(Timings, usize, usize)> = Vec::new();
        for _ in 0..ulang {
            // Typst memoizes layout across builds in one process; a user's
            // build starts cold, so every measured build does too.
            build::evict_caches();
            match build::build(&dir) {
                Ok(o) => runs.push((o.timings, o.pages, o.passes)),
                Err(d) => {
                    let _ = std::fs::remove_dir_all(&synth);
                    return content_failure(&d, "pengukuran dibatalkan");
                }
            }
        }
        runs.sort_by_key(|r| r.0.total());
        let (t, pages, passes) = runs[runs.len() / 2];
        println!(
            "{label:<30} {:>7} {:>8} {:>11} {:>8} {:>8} {:>8} {:>9}",
            secs(t.load),
            secs(t.template),
            secs(t.typeset),
            secs(t.pdf),
            secs(t.total()),
            pages,
            passes
        );
        medians.push((t.total(), pages));
    }
    let _ = std::fs::remove_dir_all(&synth);
    if let [(a, pa), (b, pb)] = medians[..] {
        println!(
            "rasio sintetis/bawaan: waktu {:.1}×, halaman {:.1}× (waktu per halaman {:.2}×)",
            b.as_secs_f64() / a.as_secs_f64(),
            pb as f64 / pa as f64,
            (b.as_secs_f64() / pb as f64) / (a.as_secs_f64() / pa as f64)
        );
    }
    ExitCode::SUCCESS
}

fn content_failure(d: &Diagnostics, akibat: &str) -> ExitCode {
    eprint!("{}", report::teks(d));
    let n = report::count(d, bukusop::diag::Severity::Error);
    eprintln!("gagal: {n} galat dalam konten; {akibat}.");
    ExitCode::from(1)
}

fn io_failure(path: &Path, e: &std::io::Error) -> ExitCode {
    eprintln!(
        "galat: tidak dapat menulis `{}`: {}",
        path.display(),
        bukusop::content::io_reason(e)
    );
    ExitCode::from(2)
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} dtk", d.as_secs_f64())
}
