//! `bukusop sintetis`: a synthetic content folder for stress tests.

use std::path::PathBuf;

use bukusop::scaffold::synth;

use super::keluar::{ExitStatus, io_failure};

#[derive(clap::Args)]
pub struct Args {
    /// Folder tujuan
    #[arg(value_name = "FOLDER")]
    folder: PathBuf,
    #[arg(long, default_value_t = 300)]
    sop: usize,
    #[arg(long, default_value_t = 8)]
    langkah: usize,
    #[arg(long, default_value_t = 4)]
    peran: usize,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    synth::write(&a.folder, a.sop, a.langkah, a.peran).map_err(|e| io_failure(&a.folder, &e))?;
    println!(
        "konten sintetis ditulis ke {} ({} SOP × {} langkah × {} pelaksana)",
        a.folder.display(),
        a.sop,
        a.langkah,
        a.peran
    );
    Ok(ExitStatus::Berhasil)
}
