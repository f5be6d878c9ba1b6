//! The contract between the Rust side and the Typst side, in one place:
//! the virtual paths Typst reads, the labels the layout passes look up,
//! and the sizes both sides draw with. Templates never spell these; they
//! receive them in the view (`jalur`, `jangkar`, `kertas`, `alur`).

/// The generated main file.
pub const MAIN: &str = "/buku.typ";
/// The main file of SOP `urut` (1-based) laid out as a document of its
/// own (`build::gabung`).
pub fn berkas_sop(urut: usize) -> String {
    format!("/sop-{urut}.typ")
}

/// The main file of the sample of an SOP's header laid out to guess the
/// page plan (`build::kira`).
pub const CONTOH: &str = "/contoh.typ";

/// The main file of the SOP pages' footers, laid out apart from them.
pub const KAKI: &str = "/kaki.typ";

/// Whether `file` (as a diagnostic names it, without the leading slash)
/// is markup bukusop generated: the booklet's or an SOP's main file.
pub fn dibuat(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    [MAIN, KAKI]
        .iter()
        .any(|m| name == m.trim_start_matches('/'))
        || name
            .strip_prefix("sop-")
            .and_then(|n| n.strip_suffix(".typ"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
/// The bundled Typst library of drawing helpers (`templates/bukusop.typ`).
pub const PUSTAKA: &str = "/bukusop.typ";
/// Its template name, which a court's `templates/` may replace.
pub const PUSTAKA_TEMPLAT: &str = "bukusop.typ";
pub const LOGO_PENGADILAN: &str = "/logo/pengadilan.png";
pub const LOGO_BERAKHLAK: &str = "/logo/berakhlak.png";
pub const LOGO_BANGGA: &str = "/logo/bangga.png";
/// The signed, scanned Pengesahan page (Typst tells a PDF from a PNG or
/// JPEG by its first bytes).
pub const PINDAIAN: &str = "/pengesahan";

/// The label on the first page of SOP `urut` (1-based): Daftar Isi and
/// Daftar Nomor look up its page, the build finds where the front matter
/// ends.
pub fn sop_label(urut: usize) -> String {
    format!("sop-{urut}")
}

/// The label of the symbol of step `step` (1-based) in `lane` of table
/// `tabel` of SOP `sop` (1-based): arrows end there, and the layout pass
/// asks on which page it stands.
pub fn simbol_label(sop: usize, tabel: usize, step: usize, lane: usize) -> String {
    format!("s{sop}-{tabel}-{step}-{lane}")
}

/// The label at the top of the information block of SOP `sop` (1-based):
/// the page plan bounds how much it can shrink set tighter.
pub fn informasi_label(sop: usize) -> String {
    format!("i{sop}")
}

/// The label of table `tabel` of SOP `sop` (1-based), on its first part.
pub fn tabel_label(sop: usize, tabel: usize) -> String {
    format!("t{sop}-{tabel}")
}

/// The labels at the top and at the bottom of the cell "No" of step
/// `step` (1-based): where the row starts and ends, for the page plan.
pub fn baris_label(sop: usize, tabel: usize, step: usize) -> (String, String) {
    (
        format!("r{sop}-{tabel}-{step}-atas"),
        format!("r{sop}-{tabel}-{step}-bawah"),
    )
}

/// The vertical inset of a flowchart table's text cells, in millimetres,
/// and its text size in points; smaller for an SOP set tighter to save a
/// page.
pub fn sisip_y(rapat: bool) -> f64 {
    if rapat { 0.8 } else { 1.2 }
}

pub fn teks_pt(rapat: bool) -> f64 {
    if rapat { 7.0 } else { 7.5 }
}

/// `pt` points in millimetres.
pub fn mm(pt: f64) -> f64 {
    pt * 25.4 / 72.0
}

/// Margins of the SOP pages, in millimetres.
pub const TEPI_X: f64 = 10.0;
pub const TEPI_ATAS: f64 = 8.0;
pub const TEPI_BAWAH: f64 = 11.0;

/// The width the lanes of a flowchart table share on an SOP page
/// `lebar_halaman` millimetres wide: the share they have of the width
/// between the margins of a landscape A4 page (132 of 277 mm).
pub fn lebar_lajur_semua(lebar_halaman: f64) -> f64 {
    (lebar_halaman - 2.0 * TEPI_X) * 132.0 / 277.0
}
/// Size of an off-page connector pentagon, in millimetres.
pub const PENGHUBUNG: f64 = 4.5;
/// Size of a branch label's text, in points, and its font: the router
/// measures each label with them.
pub const LABEL_PT: f64 = 6.0;
pub const LABEL_FONT: &str = "Liberation Sans";
/// Length of an arrowhead, in millimetres.
pub const UJUNG_PANAH: f64 = 1.5;

#[cfg(test)]
mod tests {
    use super::*;

    /// Templates receive these names as data; a template that spells one
    /// itself would break silently when it changes here.
    #[test]
    fn templates_never_spell_the_contract() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for spelled in [
                PUSTAKA,
                LOGO_PENGADILAN,
                LOGO_BERAKHLAK,
                LOGO_BANGGA,
                PINDAIAN,
                "\"sop-\"",
                "<s{{",
                "-{{ t.",
            ] {
                assert!(
                    !text.contains(spelled),
                    "{} spells {spelled:?}",
                    path.display()
                );
            }
        }
    }
}
