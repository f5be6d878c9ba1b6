//! How short the rows of a flowchart table could get set tighter, bounded
//! from below by the widths of their words: the tighter layout is tried
//! only for SOPs whose rows could shrink enough to save a page. Each line
//! of a cell holds at most its width of words, so a text needs at least
//! as many lines as its words' widths fill.

use crate::content::model::Kepala;
use crate::kontrak::{self, mm};
use crate::typeset::HurufTeks;
use crate::view::{SopView, TabelView, View};

/// Kerning may set a text narrower than the sum of its advances: the
/// bound counts each word this much narrower.
const KERNING: f64 = 0.97;

/// The horizontal inset of a flowchart table's cells, on each side, in
/// millimetres (`sop.typ.j2`).
const SISIP_X: f64 = 1.5;

/// The width of the column "No", in millimetres (`sop.typ.j2`).
const LEBAR_NO: f64 = 7.0;

/// The share of the column "Kegiatan" of the width left to fractions.
const FR_KEGIATAN: f64 = 1.8;

/// The paragraph leading of the SOP pages, in ems (`sop.typ.j2`); also
/// the gap between a part's label and its items in the information block.
const LEADING: f64 = 0.5;

/// What stands between the information block and the first table set
/// tighter, in millimetres, a little less for safety: the template's gap
/// of 1.5 mm (`sop.typ.j2`) and the space Typst leaves under a block,
/// 1.2 em at the tighter size.
pub(super) fn sesudah_informasi() -> f64 {
    1.5 + 1.2 * mm(kontrak::teks_pt(true)) - 0.2
}

/// The horizontal inset of the information block's cells, on each side,
/// in millimetres (`informasi.typ.j2`).
const SISIP_X_INFORMASI: f64 = 2.0;

/// For each row of table `t` of `view`, the least height in millimetres
/// its text cells can have set tighter, insets included (0 for a row
/// without text).
pub(super) fn least_rows(view: &View, t: &TabelView, huruf: &HurufTeks) -> Vec<f64> {
    let pt = kontrak::teks_pt(true);
    let lines = |text: &str, width: f64| least_lines(huruf, text, width, pt);
    row_lines(view, t, &lines, 0.0)
        .into_iter()
        .map(|most| match most {
            0 => 0.0,
            n => height(huruf, n, pt) + 2.0 * kontrak::sisip_y(true),
        })
        .collect()
}

/// For each row of table `t` of `view`, the most lines one of its text
/// cells takes, each text's lines counted by `lines(text, width)`; the
/// items of a list of several stand `dash` millimetres in from the
/// column's edge, beside their dash.
pub(super) fn row_lines(
    view: &View,
    t: &TabelView,
    lines: &dyn Fn(&str, f64) -> usize,
    dash: f64,
) -> Vec<usize> {
    let (per_fr, widths) = lebar_kolom(view, t);
    t.langkah
        .iter()
        .map(|row| {
            let mut most = lines(&row.no.to_string(), inner(LEBAR_NO))
                .max(lines(&row.kegiatan, inner(FR_KEGIATAN * per_fr)));
            for (cell, &w) in row.kolom.iter().zip(&widths) {
                // A cell merged over rows may break: it sets no row's height.
                if cell.rentang != 1 {
                    continue;
                }
                let n = match cell.butir.as_deref() {
                    Some(items @ [_, _, ..]) => items.iter().map(|i| lines(i, w - dash)).sum(),
                    Some(items) => items.iter().map(|i| lines(i, w)).sum(),
                    None => lines(&cell.teks, w),
                };
                most = most.max(n);
            }
            most
        })
        .collect()
}

/// The width of one fraction of table `t`'s width (`fr`), and the width
/// inside each column after the lanes, in millimetres (`sop.typ.j2`).
pub(super) fn lebar_kolom(view: &View, t: &TabelView) -> (f64, Vec<f64>) {
    let lanes = t.pelaksana.len() as f64 * t.lebar_lajur;
    let columns = t.kelompok.iter().flat_map(|g| &g.kolom);
    let fixed: f64 = LEBAR_NO + lanes + columns.clone().filter_map(|c| c.mm).sum::<f64>();
    let fr = FR_KEGIATAN + columns.clone().filter_map(|c| c.fr).sum::<f64>();
    let per_fr = ((between_margins(view) - fixed) / fr).max(0.0);
    let widths = columns
        .map(|c| inner(c.mm.unwrap_or(c.fr.unwrap_or(0.0) * per_fr)))
        .collect();
    (per_fr, widths)
}

/// The width inside a table cell `width` millimetres wide.
pub(super) fn inner(width: f64) -> f64 {
    (width - 2.0 * SISIP_X).max(0.1)
}

/// The least height in millimetres of the information block of `sop`
/// set tighter (`informasi.typ.j2`): its items fill at least their words'
/// lines.
pub(super) fn least_informasi(view: &View, sop: &SopView, huruf: &HurufTeks) -> f64 {
    let pt = kontrak::teks_pt(true);
    let lines = |text: &str, width: f64| least_lines(huruf, text, width, pt);
    informasi(view, sop, huruf, pt, kontrak::sisip_y(true), &lines, None)
}

