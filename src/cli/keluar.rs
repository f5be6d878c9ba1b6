//! Exit statuses and the messages printed on the way out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use bukusop::content::BUKU;
use bukusop::diag::jalur;
use bukusop::diag::{Diagnostics, Severity, io_reason, report};
use bukusop::scaffold;

/// How a command ends: 0 success, 1 a mistake in the content, 2 wrong
/// usage or a file that cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Berhasil = 0,
    KontenSalah = 1,
    PemakaianSalah = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

/// Where no signal ends the program on a closed pipe (Windows), println!
/// panics there: end quietly instead, as ripgrep does. Any other failure
/// to print (a full disk) is said in one line, exit 2, never a panic.
pub fn pipa_tertutup_diam() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        if message.starts_with("failed printing to std") {
            // A closed pipe (EPIPE; ERROR_NO_DATA on Windows) is the reader
            // having read enough; any other failure (a full disk) is said.
            if message.contains("os error 32") || message.contains("os error 232") {
                std::process::exit(0);
            }
            let why = if message.contains("os error 28") {
                "disk penuh".to_string()
            } else {
                let os = message.split_once(": ").map_or(message, |(_, w)| w);
                format!("galat masukan/keluaran ({os})")
            };
            // stderr may be what failed: said where it can be, never a
            // second panic.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "galat: keluaran tidak dapat ditulis: {why}"
            );
            std::process::exit(ExitStatus::PemakaianSalah as i32);
        }
        default(info);
    }));
}

/// Whether messages on stderr are coloured: on a terminal, unless
/// `NO_COLOR` is set (no-color.org).
pub fn warna() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn missing_folder(folder: &Path) -> ExitStatus {
    eprintln!("galat: folder konten `{}` tidak ditemukan", jalur(folder));
    eprintln!(
        "  saran: jalankan perintah dari folder proyek, atau sebutkan foldernya, misalnya `bukusop check content`"
    );
    ExitStatus::PemakaianSalah
}

/// Writes one file into the content folder `folder` (default: this folder
/// when it holds `buku.yaml`, else `./content`) with `write`, then says
/// what to do next (`lalu`, given the folder).
pub fn tulis_ke_folder(
    folder: Option<PathBuf>,
    write: impl FnOnce(&Path) -> Result<PathBuf, scaffold::Gagal>,
    lalu: impl FnOnce(&Path) -> String,
) -> Result<ExitStatus, ExitStatus> {
    let folder = folder.unwrap_or_else(scaffold::folder_bawaan);
    if !folder.join(BUKU).is_file() {
        return Err(missing_folder(&folder));
    }
    match write(&folder) {
        Ok(path) => {
            println!("{} ditulis; {}", jalur(&path), lalu(&folder));
            Ok(ExitStatus::Berhasil)
        }
        Err(e) => {
            eprintln!("galat: {e}");
            Err(ExitStatus::PemakaianSalah)
        }
    }
}

/// The content's diagnostics, then what did not happen because of them.
pub fn content_failure(d: &Diagnostics, akibat: &str) -> ExitStatus {
    eprint!("{}", report::teks_warna(d, warna()));
    let n = report::count(d, Severity::Error);
    eprintln!("gagal: {n} galat dalam konten; {akibat}.");
    ExitStatus::KontenSalah
}

/// A usage problem the library explained.
pub fn usage_failure(d: &bukusop::diag::Diagnostic) -> ExitStatus {
    use bukusop::diag::tampak;
    eprintln!("{}", tampak(&d.headline()));
    if let Some(h) = &d.hint {
        eprintln!("  saran: {}", tampak(h));
    }
    ExitStatus::PemakaianSalah
}

pub fn io_failure(path: &Path, e: &std::io::Error) -> ExitStatus {
    eprintln!(
        "galat: tidak dapat menulis `{}`: {}",
        jalur(path),
        io_reason(e)
    );
    ExitStatus::PemakaianSalah
}

pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

pub fn secs(d: Duration) -> String {
    format!("{:.2} dtk", d.as_secs_f64())
}
