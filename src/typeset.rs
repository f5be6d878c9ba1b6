//! The embedded Typst compiler: markup → laid-out pages → PDF.
//!
//! The World below serves only what bukusop hands it (the generated main
//! file, the bundled Typst library, prepared logos, fonts): Typst reads
//! nothing from disk and has no network, no packages and no clock.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Label, Selector, Smart};
use typst::introspection::Introspector;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Place};

/// Name of the generated main file inside the virtual project.
pub const MAIN: &str = "/buku.typ";

/// Fonts and the standard library, prepared once for any number of builds.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Typesetter {
    pub fn new(font_files: Vec<Vec<u8>>) -> Typesetter {
        let fonts: Vec<Font> = font_files
            .into_iter()
            .flat_map(|d| Font::iter(Bytes::new(d)))
            .collect();
        Typesetter {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }

    /// Lays out `main`; `files` maps virtual paths (`/logo/x.png`, `/x.typ`)
    /// to their bytes.
    pub fn compile(
        &self,
        main: String,
        files: &HashMap<String, Vec<u8>>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        let world = Sandbox {
            ts: self,
            main: Source::new(id(MAIN), main),
            files,
        };
        let warned = typst::compile::<PagedDocument>(&world);
        warned.output.map_err(|errs| {
            // One broken template line repeats its errors on every SOP;
            // the first few say it all.
            let mut out: Vec<Diagnostic> = errs
                .iter()
                .take(MAX_ERRORS)
                .map(|e| world.diagnostic(e))
                .collect();
            if errs.len() > MAX_ERRORS {
                out.push(Diagnostic::error(format!(
                    "… dan {} galat tata letak lainnya",
                    errs.len() - MAX_ERRORS
                )));
            }
            out
        })
    }
}

/// How many of Typst's errors are reported.
const MAX_ERRORS: usize = 10;

/// Writes the PDF; the fixed identifier and timestamp (the document's own
/// date) make two builds of the same content byte-identical.
pub fn pdf(
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
    typst_pdf::pdf(doc, &options).map_err(|errs| {
        let msg = errs
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        Diagnostic::error(format!("PDF gagal dibuat: {msg}"))
    })
}

/// Page `index` (0-based) as a PNG image at `ppi` pixels per inch, for
/// reference-image tests and previews.
pub fn png(doc: &PagedDocument, index: usize, ppi: f64) -> Option<Vec<u8>> {
    let page = doc.pages().get(index)?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(ppi / 72.0),
        ..Default::default()
    };
    typst_render::render(page, &options).encode_png().ok()
}

/// The page (1-based, physical) on which each label stands.
pub fn label_pages(doc: &PagedDocument, labels: &[String]) -> Vec<Option<usize>> {
    let intro = doc.introspector();
    labels
        .iter()
        .map(|l| {
            let label = Label::new(typst::utils::PicoStr::intern(l))?;
            let found = intro.query(&Selector::Label(label));
            let loc = found.first()?.location()?;
            intro.page(loc).map(|p| p.get())
        })
        .collect()
}

fn id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid virtual path"),
    )
    .intern()
}

struct Sandbox<'a> {
    ts: &'a Typesetter,
    main: Source,
    files: &'a HashMap<String, Vec<u8>>,
}

impl Sandbox<'_> {
    fn lookup(&self, id: FileId) -> FileResult<&Vec<u8>> {
        let path = id.get();
        if !matches!(path.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("paket tidak tersedia".into())));
        }
        let name = path.vpath().get_with_slash();
        self.files
            .get(name)
            .ok_or_else(|| FileError::NotFound(name.into()))
    }

    fn diagnostic(&self, e: &SourceDiagnostic) -> Diagnostic {
        let place = e.span.id().and_then(|fid| {
            let source = self.source(fid).ok()?;
            let range = self.range(e.span)?;
            let line = source.lines().byte_to_line(range.start)? + 1;
            let column = source.lines().byte_to_column(range.start)? + 1;
            Some(Place {
                file: fid.get().vpath().get_without_slash().into(),
                line: line as u64,
                column: column as u64,
            })
        });
        let mut msg = format!("tata letak gagal: {}", e.message);
        for h in &e.hints {
            msg.push_str(&format!(" ({})", h.v));
        }
        let d = match e.severity {
            TypstSeverity::Error => Diagnostic::error(msg),
            TypstSeverity::Warning => Diagnostic::warning(msg),
        };
        d.at(place)
    }
}

impl World for Sandbox<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.ts.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.ts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.lookup(id)?;
        let text = String::from_utf8(bytes.clone()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.lookup(id).map(|b| Bytes::new(b.clone()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.ts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: the output must not depend on the day it is built.
        None
    }
}
