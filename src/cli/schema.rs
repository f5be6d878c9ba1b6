//! `bukusop schema`: the JSON Schemas of the content files, for editors.

use bukusop::content::schema;

use super::FolderArg;
use super::keluar::{ExitStatus, io_failure};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = &a.folder.existing()?;
    let files = schema::write(folder).map_err(|e| io_failure(&folder.join(schema::DIR), &e))?;
    for f in files {
        println!("{}", jalur(&f));
    }
    Ok(ExitStatus::Berhasil)
}
