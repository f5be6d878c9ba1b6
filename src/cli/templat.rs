//! `bukusop templat`: the template parts a court may replace, and a copy
//! of one to start from.

use std::path::PathBuf;

use bukusop::content::assets::BUNDLED;
use bukusop::scaffold;

use super::keluar::{ExitStatus, tulis_ke_folder};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    perintah: Perintah,
}

#[derive(clap::Subcommand)]
enum Perintah {
    /// Daftar bagian templat yang boleh diganti pengadilan
    Daftar,
    /// Salin bagian templat bawaan NAMA ke FOLDER/templates/ untuk diubah
    Salin {
        /// Nama bagian, misalnya kepala_tabel (lihat `bukusop templat daftar`)
        #[arg(value_name = "NAMA")]
        nama: String,
        /// Folder konten (bawaan: folder ini bila berisi buku.yaml, selain itu ./content)
        #[arg(long, value_name = "FOLDER")]
        folder: Option<PathBuf>,
    },
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    match a.perintah {
        Perintah::Daftar => {
            for (name, _) in BUNDLED {
                println!("{}", name.strip_suffix(".typ.j2").unwrap_or(name));
            }
            Ok(ExitStatus::Berhasil)
        }
        Perintah::Salin { nama, folder } => tulis_ke_folder(
            folder,
            |folder| scaffold::salin_templat(folder, &nama),
            |folder| {
                format!(
                    "ubah seperlunya: bagian ini menggantikan bawaannya saat `bukusop build {}`.",
                    jalur(folder)
                )
            },
        ),
    }
}
