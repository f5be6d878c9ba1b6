//! Reading and writing files, and the names bukusop gives them. Below
//! every stage: every file bukusop reads goes through [`baca::Akar`], every
//! file it writes through [`tulis::tulis`].

pub mod baca;
pub mod tulis;

use std::path::Path;

pub use baca::{Akar, Tolak};
pub use tulis::tulis;

/// `PERENCANAAN DAFTAR ISIAN (DIPA)` → `perencanaan-daftar-isian-dipa`.
pub fn slug(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = words.join("-");
    if out.chars().count() > 60 {
        out = out
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
    }
    out
}

/// The last component of a path as text: the name an SOP file is recorded
/// under.
pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An I/O error's reason in Indonesian.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    // bukusop's own errors carry their Indonesian reason.
    if let (PermissionDenied | AlreadyExists | Other, Some(own)) = (e.kind(), e.get_ref()) {
        return own.to_string();
    }
    match e.kind() {
        NotFound => "berkas tidak ditemukan".into(),
        PermissionDenied => "tidak ada izin akses".into(),
        IsADirectory => "yang ditunjuk adalah folder, bukan berkas".into(),
        NotADirectory => "sebagian jalurnya bukan folder".into(),
        StorageFull => "disk penuh".into(),
        ReadOnlyFilesystem => "sistem berkasnya hanya-baca".into(),
        AlreadyExists => "berkas sudah ada".into(),
        _ => format!("galat masukan/keluaran ({e})"),
    }
}
