//! `bukusop sintetis`: a synthetic content folder for stress tests.

use std::path::PathBuf;

use bukusop::scaffold::synth;

use super::keluar::{ExitStatus, io_failure};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    /// Folder tujuan
    #[arg(value_name = "FOLDER")]
    folder: PathBuf,
    /// Jumlah SOP (1–1000)
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u16).range(1..=1000))]
    sop: u16,
    /// Jumlah langkah per SOP (2–200)
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(2..=200))]
    langkah: u16,
    /// Jumlah pelaksana per SOP (1–6)
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=6))]
    peran: u16,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    synth::write(&a.folder, a.sop.into(), a.langkah.into(), a.peran.into())
        .map_err(|e| io_failure(&a.folder, &e))?;
    println!(
        "konten sintetis ditulis ke {} ({} SOP × {} langkah × {} pelaksana)",
        jalur(&a.folder),
        a.sop,
        a.langkah,
        a.peran
    );
    Ok(ExitStatus::Berhasil)
}
