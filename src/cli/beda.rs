//! `bukusop beda`: what changed since the last revision, or between two
//! git revisions.

use bukusop::diag::{Diagnostics, report};
use bukusop::riwayat::beda::{GagalBeda, beda};
use bukusop::riwayat::tabel;

use super::FolderArg;
use super::keluar::{ExitStatus, content_failure};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
    /// Revisi git pembanding (misalnya HEAD~1 atau nama tag)
    #[arg(long, value_name = "REVISI")]
    dari: Option<String>,
    /// Revisi git tujuan (bawaan: isi folder sekarang)
    #[arg(long, value_name = "REVISI", requires = "dari")]
    ke: Option<String>,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = &a.folder.existing()?;
    let (rows, same) = beda(folder, a.dari.as_deref(), a.ke.as_deref()).map_err(|e| match e {
        GagalBeda::Konten(d) => content_failure(&d, "tidak dapat dibandingkan"),
        GagalBeda::Lain(d) => {
            eprint!(
                "{}",
                report::teks_warna(&Diagnostics(vec![d]), super::keluar::warna())
            );
            ExitStatus::PemakaianSalah
        }
    })?;
    print!("{}", tabel(&rows));
    println!("{} SOP berubah, {same} SOP tidak berubah.", rows.len());
    Ok(ExitStatus::Berhasil)
}
