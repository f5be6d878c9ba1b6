//! The command line: clap's definitions, their help in Indonesian, and one
//! file per subcommand that calls the library and prints.

mod beda;
mod bench;
mod build;
mod check;
mod ci;
mod init;
pub mod keluar;
mod new;
mod revisi;
mod schema;
mod sintetis;
mod templat;
mod watch;

use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, error::ErrorKind};

pub use keluar::ExitStatus;

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
Pemakaian: {usage}

{all-args}{after-help}
";

/// The version, with the Typst it embeds (a test checks it against
/// Cargo.lock).
pub const VERSI: &str = concat!(env!("CARGO_PKG_VERSION"), " (typst 0.15.1)");

#[derive(Parser)]
#[command(
    name = "bukusop",
    version = VERSI,
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
    /// Bangun buku SOP menjadi PDF (bawaan: folder ini atau ./content; hasil di FOLDER/out/)
    Build(build::Args),
    /// Periksa konten tanpa menulis PDF (tata letaknya sama dengan `build`): semua kesalahan sekaligus, dengan letaknya
    Check(check::Args),
    /// Bangun, lalu bangun ulang setiap kali berkas konten disimpan
    Watch(watch::Args),
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
    /// Tulis ulang alur kerja GitHub (.github/workflows/bukusop.yml) untuk versi bukusop ini
    Ci(ci::Args),
    /// Ukur waktu pembangunan: buku bawaan dan buku sintetis besar
    Bench(bench::Args),
    /// Tulis folder konten sintetis (N SOP, M langkah, K pelaksana)
    Sintetis(sintetis::Args),
    /// Bagian templat: daftar yang boleh diganti, atau salin satu untuk diubah
    Templat(templat::Args),
    /// Tulis skrip pelengkap perintah untuk shell (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Tampilkan bantuan bukusop, atau bantuan satu PERINTAH
    Help {
        #[arg(value_name = "PERINTAH")]
        perintah: Option<String>,
    },
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

/// The whole command, with help in Indonesian at every level.
fn command() -> clap::Command {
    Cli::command().mut_subcommands(|s| {
        s.help_template(TEMPLATE)
            .disable_help_flag(true)
            .arg(help_arg())
            .next_help_heading("Opsi")
            .mut_subcommands(|s| {
                s.help_template(TEMPLATE)
                    .disable_help_flag(true)
                    .arg(help_arg())
            })
    })
}

/// clap's fixed English words in help and usage, in Indonesian.
fn indonesia(s: &str) -> String {
    [
        ("Usage:", "Pemakaian:"),
        ("[OPTIONS]", "[OPSI]"),
        ("<COMMAND>", "<PERINTAH>"),
        ("\nArguments:\n", "\nArgumen:\n"),
        ("\nOptions:\n", "\nOpsi:\n"),
        ("\nCommands:\n", "\nPerintah:\n"),
        ("[default: ", "[bawaan: "),
        ("[possible values: ", "[pilihan: "),
    ]
    .iter()
    .fold(s.to_string(), |s, (en, id)| s.replace(en, id))
}

/// `bukusop help [PERINTAH]`: the help of the program or of one command.
fn help(perintah: Option<String>) -> Result<ExitStatus, ExitStatus> {
    let mut cmd = command();
    // Built first, so a subcommand's usage starts with `bukusop`.
    cmd.build();
    let target = match &perintah {
        None => Some(&mut cmd),
        Some(name) => cmd.find_subcommand_mut(name),
    };
    let Some(target) = target else {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let name = perintah.unwrap_or_default();
        eprintln!(
            "galat: perintah tidak dikenal: {}",
            bukusop::diag::tampak(&name)
        );
        if let Some(s) = bukusop::diag::saran::maksud_anda(&name, &names) {
            eprintln!("  saran: {s}");
        }
        return Err(ExitStatus::PemakaianSalah);
    };
    print!("{}", indonesia(&target.render_help().to_string()));
    Ok(ExitStatus::Berhasil)
}

/// Parses the arguments and runs the subcommand.
pub fn run() -> ExitStatus {
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let done = match cli.perintah {
        Perintah::Build(a) => build::run(a),
        Perintah::Check(a) => check::run(a),
        Perintah::Watch(a) => watch::run(a),
        Perintah::Schema(a) => schema::run(a),
        Perintah::Revisi(a) => revisi::run(a),
        Perintah::Beda(a) => beda::run(a),
        Perintah::Init(a) => init::run(a),
        Perintah::New(a) => new::run(a),
        Perintah::Ci(a) => ci::run(a),
        Perintah::Bench(a) => bench::run(a),
        Perintah::Sintetis(a) => sintetis::run(a),
        Perintah::Templat(a) => templat::run(a),
        Perintah::Completions { shell } => {
            // Into memory first: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "bukusop", &mut script);
            print!("{}", String::from_utf8_lossy(&script));
            Ok(ExitStatus::Berhasil)
        }
        Perintah::Help { perintah } => help(perintah),
    };
    done.unwrap_or_else(|status| status)
}

/// clap's own messages are English; say the essentials in Indonesian.
fn usage_error(e: clap::Error) -> ExitStatus {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", indonesia(&e.to_string()));
            return ExitStatus::Berhasil;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", indonesia(&e.to_string()));
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
    let detail = bukusop::diag::tampak(&detail.join(" "));
    if detail.is_empty() {
        eprintln!("galat: {what}");
    } else {
        eprintln!("galat: {what}: {detail}");
    }
    // clap's own suggestions and the values allowed, kept.
    for (kind, value) in e.context() {
        let value = bukusop::diag::tampak(&value.to_string());
        match kind {
            clap::error::ContextKind::SuggestedSubcommand
            | clap::error::ContextKind::SuggestedArg
            | clap::error::ContextKind::SuggestedValue => {
                eprintln!("  saran: maksud Anda `{value}`?");
            }
            clap::error::ContextKind::ValidValue => eprintln!("  pilihan: {value}"),
            _ => {}
        }
    }
    eprintln!("Lihat `bukusop help`.");
    ExitStatus::PemakaianSalah
}
