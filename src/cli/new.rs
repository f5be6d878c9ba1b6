//! `bukusop new`: a new numbered SOP file in `sop/`.

use std::path::PathBuf;

use bukusop::scaffold;

use super::keluar::{ExitStatus, tulis_ke_folder};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    /// Judul SOP, misalnya "Pengelolaan Arsip"
    #[arg(value_name = "JUDUL")]
    judul: String,
    /// Folder konten (bawaan: folder ini bila berisi buku.yaml, selain itu ./content)
    #[arg(long, value_name = "FOLDER")]
    folder: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    tulis_ke_folder(
        a.folder,
        |folder| scaffold::new_sop(folder, &a.judul),
        |folder| {
            format!(
                "isi langkah-langkahnya, lalu `bukusop check {}`.",
                jalur(folder)
            )
        },
    )
}
