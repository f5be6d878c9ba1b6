//! `bukusop new`: a new numbered SOP file in `sop/`.

use std::path::PathBuf;

use bukusop::content::BUKU;
use bukusop::scaffold;

use super::keluar::{ExitStatus, missing_folder};

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
    let folder = a.folder.unwrap_or_else(scaffold::folder_bawaan);
    if !folder.join(BUKU).is_file() {
        return Err(missing_folder(&folder));
    }
    match scaffold::new_sop(&folder, &a.judul) {
        Ok(path) => {
            println!(
                "{} ditulis; isi langkah-langkahnya, lalu `bukusop check {}`.",
                path.display(),
                folder.display()
            );
            Ok(ExitStatus::Berhasil)
        }
        Err(e) => {
            eprintln!("galat: {e}");
            Err(ExitStatus::PemakaianSalah)
        }
    }
}
