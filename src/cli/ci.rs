//! `bukusop ci`: the content repository's workflow, written anew for this
//! version of bukusop (the one `init` writes).

use bukusop::diag::jalur;
use bukusop::files::tulis;

use super::FolderArg;
use super::keluar::{ExitStatus, io_failure};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
}

/// Where the workflow goes, inside the content folder (the repository's
/// top folder in a court's fork).
pub const WORKFLOW: &str = ".github/workflows/bukusop.yml";

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = &a.folder.existing()?;
    let path = folder.join(WORKFLOW);
    // Through the rooted reader, as every read of a content folder.
    let old = bukusop::files::Akar::new(folder)
        .ok()
        .and_then(|akar| akar.baca(&path, bukusop::files::baca::BATAS_YAML).ok());
    let new = bukusop::scaffold::workflow();
    if old.as_deref() == Some(new.as_bytes()) {
        println!(
            "{}: sudah sesuai bukusop {}",
            jalur(&path),
            env!("CARGO_PKG_VERSION")
        );
        return Ok(ExitStatus::Berhasil);
    }
    bukusop::files::tulis::di_dalam(folder, WORKFLOW)
        .and_then(|p| tulis(&p, new.as_bytes()))
        .map_err(|e| io_failure(&path, &e))?;
    println!(
        "{} ditulis: memakai bukusop {} dari rilisnya, diperiksa dengan SHA256SUMS",
        jalur(&path),
        env!("CARGO_PKG_VERSION")
    );
    Ok(ExitStatus::Berhasil)
}
