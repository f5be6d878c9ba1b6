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
use typst::introspection::{Introspector, Location};
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
    /// The booklet's last source, edited in place by the next compile so
    /// that the parts that did not change keep their spans, and with them
    /// Typst's cached layout (a later pass, a rebuild in `watch`).
    kept: std::sync::Mutex<Option<Source>>,
    /// The files Typst reads, parsed (`/bukusop.typ`) or as bytes (logos),
    /// by file: the World serves them while their bytes stay the same.
    parsed: std::sync::Mutex<HashMap<typst::syntax::FileId, Source>>,
    held: std::sync::Mutex<HashMap<typst::syntax::FileId, Bytes>>,
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
            kept: std::sync::Mutex::new(None),
            parsed: Default::default(),
            held: Default::default(),
        }
    }

    /// [`Typesetter::compile`] of the booklet itself: its source is the
    /// last one, edited to `main` (Typst reparses only what changed).
    pub fn compile_kept(
        &self,
        main: String,
        files: &HashMap<String, Vec<u8>>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        let source = {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            match kept.as_mut() {
                Some(s) => {
                    edit_by_sop(s, &main);
                    s.clone()
                }
                None => kept.insert(Source::new(id(kontrak::MAIN), main)).clone(),
            }
        };
        self.compile_source(source, files)
    }

    /// Lays out `main`; `files` maps virtual paths (`/logo/x.png`, `/x.typ`)
    /// to their bytes.
    pub fn compile(
        &self,
        main: String,
        files: &HashMap<String, Vec<u8>>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        self.compile_source(Source::new(id(kontrak::MAIN), main), files)
    }

    /// [`Typesetter::compile`] of a part of the booklet laid out as a
    /// document of its own, as the file `name` (`/sop-3.typ`): parts
    /// joined into one document keep apart what Typst locates in each.
    pub fn compile_part(
        &self,
        name: &str,
        main: String,
        files: &HashMap<String, Vec<u8>>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        self.compile_source(Source::new(id(name), main), files)
    }

    fn compile_source(
        &self,
        main: Source,
        files: &HashMap<String, Vec<u8>>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        let world = Sandbox {
            ts: self,
            main,
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

/// Edits `source` into `new` one SOP at a time (each starts on a line
/// `#metadata(`), each edit only the changed middle of its part: a
/// connector added in one SOP leaves the spans of every other SOP, and so
/// their cached layout, as they were. A whole replace when the parts
/// differ in number.
fn edit_by_sop(source: &mut Source, new: &str) {
    let starts = |t: &str| -> Vec<usize> {
        std::iter::once(0)
            .chain(sop_parts(t).into_iter().map(|(at, _)| at))
            .collect()
    };
    let old = source.text().to_string();
    let (a, b) = (starts(&old), starts(new));
    if a.len() != b.len() {
        source.replace(new);
        return;
    }
    // Last part first: the offsets of the parts before stay valid.
    for k in (0..a.len()).rev() {
        let was = &old[a[k]..a.get(k + 1).copied().unwrap_or(old.len())];
        let now = &new[b[k]..b.get(k + 1).copied().unwrap_or(new.len())];
        if was == now {
            continue;
        }
        let same_start = common(was, now, false);
        let rest = (was.len() - same_start).min(now.len() - same_start);
        let same_end = common(was, now, true).min(rest);
        source.edit(
            a[k] + same_start..a[k] + was.len() - same_end,
            &now[same_start..now.len() - same_end],
        );
    }
    if source.text() != new {
        source.replace(new);
    }
}

/// Where each SOP's part of the booklet's markup starts: its line
/// `#metadata(N)`, N the SOP's number (1-based). Before the first is the
/// preamble with the front matter; the last runs to the end.
pub fn sop_parts(markup: &str) -> Vec<(usize, usize)> {
    markup
        .match_indices("\n#metadata(")
        .filter_map(|(i, m)| {
            let rest = &markup[i + m.len()..];
            let digits = rest.find(|c: char| !c.is_ascii_digit())?;
            let n = rest[..digits].parse().ok().filter(|n| *n > 0)?;
            rest[digits..].starts_with(')').then_some((i + 1, n))
        })
        .collect()
}

/// How many leading (or, `from_end`, trailing) bytes two texts share,
/// ending on a character boundary of both.
fn common(was: &str, now: &str, from_end: bool) -> usize {
    let same = |(p, q): &(u8, u8)| p == q;
    let mut n = match from_end {
        false => was.bytes().zip(now.bytes()).take_while(same).count(),
        true => was
            .bytes()
            .rev()
            .zip(now.bytes().rev())
            .take_while(same)
            .count(),
    };
    let boundary = |n: usize| match from_end {
        false => was.is_char_boundary(n) && now.is_char_boundary(n),
        true => was.is_char_boundary(was.len() - n) && now.is_char_boundary(now.len() - n),
    };
    while n > 0 && !boundary(n) {
        n -= 1;
    }
    n
}

/// The italic face branch labels are set in, to measure them as Typst
/// will print them.
pub struct HurufLabel {
    font: Option<typst::text::FontInstance>,
}

impl HurufLabel {
    /// Millimetres per em at the label's size.
    fn em(&self) -> f64 {
        kontrak::mm(kontrak::LABEL_PT)
    }

    /// The advance width of `text`, in millimetres.
    pub fn lebar(&self, text: &str) -> f64 {
        let Some(f) = &self.font else {
            return 1.05 * text.chars().count() as f64;
        };
        let em: f64 = text
            .chars()
            .map(|c| {
                f.ttf()
                    .glyph_index(c)
                    .and_then(|g| f.x_advance(g.0))
                    .map_or(0.5, |a| a.get())
            })
            .sum();
        em * self.em()
    }

    /// From the top of a capital to the bottom of a descender, in
    /// millimetres: the label's box as the template measures it.
    pub fn tinggi(&self) -> f64 {
        match &self.font {
            Some(f) => (f.metrics().cap_height.get() - f.metrics().descender.get()) * self.em(),
            None => 2.0,
        }
    }
}

/// The faces text is measured with, found in one pass over `font_files`:
/// the branch labels' italic (an estimate without it) and the SOP
/// pages' upright and bold faces (`None` without either), all of
/// [`kontrak::LABEL_FONT`].
pub fn huruf(font_files: &[Vec<u8>]) -> (HurufLabel, Option<HurufTeks>) {
    use typst::text::{FontStretch, FontStyle, FontVariant, FontVariations, FontWeight};
    let variant = |style, weight| FontVariant::new(style, weight, FontStretch::NORMAL);
    let italic = variant(FontStyle::Italic, FontWeight::REGULAR);
    let upright = variant(FontStyle::Normal, FontWeight::REGULAR);
    let bold = variant(FontStyle::Normal, FontWeight::BOLD);
    let (mut label, mut teks, mut tebal) = (None, None, None);
    for f in font_files
        .iter()
        .flat_map(|d| Font::iter(Bytes::new(d.clone())))
    {
        if !f.info().family.eq_ignore_ascii_case(kontrak::LABEL_FONT) {
            continue;
        }
        let at = |v, pt| {
            f.clone()
                .instantiate(v, typst::layout::Abs::pt(pt), &FontVariations::default())
        };
        if f.info().variant == italic && label.is_none() {
            label = Some(at(italic, kontrak::LABEL_PT));
        } else if f.info().variant == upright && teks.is_none() {
            teks = Some(at(upright, 1.0));
        } else if f.info().variant == bold && tebal.is_none() {
            tebal = Some(at(bold, 1.0));
        }
    }
    let teks = teks
        .zip(tebal)
        .map(|(font, tebal)| HurufTeks { font, tebal });
    (HurufLabel { font: label }, teks)
}

/// The upright and bold faces the SOP pages' text is set in, to tell how
/// many lines a text needs at a given size and width.
pub struct HurufTeks {
    font: typst::text::FontInstance,
    tebal: typst::text::FontInstance,
}

impl HurufTeks {
    /// The advance width of `text`, in ems, without kerning.
    pub fn lebar_em(&self, text: &str) -> f64 {
        advance(&self.font, text)
    }

    /// The advance width of `text` set bold, in ems, without kerning.
    pub fn lebar_em_tebal(&self, text: &str) -> f64 {
        advance(&self.tebal, text)
    }

    /// The height of a capital, in ems: the height of a line of text as
    /// Typst sets it (from the cap height down to the baseline).
    pub fn cap_em(&self) -> f64 {
        self.font.metrics().cap_height.get()
    }
}

/// The advance width of `text` in `font`, in ems, without kerning.
fn advance(font: &typst::text::FontInstance, text: &str) -> f64 {
    text.chars()
        .map(|c| {
            font.ttf()
                .glyph_index(c)
                .and_then(|g| font.x_advance(g.0))
                .map_or(0.0, |a| a.get())
        })
        .sum()
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

/// The page (1-based, physical) and the distance from the page's top, in
/// millimetres, of each label.
pub fn label_positions(doc: &PagedDocument, labels: &[String]) -> Vec<Option<(usize, f64)>> {
    labels
        .iter()
        .map(|l| {
            let p = doc.introspector().position(label_location(doc, l)?)?;
            Some((p.page.get(), p.point.y.to_mm()))
        })
        .collect()
}

/// Where the (first) element labelled `label` stands in `doc`.
pub fn label_location(doc: &PagedDocument, label: &str) -> Option<Location> {
    let label = Label::new(typst::utils::PicoStr::intern(label))?;
    doc.introspector()
        .query(&Selector::Label(label))
        .first()?
        .location()
}

/// The height of each page, in millimetres.
pub fn page_heights(doc: &PagedDocument) -> Vec<f64> {
    doc.pages()
        .iter()
        .map(|p| p.frame.height().to_mm())
        .collect()
}

/// The page (1-based, physical) on which each label stands.
pub fn label_pages(doc: &PagedDocument, labels: &[String]) -> Vec<Option<usize>> {
    label_positions(doc, labels)
        .into_iter()
        .map(|at| at.map(|(page, _)| page))
        .collect()
}
