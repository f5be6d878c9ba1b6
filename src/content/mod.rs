//! Stage 1, loading: a content folder → typed data.
//!
//! In: the path of a content folder. Out: [`Content`] (`buku.yaml`, every
//! `sop/*.yaml`, the revision record `riwayat.yaml`) and, from
//! [`assets::Resources`], the templates, fonts and images a build uses;
//! or the diagnostics of every file that could not be read or parsed.
//! Nothing here judges what the files say: that is `check`.

pub mod assets;
pub mod images;
pub mod model;
pub mod riwayat;
pub mod schema;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::files::{Akar, baca::BATAS_YAML};
use model::{Buku, Sop};
use riwayat::Riwayat;

/// The booklet file's name inside the content folder.
pub const BUKU: &str = "buku.yaml";
/// The folder of SOP files inside the content folder.
pub const SOP_DIR: &str = "sop";

/// A content folder, parsed.
#[derive(Debug, Clone)]
pub struct Content {
    pub root: PathBuf,
    /// The reader every file of the folder is read through.
    pub akar: Akar,
    pub buku_file: PathBuf,
    /// The text of `buku.yaml`, as read: checks that quote or scan it need
    /// not read it again.
    pub buku_teks: String,
    pub buku: Buku,
    /// SOP files in the booklet's order: by the number their names start
    /// with, then by name.
    pub sops: Vec<SopFile>,
    /// SOP files that could not be read (only while `check` goes on with
    /// the others: a build never starts with one).
    pub sop_gagal: Vec<PathBuf>,
    /// The revision record, once `bukusop revisi` has written one.
    pub riwayat: Option<Riwayat>,
}

/// One SOP file, parsed.
#[derive(Debug, Clone)]
pub struct SopFile {
    pub path: PathBuf,
    /// The file's name, which the revision record knows it by.
    pub nama: String,
    /// The file's text, as read.
    pub teks: String,
    pub sop: Sop,
}

/// Reads `buku.yaml` and every `sop/*.yaml`; reports every file that fails.
pub fn load(root: &Path) -> Result<Content, Diagnostics> {
    match load_partial(root) {
        (d, Some(c)) if !d.has_errors() => Ok(c),
        (d, _) => Err(d),
    }
}

/// [`load`], keeping what could be read: the content without the SOP
/// files that failed (listed in [`Content::sop_gagal`]), so that `check`
/// goes on with every other file. `None` when `buku.yaml` cannot be read.
pub fn load_partial(root: &Path) -> (Diagnostics, Option<Content>) {
    let mut diags = Diagnostics::default();
    let akar = match Akar::new(root) {
        Ok(a) if root.is_dir() => a,
        _ => {
            diags.push(Diagnostic::error(format!("folder konten `{}` tidak ditemukan", root.display()))
                .hint("jalankan perintah dari folder proyek, atau sebutkan foldernya: `bukusop build FOLDER`"));
            return (diags, None);
        }
    };
    let buku_file = root.join(BUKU);
    let buku = read_yaml::<Buku>(&akar, &buku_file, &mut diags);

    let sop_dir = root.join(SOP_DIR);
    let mut files = Vec::new();
    match akar.daftar(&sop_dir) {
        Ok(Some(entries)) => {
            files.extend(entries.into_iter().filter(|p| {
                matches!(p.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"))
            }));
            files.sort_by_cached_key(|p| urutan(&crate::files::file_name(p)));
            if files.is_empty() {
                diags.push(Diagnostic::error(format!(
                    "folder `{}` tidak berisi berkas SOP (*.yaml)",
                    sop_dir.display()
                )));
            }
        }
        Ok(None) => diags.push(
            Diagnostic::error(format!(
                "folder SOP `{}` tidak ditemukan",
                sop_dir.display()
            ))
            .hint("simpan satu berkas YAML per SOP di folder `sop/` dalam folder konten"),
        ),
        Err(t) => diags.push(Diagnostic::error(format!(
            "folder SOP `{}` tidak dapat dibaca: {}",
            sop_dir.display(),
            t.alasan()
        ))),
    }
    let mut sops = Vec::new();
    let mut sop_gagal = Vec::new();
    for f in files {
        match read_yaml::<Sop>(&akar, &f, &mut diags) {
            Some((sop, teks)) => {
                let nama = crate::files::file_name(&f);
                sops.push(SopFile {
                    path: f,
                    nama,
                    teks,
                    sop,
                });
            }
            None => sop_gagal.push(f),
        }
    }
    let riwayat = riwayat::load(&akar).unwrap_or_else(|d| {
        diags.push(d);
        None
    });
    let content = buku.map(|(buku, buku_teks)| Content {
        root: root.to_path_buf(),
        akar,
        buku_file,
        buku_teks,
        buku,
        sops,
        sop_gagal,
        riwayat,
    });
    (diags, content)
}

/// Where an SOP file stands in the booklet: by the number its name starts
/// with, as a number (`9-…` before `10-…` before `100-…`, however many
/// digits), then by name.
fn urutan(name: &str) -> (bool, usize, String, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    let number = digits.trim_start_matches('0').to_string();
    // Files without a number after those with one, as names sort.
    (digits.is_empty(), number.len(), number, name.to_string())
}

/// The value of the YAML file `file`, with its text.
fn read_yaml<T: serde::de::DeserializeOwned>(
    akar: &Akar,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<(T, String)> {
    let bytes = match akar.baca(file, BATAS_YAML) {
        Ok(b) => b,
        Err(t) => {
            diags.push(Diagnostic::error(format!(
                "tidak dapat membaca `{}`: {}",
                file.display(),
                t.alasan()
            )));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Quoted as read, the undecodable bytes shown as `�`.
            crate::files::baca::simpan_sumber(file, &String::from_utf8_lossy(e.as_bytes()));
            let offset = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
            diags.push(
                Diagnostic::error("berkas bukan teks UTF-8")
                    .at(Some(Place {
                        file: file.to_path_buf(),
                        line,
                        column,
                    }))
                    .hint("simpan ulang berkas dengan pengodean UTF-8"),
            );
            return None;
        }
    };
    crate::files::baca::simpan_sumber(file, &text);
    match yaml::parse_semua::<T>(file, &text) {
        Ok(v) => Some((v, text)),
        Err(found) => {
            diags.extend(Diagnostics(found));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sop_files_stand_by_their_number_however_many_digits() {
        let mut names = [
            "100-c.yaml",
            "lain.yaml",
            "10-b.yaml",
            "09-a.yaml",
            "4294967296-d.yaml",
            "1-x.yaml",
            "01-w.yaml",
        ];
        names.sort_by_key(|n| super::urutan(n));
        assert_eq!(
            names,
            [
                "01-w.yaml",
                "1-x.yaml",
                "09-a.yaml",
                "10-b.yaml",
                "100-c.yaml",
                "4294967296-d.yaml",
                "lain.yaml"
            ]
        );
    }
}
