//! `bukusop init`: a new court's content folder, asking for what is
//! missing when someone is there to answer.

use std::io::IsTerminal;
use std::path::PathBuf;

use bukusop::scaffold::{self, CONTOH, Identitas};

use super::keluar::ExitStatus;
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    // Ask only when someone is there to answer and something is missing.
    let ask = std::io::stdin().is_terminal() && (a.pengadilan.is_none() || a.unit.is_none());
    let given = [a.pengadilan, a.kelas, a.unit, a.kode];
    let [pengadilan, kelas, unit, kode] = std::array::from_fn(|i| {
        let (question, suggestion) = CONTOH[i];
        answer(ask, question, given[i].clone(), suggestion)
    });
    let id = Identitas {
        pengadilan,
        kelas,
        unit,
        kode,
        tahun: a
            .tahun
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive())),
    };
    match scaffold::init(&a.folder, &id) {
        Ok(files) => {
            println!("{} berkas ditulis ke {}:", files.len(), jalur(&a.folder));
            for f in files {
                println!("  {}", jalur(&f));
            }
            println!(
                "Berikutnya: ubah buku.yaml dan sop/, lalu `bukusop check {0}` dan `bukusop build {0}`.",
                jalur(&a.folder)
            );
            Ok(ExitStatus::Berhasil)
        }
        Err(e) => {
            eprintln!("galat: {e}");
            Err(ExitStatus::PemakaianSalah)
        }
    }
}

/// The value given, or the answer typed at the prompt, or the suggestion.
fn answer(ask: bool, question: &str, given: Option<String>, suggestion: &str) -> String {
    if let Some(g) = given {
        return g;
    }
    if !ask {
        return suggestion.to_string();
    }
    eprint!("{question} [{suggestion}]: ");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    match line.trim() {
        "" => suggestion.to_string(),
        l => l.to_string(),
    }
}
