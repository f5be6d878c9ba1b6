//! One build, phase by phase: load → template → typeset → PDF.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::assets::{self, Templates};
use crate::check;
use crate::content::{self, Content};
use crate::diag::{Diagnostic, Diagnostics};
use crate::images;
use crate::render;
use crate::typeset::{self, Typesetter};
use crate::view::{self, Breaks, View};

/// Layout passes allowed to settle where arrows cross page breaks.
const MAX_PASSES: usize = 6;
/// The pass from which connectors are only added.
const SETTLE: usize = 3;

/// Time spent in each phase of one build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load: Duration,
    pub template: Duration,
    pub typeset: Duration,
    pub pdf: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.load + self.template + self.typeset + self.pdf
    }
}

/// A finished booklet.
pub struct Output {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Layout passes used (1 when no arrow crosses a page break).
    pub passes: usize,
    pub timings: Timings,
    pub warnings: Diagnostics,
    /// Output file name without extension, from the booklet file.
    pub name: String,
    /// The generated Typst markup of the last pass (for debugging templates).
    pub markup: String,
    /// The laid-out pages, for rendering previews.
    pub document: typst_layout::PagedDocument,
}

impl Output {
    /// Page `number` (1-based, as counted in the PDF) as a PNG image.
    pub fn png(&self, number: usize, ppi: f64) -> Option<Vec<u8>> {
        typeset::png(&self.document, number.checked_sub(1)?, ppi)
    }
}

/// Builds the booklet of the content folder `root`.
pub fn build(root: &Path) -> Result<Output, Diagnostics> {
    let t0 = Instant::now();
    // The same checks as `bukusop check`: no PDF when one of them fails.
    let checked = check::check(root);
    if checked.has_errors() {
        return Err(checked);
    }
    let content = content::load(root)?;
    let templates = Templates::load(root)?;
    let files = support_files(&content, &templates)?;
    let ts = Typesetter::new(assets::fonts(root));
    let load = t0.elapsed();
    let mut out = build_loaded(&content, &templates, &files, &ts)?;
    out.timings.load = load;
    let mut warnings = checked;
    for w in out.warnings.0.drain(..) {
        if !warnings.0.contains(&w) {
            warnings.push(w);
        }
    }
    out.warnings = warnings;
    Ok(out)
}

/// The files Typst may read: the bundled Typst library and the logos.
pub fn support_files(
    content: &Content,
    templates: &Templates,
) -> Result<HashMap<String, Vec<u8>>, Diagnostics> {
    let mut files = HashMap::new();
    let lib = templates.get("bukusop.typ").unwrap_or_default();
    files.insert("/bukusop.typ".to_string(), lib.into_bytes());
    let b = &content.buku;
    let logos = [
        (
            "/logo/pengadilan.png",
            b.pengadilan.logo.as_ref(),
            "logo-pengadilan.png",
        ),
        (
            "/logo/berakhlak.png",
            b.sampul.logo_berakhlak.as_ref(),
            "berakhlak.png",
        ),
        (
            "/logo/bangga.png",
            b.sampul.logo_bangga.as_ref(),
            "bangga-melayani-bangsa.png",
        ),
    ];
    let mut diags = Diagnostics::default();
    for (vpath, named, fallback) in logos {
        match images::load(&content.root, &content.buku_file, named, fallback) {
            Ok(logo) => {
                files.insert(vpath.to_string(), logo.bytes);
            }
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Builds from already loaded parts (the benchmark reuses them).
pub fn build_loaded(
    content: &Content,
    templates: &Templates,
    files: &HashMap<String, Vec<u8>>,
    ts: &Typesetter,
) -> Result<Output, Diagnostics> {
    let mut timings = Timings::default();
    let mut breaks = Breaks::new();
    let mut passes = 0;
    let (view, warnings, doc, markup) = loop {
        passes += 1;
        let t = Instant::now();
        let (view, warnings) = view::resolve(content, &breaks)?;
        let markup = render::render(templates, &view).map_err(one)?;
        timings.template += t.elapsed();

        let t = Instant::now();
        let doc = ts.compile(markup.clone(), files).map_err(Diagnostics)?;
        let crossing = crossing_edges(&view, &doc);
        timings.typeset += t.elapsed();

        // A connector adds room above the row it arrives at, which may move
        // later breaks. From the third pass on, connectors are only added,
        // never taken away, so an arrow cannot flip between a line and a
        // connector pair forever; an extra pair on one page is the price.
        let settled = crossing == breaks || (passes >= SETTLE && crossing.is_subset(&breaks));
        if settled || passes == MAX_PASSES {
            let mut warnings = warnings;
            if !settled {
                warnings.push(Diagnostic::warning(
                    "letak penghubung antarhalaman belum stabil; periksa panah di batas halaman",
                ));
            }
            break (view, warnings, doc, markup);
        }
        breaks = if passes >= SETTLE {
            &breaks | &crossing
        } else {
            crossing
        };
    };

    let t = Instant::now();
    let m = &view.meta;
    let pdf = typeset::pdf(&doc, m.tahun, m.bulan as u8, m.hari as u8).map_err(one)?;
    let pages = verify(&pdf, doc.pages().len()).map_err(one)?;
    timings.pdf = t.elapsed();

    Ok(Output {
        pdf,
        pages,
        passes,
        timings,
        warnings,
        name: file_name(content, &view),
        markup,
        document: doc,
    })
}

/// Edges whose two ends stand on different pages.
fn crossing_edges(view: &View, doc: &typst_layout::PagedDocument) -> Breaks {
    let edges = view::edges(view);
    let labels: Vec<String> = edges
        .iter()
        .flat_map(|(_, _, a, b)| [a.clone(), b.clone()])
        .collect();
    let pages = typeset::label_pages(doc, &labels);
    edges
        .iter()
        .enumerate()
        .filter(|(i, _)| pages[2 * i] != pages[2 * i + 1])
        .map(|(_, (s, e, _, _))| (*s, *e))
        .collect()
}

/// Reopens the PDF with lopdf: it must parse and have every page.
fn verify(pdf: &[u8], expected: usize) -> Result<usize, Diagnostic> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| {
        Diagnostic::error(format!("PDF yang dihasilkan tidak dapat dibaca ulang: {e}"))
    })?;
    let pages = doc.get_pages().len();
    if pages != expected {
        return Err(Diagnostic::error(format!(
            "PDF berisi {pages} halaman, seharusnya {expected}"
        )));
    }
    Ok(pages)
}

fn file_name(content: &Content, view: &View) -> String {
    content
        .buku
        .berkas
        .clone()
        .unwrap_or_else(|| format!("sop-{}-{}", view.unit.kode.to_lowercase(), view.tahun))
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// Forgets Typst's memoized results, so the next build runs cold.
pub fn evict_caches() {
    comemo::evict(0);
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// a failure never leaves a half-written PDF and the previous one survives.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
