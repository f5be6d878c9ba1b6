//! Stage 7, the PDF: laid-out pages → the bytes written, with the
//! document's own date; then one pass over Typst's PDF that verifies it,
//! sets the page labels and packs the objects into compressed object
//! streams (a third of the size: most bytes are the tag tree's
//! dictionaries, which Typst writes uncompressed).
//!
//! In: a [`PagedDocument`], its date and the number of front-matter pages.
//! Out: the PDF's bytes and page count, or why they could not be made.

pub mod labels;
mod pack;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;

/// What the PDF is made with besides the pages.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The document's date (year, month, day): the effective date.
    pub tanggal: (i32, u8, u8),
    /// PDF/A-2b, for archiving.
    pub pdfa: bool,
    /// Pages before the first SOP, labelled i, ii, iii …
    pub depan: usize,
}

/// The finished PDF and its page count.
pub fn write(doc: &PagedDocument, s: &Settings) -> Result<(Vec<u8>, usize), Diagnostic> {
    let (y, m, d) = s.tanggal;
    let pdf = export(doc, y, m, d, s.pdfa)?;
    let pages = doc.pages().len();
    let packed = pack::pack(&pdf, pages, s.depan)
        .map_err(|e| Diagnostic::error(format!("PDF gagal dikemas: {e}")))?;
    Ok((packed, pages))
}

/// Writes the PDF; the fixed identifier and timestamp (the document's own
/// date) make two builds of the same content byte-identical.
fn export(
    doc: &PagedDocument,
    year: i32,
    month: u8,
    day: u8,
    pdfa: bool,
) -> Result<Vec<u8>, Diagnostic> {
    let date = Datetime::from_ymd(year, month, day);
    let standards = if pdfa {
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b]).map_err(|e| {
            Diagnostic::error(format!("PDF/A tidak dapat disiapkan: {}", e.message()))
        })?
    } else {
        typst_pdf::PdfStandards::default()
    };
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("bukusop".into()),
        timestamp: date.map(typst_pdf::Timestamp::new_utc),
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|e| gagal(&e))
}

/// The PDF Typst alone writes of `doc`, as `typst compile` does: what
/// `bench` compares bukusop's build with.
pub fn polos(doc: &PagedDocument) -> Result<Vec<u8>, Diagnostic> {
    typst_pdf::pdf(doc, &typst_pdf::PdfOptions::default()).map_err(|e| gagal(&e))
}

fn gagal(errs: &[typst::diag::SourceDiagnostic]) -> Diagnostic {
    let msg = errs
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    Diagnostic::error(format!("PDF gagal dibuat: {msg}"))
}
