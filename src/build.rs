//! One build, phase by phase: load → template → typeset → PDF.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::assets::Templates;
use crate::check;
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::images;
use crate::page_labels;
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

/// What to make besides the plain booklet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// PDF/A-2b, for archiving.
    pub pdfa: bool,
    /// One PDF per SOP as well, for the court's website.
    pub per_sop: bool,
}

/// One SOP as a PDF of its own.
pub struct SopPdf {
    /// File name without `.pdf`: its number and title.
    pub name: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Builds the booklet of the content folder `root`.
pub fn build(root: &Path) -> Result<Output, Diagnostics> {
    build_with(root, Options::default()).map(|(out, _)| out)
}

/// Builds the booklet, and with `per_sop` every SOP on its own, in parallel.
pub fn build_with(root: &Path, options: Options) -> Result<(Output, Vec<SopPdf>), Diagnostics> {
    let t0 = Instant::now();
    // The same checks as `bukusop check`: no PDF when one of them fails.
    // Checking loads everything the build needs, so it is not read twice.
    let (checked, loaded) = check::inspect(root);
    let Some(loaded) = loaded.filter(|_| !checked.has_errors()) else {
        return Err(checked);
    };
    let ts = Typesetter::new(loaded.fonts);
    let load = t0.elapsed();
    let parts = Parts {
        content: &loaded.content,
        templates: &loaded.templates,
        files: &loaded.files,
        ts: &ts,
        pdfa: options.pdfa,
    };
    let mut out = build_loaded(&parts, None)?;
    out.timings.load = load;
    let mut warnings = checked;
    for w in out.warnings.0.drain(..) {
        if !warnings.0.contains(&w) {
            warnings.push(w);
        }
    }
    out.warnings = warnings;
    let singles = if options.per_sop {
        per_sop(&parts)?
    } else {
        Vec::new()
    };
    Ok((out, singles))
}

/// Everything a build reads, loaded once.
struct Parts<'a> {
    content: &'a Content,
    templates: &'a Templates,
    files: &'a HashMap<String, Vec<u8>>,
    ts: &'a Typesetter,
    pdfa: bool,
}

/// Every SOP as its own PDF, spread over the machine's cores.
fn per_sop(parts: &Parts) -> Result<Vec<SopPdf>, Diagnostics> {
    let n = parts.content.sops.len();
    let workers = std::thread::available_parallelism()
        .map(|w| w.get())
        .unwrap_or(1)
        .min(n.max(1));
    let results: Vec<Result<(usize, SopPdf), Diagnostics>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    (w..n)
                        .step_by(workers)
                        .map(|i| {
                            let out = build_loaded(parts, Some(i))?;
                            let sop = &parts.content.sops[i].1;
                            Ok((
                                i,
                                SopPdf {
                                    name: format!("{:02}-{}", i + 1, slug(&sop.judul.value)),
                                    pdf: out.pdf,
                                    pages: out.pages,
                                },
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an SOP build does not panic"))
            .collect()
    });
    let mut done = Vec::with_capacity(n);
    for r in results {
        done.push(r?);
    }
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, s)| s).collect())
}

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
    if let Some(named) = &b.pengesahan_pindaian {
        match images::pindaian(&content.root, &content.buku_file, named) {
            Ok(bytes) => {
                files.insert(view::PINDAIAN.to_string(), bytes);
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

/// Builds from loaded parts: the whole booklet, or only SOP `only`
/// (0-based) as a document of its own.
fn build_loaded(parts: &Parts, only: Option<usize>) -> Result<Output, Diagnostics> {
    let mut timings = Timings::default();
    let mut breaks = Breaks::new();
    let mut passes = 0;
    let (view, warnings, doc, markup) = loop {
        passes += 1;
        let t = Instant::now();
        let (mut view, warnings) = view::resolve(parts.content, &breaks)?;
        if let Some(i) = only {
            view.select(i);
        }
        let markup = render::render(parts.templates, &view).map_err(one)?;
        timings.template += t.elapsed();

        let t = Instant::now();
        let doc = parts
            .ts
            .compile(markup.clone(), parts.files)
            .map_err(Diagnostics)?;
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
    let pdf = typeset::pdf(&doc, m.tahun, m.bulan as u8, m.hari as u8, parts.pdfa).map_err(one)?;
    // The front matter ends where the first SOP starts.
    let first = view.sops.first().map(|s| format!("sop-{}", s.urut));
    let front = first
        .and_then(|l| typeset::label_pages(&doc, &[l])[0])
        .map_or(0, |p| p - 1);
    let pdf = page_labels::set(&pdf, front).map_err(one)?;
    let pages = verify(&pdf, doc.pages().len()).map_err(one)?;
    timings.pdf = t.elapsed();

    Ok(Output {
        pdf,
        pages,
        passes,
        timings,
        warnings,
        name: file_name(parts.content, &view),
        markup,
        document: doc,
    })
}

/// Edges whose two ends stand on different pages.
fn crossing_edges(view: &View, doc: &typst_layout::PagedDocument) -> Breaks {
    let edges = view::edges(view);
    let labels: Vec<String> = edges
        .iter()
        .flat_map(|(_, a, b)| [a.clone(), b.clone()])
        .collect();
    let pages = typeset::label_pages(doc, &labels);
    edges
        .iter()
        .enumerate()
        .filter(|(i, _)| pages[2 * i] != pages[2 * i + 1])
        .map(|(_, (key, _, _))| *key)
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
