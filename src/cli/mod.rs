//! The command line: clap's definitions, their help in Indonesian, and one
//! file per subcommand that calls the library and prints.

mod beda;
mod bench;
mod build;
mod check;
mod init;
pub mod keluar;
mod new;
mod revisi;
mod schema;
mod sintetis;
mod templat;

use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, error::ErrorKind};

pub use keluar::ExitStatus;

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
    Build(build::Args),
    /// Periksa konten tanpa membangun: semua kesalahan sekaligus, dengan letaknya
    Check(check::Args),
    /// Tulis JSON Schema berkas buku dan berkas SOP ke FOLDER/schema/ (untuk editor)
    Schema(schema::Args),
    /// Revisi tahunan: naikkan nomor revisi SOP yang berubah dan catat di riwayat.yaml
    Revisi(revisi::Args),
    /// Tampilkan apa yang berubah sejak revisi terakhir, atau di antara dua revisi git
    Beda(beda::Args),
    /// Mulai folder konten baru untuk sebuah pengadilan
    Init(init::Args),
    /// Tambah berkas SOP baru bernomor di folder sop/
    New(new::Args),
    /// Ukur waktu pembangunan: buku bawaan dan buku sintetis besar
    Bench(bench::Args),
    /// Tulis folder konten sintetis (N SOP, M langkah, K pelaksana)
    Sintetis(sintetis::Args),
    /// Bagian templat: daftar yang boleh diganti, atau salin satu untuk diubah
    Templat(templat::Args),
}

/// The content folder most commands work on.
#[derive(clap::Args)]
struct FolderArg {
    /// Folder konten (berisi buku.yaml dan sop/); bawaan: folder ini bila berisi buku.yaml, selain itu ./content
    #[arg(value_name = "FOLDER")]
    folder: Option<PathBuf>,
}

impl FolderArg {
    /// The folder named, or the one the command runs in (or `./content`),
    /// if it exists; otherwise the message is printed.
    fn existing(&self) -> Result<PathBuf, ExitStatus> {
        let folder = self
            .folder
            .clone()
            .unwrap_or_else(bukusop::scaffold::folder_bawaan);
        if folder.is_dir() {
            Ok(folder)
        } else {
            Err(keluar::missing_folder(&folder))
        }
    }
}

fn help_arg() -> Arg {
    Arg::new("bantuan")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("Tampilkan bantuan ini")
}

/// Parses the arguments and runs the subcommand.
pub fn run() -> ExitStatus {
    let command = Cli::command().mut_subcommands(|s| {
        s.help_template(TEMPLATE)
            .disable_help_flag(true)
            .arg(help_arg())
            .next_help_heading("Opsi")
    });
    let cli = match command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let done = match cli.perintah {
        Perintah::Build(a) => build::run(a),
        Perintah::Check(a) => check::run(a),
        Perintah::Schema(a) => schema::run(a),
        Perintah::Revisi(a) => revisi::run(a),
        Perintah::Beda(a) => beda::run(a),
        Perintah::Init(a) => init::run(a),
        Perintah::New(a) => new::run(a),
        Perintah::Bench(a) => bench::run(a),
        Perintah::Sintetis(a) => sintetis::run(a),
        Perintah::Templat(a) => templat::run(a),
    };
    done.unwrap_or_else(|status| status)
}

/// clap's own messages are English; say the essentials in Indonesian.
fn usage_error(e: clap::Error) -> ExitStatus {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitStatus::Berhasil;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitStatus::PemakaianSalah;
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
        .filter(|(k, _)| {
            matches!(
                k,
                clap::error::ContextKind::InvalidArg
                    | clap::error::ContextKind::InvalidSubcommand
                    | clap::error::ContextKind::InvalidValue
            )
        })
        .map(|(_, v)| v.to_string())
        .collect();
    if detail.is_empty() {
        eprintln!("galat: {what}");
    } else {
        eprintln!("galat: {what}: {}", detail.join(" "));
    }
    eprintln!("Lihat `bukusop --help`.");
    ExitStatus::PemakaianSalah
}