/// The height in millimetres of the information block of `sop`
/// (`informasi.typ.j2`) set at `pt` points, its cells' vertical inset
/// `sisip`, each text's lines counted by `lines(text, width)`: each part
/// is its label's line over its items (numbered, when there are several,
/// the numbers as wide as `number(items)` millimetres; else flush with
/// the label); the parts stand in two columns (in one under a `daftar`
/// header), a row as tall as its taller part.
pub(super) fn informasi(
    view: &View,
    sop: &SopView,
    huruf: &HurufTeks,
    pt: f64,
    sisip: f64,
    lines: &dyn Fn(&str, f64) -> usize,
    number: Option<&dyn Fn(usize) -> f64>,
) -> f64 {
    let one_column = view.gaya.kepala == Kepala::Daftar;
    let columns = if one_column { 1.0 } else { 2.0 };
    let width = (between_margins(view) / columns - 2.0 * SISIP_X_INFORMASI).max(0.1);
    // An empty list prints "-": one line.
    let list = |items: &[String]| -> usize {
        let indent = match (items.len(), number) {
            (2.., Some(number)) => number(items.len()),
            _ => 0.0,
        };
        match items {
            [] => 1,
            _ => items.iter().map(|i| lines(i, width - indent)).sum(),
        }
    };
    let peringatan = sop
        .peringatan
        .as_deref()
        .map_or(1, |p| lines(p, width).max(1));
    // Label line and items, A to F.
    let parts = [
        list(&sop.dasar_hukum),
        list(&sop.keterkaitan),
        peringatan,
        list(&sop.kualifikasi),
        list(&sop.peralatan),
        list(&sop.pencatatan),
    ]
    .map(|n| height(huruf, 1 + n, pt) + 2.0 * sisip);
    match one_column {
        true => parts.iter().sum(),
        false => (0..3).map(|r| parts[r].max(parts[r + 3])).sum(),
    }
}

/// The width of an SOP page between its margins, in millimetres: the
/// tables' and the information block's.
pub(super) fn between_margins(view: &View) -> f64 {
    let k = &view.kertas;
    let page = if k.lanskap { k.tinggi } else { k.lebar };
    page - 2.0 * k.tepi_x
}

/// The height in millimetres of `lines` lines set at `pt` points, from
/// the first one's cap height to the last one's baseline.
pub(super) fn height(huruf: &HurufTeks, lines: usize, pt: f64) -> f64 {
    match lines {
        0 => 0.0,
        n => {
            let n = n as f64;
            mm(pt) * (n * huruf.cap_em() + (n - 1.0) * LEADING)
        }
    }
}

/// The fewest lines `text` set at `pt` points can take in a column
/// `width` millimetres wide: its words (split where a line may break:
/// at spaces and after hyphens) fill each line at most; a word wider
/// than the column fills one.
fn least_lines(huruf: &HurufTeks, text: &str, width: f64, pt: f64) -> usize {
    let em = mm(pt);
    let filled: f64 = text
        .split_whitespace()
        .flat_map(|w| w.split_inclusive('-'))
        .map(|w| (KERNING * huruf.lebar_em(w) * em).min(width))
        .sum();
    match text.trim().is_empty() {
        true => 0,
        false => ((filled / width).ceil() as usize).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn huruf() -> HurufTeks {
        let fonts = crate::content::assets::bundled_fonts();
        let (_, teks) = crate::typeset::huruf(&fonts);
        teks.expect("the bundled fonts have Liberation Sans")
    }

    #[test]
    fn a_text_needs_as_many_lines_as_its_words_fill() {
        let h = huruf();
        let word = "Laporan";
        let w = KERNING * h.lebar_em(word) * mm(7.0);
        assert_eq!(least_lines(&h, "", 10.0, 7.0), 0);
        assert_eq!(least_lines(&h, word, 10.0, 7.0), 1);
        // Four words in a column two and a half words wide: two lines.
        let four = [word; 4].join(" ");
        assert_eq!(least_lines(&h, &four, 2.5 * w, 7.0), 2);
        // A word wider than its column fills one line, no more.
        assert_eq!(least_lines(&h, word, w / 3.0, 7.0), 1);
        // A word breaks after its hyphen.
        let joined = format!("{word}-{word}");
        assert_eq!(least_lines(&h, &joined, 1.2 * w, 7.0), 2);
    }

    #[test]
    fn lines_stack_from_a_cap_height_to_a_baseline_half_an_em_apart() {
        let h = huruf();
        let em = mm(7.0);
        assert_eq!(height(&h, 0, 7.0), 0.0);
        assert!((height(&h, 1, 7.0) - em * h.cap_em()).abs() < 1e-9);
        let step = height(&h, 3, 7.0) - height(&h, 2, 7.0);
        assert!((step - em * (h.cap_em() + LEADING)).abs() < 1e-9);
    }
}
