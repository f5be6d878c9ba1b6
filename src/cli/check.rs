//! `bukusop check`: every problem of the content, as text, JSON or GitHub
//! workflow commands.

use bukusop::build;
use bukusop::diag::report;

use super::FolderArg;
use super::keluar::ExitStatus;
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
    /// Bentuk laporan: `teks` untuk dibaca, `json` untuk editor, `github` untuk anotasi GitHub Actions
    #[arg(long, value_enum, default_value_t = Format::Teks, value_name = "BENTUK")]
    format: Format,
    /// Periksa juga apa yang ditolak `build --pdfa` (huruf tak tercetak, pindaian PDF)
    #[arg(long)]
    pdfa: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Teks,
    Json,
    Github,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = &a.folder.existing()?;
    let d = build::check_with(folder, a.pdfa);
    match a.format {
        Format::Json => println!("{}", report::json(&d)),
        Format::Github => print!("{}", report::github(&d)),
        Format::Teks => {
            eprint!("{}", report::teks_warna(&d, super::keluar::warna()));
            // "pa-contoh: 0 galat" reads better than ".: 0 galat".
            let nama = std::fs::canonicalize(folder)
                .ok()
                .filter(|_| folder.as_os_str() == ".")
                .and_then(|p| p.file_name().map(jalur))
                .unwrap_or_else(|| jalur(folder));
            eprintln!("{nama}: {}", report::ringkasan(&d));
        }
    }
    Ok(if d.has_errors() {
        ExitStatus::KontenSalah
    } else {
        ExitStatus::Berhasil
    })
}
