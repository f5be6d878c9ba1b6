//! The revision workflow, after loading: fingerprints of each SOP
//! (`sidik`), what changed between two of them (`perubahan`), the plan of
//! a yearly revision (`rencana`, for `bukusop revisi`) and comparisons with
//! the record or with git revisions (`beda`, `git`). The record itself is
//! data of the content folder: `content::riwayat`.

pub mod beda;
pub mod git;
pub mod perubahan;
pub mod rencana;
pub mod sidik;

pub use rencana::{Baris, Rencana, Revisi, rencanakan};
pub use sidik::sidik;

/// The revision table as text: SOP, old and new revision, what changed.
pub fn tabel(rows: &[Baris]) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let title = |r: &Baris| {
        let judul = crate::diag::tampak(&r.judul);
        let t: String = judul.chars().take(44).collect();
        if judul.chars().count() > 44 {
            format!("{t}…")
        } else {
            t
        }
    };
    let width = rows
        .iter()
        .map(|r| title(r).chars().count())
        .max()
        .unwrap_or(3)
        .max(3);
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    out.push_str(&format!("{:<width$}  {:<9}  perubahan\n", "SOP", "revisi"));
    for r in rows {
        let rev = match (r.lama, r.baru) {
            (None, None) => String::new(),
            (a, b) => format!("{} → {}", num(a), num(b)),
        };
        out.push_str(&format!(
            "{:<width$}  {:<9}  {}\n",
            title(r),
            rev,
            r.perubahan
        ));
    }
    out
}
