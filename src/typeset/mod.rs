//! Stage 6, typesetting: Typst markup → laid-out pages, with the embedded
//! Typst compiler.
//!
//! In: the generated markup and the files it may read (by virtual path).
//! Out: a [`PagedDocument`], or Typst's errors at their place. The World
//! (`world.rs`) serves only what bukusop hands it: Typst reads nothing
//! from disk and has no network, no packages and no clock.

mod world;

use std::collections::HashMap;

use typst::foundations::{Bytes, Label, Selector};
use typst::introspection::Introspector;
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::kontrak;
use world::{Sandbox, id};

/// Fonts and the standard library, prepared once for any number of builds.
pub struct Typesetter {
    pub(crate) library: LazyHash<Library>,
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
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
            main: Source::new(id(kontrak::MAIN), main),
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
