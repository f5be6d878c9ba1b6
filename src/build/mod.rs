//! The pipeline, stage after stage: load → check → route → view → render
//! → typeset → PDF.
//!
//! In: the path of a content folder. Out: the booklet's PDF (and, on
//! request, one PDF per SOP) with the warnings, or every diagnostic.
//! [`prepare`] runs the stages that find mistakes, for `bukusop check` as
//! well; `passes` lays the booklet out until its page breaks settle.

mod gabung;
mod halaman;
mod kira;
mod passes;
mod per_sop;
mod rapat;
mod ukur;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::check::{self, Checked};
use crate::content::assets::Resources;
use crate::content::{self, Content};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::kontrak;
use crate::typeset::{self, Typesetter};

pub use per_sop::SopPdf;
pub use ukur::Putus;

/// Time spent in each phase of one build, and the layouts it made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load: Duration,
    pub template: Duration,
    pub typeset: Duration,
    pub pdf: Duration,
    /// SOPs laid out, each time one was (a booklet laid out as one
    /// document counts each of its SOPs): as many as the booklet has when
    /// the page plan guessed before any layout held.
    pub sop_ditata: usize,
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
    /// The generated Typst markup of the last pass (for debugging
    /// templates); empty unless [`Options::markup`] asked for it and the
    /// booklet was laid out in parts.
    pub markup: String,
    /// What that markup reads: the files by virtual path, and the fonts.
    pub sumber: Sumber,
    /// The laid-out pages, for rendering previews.
    pub document: typst_layout::PagedDocument,
    /// The drawing's defects, measured on the laid-out pages.
    pub audit: crate::audit::Laporan,
}

/// Everything a plain Typst compile of [`Output::markup`] needs.
#[derive(Debug, Clone, Default)]
pub struct Sumber {
    /// The library, the logos and the scan, by the virtual path the markup
    /// names them with (`/bukusop.typ`, `/logo/…`).
    pub files: HashMap<String, Vec<u8>>,
    /// Shared with the typesetter's owner: no copy per build.
    pub fonts: std::sync::Arc<Vec<Vec<u8>>>,
}

impl Sumber {
    /// One plain Typst compile of `markup` (cold after [`evict_caches`]).
    pub fn compile(&self, markup: &str) -> Result<typst_layout::PagedDocument, Diagnostics> {
        Typesetter::new(self.fonts.to_vec())
            .compile(markup.to_string(), &self.files)
            .map_err(Diagnostics)
    }
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
    /// Told of each stage as the build reaches it (the library never
    /// prints; the CLI shows it on a terminal).
    pub kemajuan: Option<fn(Tahap)>,
    /// The booklet's markup as one document, with what it reads
    /// ([`Output::markup`], [`Output::sumber`]): for `build --typst` and
    /// `bench`. Laid out in parts, a build has no use for it.
    pub markup: bool,
}

/// A stage of a build, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tahap {
    /// The content is read and checked: this many SOPs.
    Disiapkan { sop: usize },
    /// Layout pass `lintasan` (1-based) starts.
    TataLetak { lintasan: usize },
    /// The PDF is being written.
    Pdf,
    /// The SOPs' own PDFs are being made.
    PerSop { sop: usize },
}

/// A content folder loaded and checked without an error: everything a
/// build needs.
pub struct Prepared {
    pub content: Content,
    pub resources: Resources,
    pub checked: Checked,
}

/// Loads and checks the content folder `root`: every diagnostic, errors
/// and warnings, and, when none is an error, what a build needs. With
/// `pdfa`, what PDF/A cannot hold is an error.
pub fn prepare(root: &Path, pdfa: bool) -> (Diagnostics, Option<Prepared>) {
    // Every file that could be read is checked, even when another failed.
    let (mut d, content) = content::load_partial(root);
    let Some(content) = content else {
        return (d, None);
    };
    let resources = Resources::load(&content).map_err(|e| d.extend(e)).ok();
    let checked = match check::check(&content) {
        Ok((checked, warnings)) => {
            d.extend(warnings);
            Some(checked)
        }
        Err(e) => {
            d.extend(e);
            None
        }
    };
    // What the templates, logos and fonts cannot print. What the drawing
    // cannot do cleanly is known only once pages are laid out.
    if let Some(r) = &resources {
        d.extend(check::templat::tak_dikenal(&r.templates));
        d.extend(check::logo::contoh(&content, r));
        d.extend(check::huruf::kendali(&content));
        match pdfa {
            true => d.extend(pdfa_refuses(&content, r)),
            false => d.extend(check::huruf::tak_tercetak(&content, &r.fonts)),
        }
    }
    match (resources, checked) {
        (Some(resources), Some(checked)) if !d.has_errors() => (
            d,
            Some(Prepared {
                content,
                resources,
                checked,
            }),
        ),
        _ => (d, None),
    }
}

/// Every problem of the content folder `root`, errors and warnings: what
/// `bukusop check` reports. The booklet is laid out as a build lays it out,
/// so the drawing's warnings are those of the pages a build prints, and
/// what `check` passes, `build` does not reject.
pub fn check(root: &Path) -> Diagnostics {
    check_with(root, false)
}

/// [`check`], with `pdfa` also what `build --pdfa` refuses.
pub fn check_with(root: &Path, pdfa: bool) -> Diagnostics {
    let options = Options {
        pdfa,
        ..Options::default()
    };
    match build_in(root, options, &mut None, true) {
        Ok((out, _)) => out.warnings,
        Err(d) => d,
    }
}

/// Builds the booklet of the content folder `root`.
pub fn build(root: &Path) -> Result<Output, Diagnostics> {
    build_with(root, Options::default()).map(|(out, _)| out)
}

/// Builds the booklet, and with `per_sop` every SOP on its own, in parallel.
pub fn build_with(root: &Path, options: Options) -> Result<(Output, Vec<SopPdf>), Diagnostics> {
    build_in(root, options, &mut None, true)
}

/// What one build leaves the next: the fonts, the typesetter made of them
/// (its source and Typst's caches) and the measures of its layouts.
struct Bekal {
    fonts: std::sync::Arc<Vec<Vec<u8>>>,
    ts: Typesetter,
    ingatan: ukur::Ingatan,
    /// Each SOP laid out alone, by its markup.
    susunan: gabung::Susunan,
    /// The page plan the last build printed.
    rencana: Option<passes::Rencana>,
}

/// Builds one content folder again and again (`bukusop watch`), keeping
/// the fonts loaded, the booklet's Typst source and the measures of each
/// SOP between builds: only the SOPs that changed are laid out to be
/// measured, and Typst's caches serve the rest of the printed layout.
#[derive(Default)]
pub struct Pengamat {
    bekal: Option<Bekal>,
}

impl Pengamat {
    /// [`build_with`], reusing what the last build prepared when the fonts
    /// are the same.
    pub fn build(
        &mut self,
        root: &Path,
        options: Options,
    ) -> Result<(Output, Vec<SopPdf>), Diagnostics> {
        build_in(root, options, &mut self.bekal, false)
    }
}

/// `sekali`: a build no rebuild follows, which may forget Typst's results
/// of its own earlier passes.
fn build_in(
    root: &Path,
    options: Options,
    kept: &mut Option<Bekal>,
    sekali: bool,
) -> Result<(Output, Vec<SopPdf>), Diagnostics> {
    let t0 = Instant::now();
    // The same checks as `bukusop check`: no PDF when one of them fails.
    let (mut warnings, prepared) = prepare(root, options.pdfa);
    let Some(mut prepared) = prepared else {
        return Err(warnings);
    };
    let tell = |t| options.kemajuan.inspect(|f| f(t));
    tell(Tahap::Disiapkan {
        sop: prepared.content.sops.len(),
    });
    let (huruf, teks) = typeset::huruf(&prepared.resources.fonts);
    let fonts = std::mem::take(&mut prepared.resources.fonts);
    let bekal = match kept.take() {
        Some(b) if *b.fonts == fonts => kept.insert(b),
        _ => kept.insert(Bekal {
            fonts: std::sync::Arc::new(fonts.clone()),
            ts: Typesetter::new(fonts),
            ingatan: ukur::Ingatan::default(),
            susunan: gabung::Susunan::default(),
            rencana: None,
        }),
    };
    let files = typst_files(&prepared.resources);
    let load = t0.elapsed();
    let parts = passes::Parts {
        prepared: &prepared,
        files: &files,
        ts: &bekal.ts,
        huruf: &huruf,
        teks: teks.as_ref(),
        pdfa: options.pdfa,
        kemajuan: options.kemajuan,
        markup: options.markup,
        sekali,
        ingatan: &bekal.ingatan,
        susunan: &bekal.susunan,
        sidik_berkas: ukur::sidik_berkas(&files),
        dugaan: bekal.rencana.as_ref(),
        ruang: &passes::Ruang::default(),
    };
    let built = passes::build_loaded(&parts, None);
    bekal.ingatan.selesai();
    let (mut out, rencana) = built.map_err(|e| {
        warnings.extend_new(e);
        std::mem::take(&mut warnings)
    })?;
    out.timings.load = load;
    if options.markup {
        out.sumber = Sumber {
            files: files.clone(),
            fonts: bekal.fonts.clone(),
        };
    }
    warnings.extend_new(std::mem::take(&mut out.warnings));
    out.warnings = warnings;
    let singles = if options.per_sop {
        tell(Tahap::PerSop {
            sop: prepared.content.sops.len(),
        });
        per_sop::per_sop(&parts, &rencana)?
    } else {
        Vec::new()
    };
    if !sekali {
        bekal.rencana = Some(rencana);
    }
    Ok((out, singles))
}

/// What PDF/A cannot hold, as errors at their places: characters no font
/// prints (PDF/A must embed every glyph; said here in Indonesian before
/// Typst says it in English), and a scan that is a PDF (Typst embeds PDFs
/// only in plain PDF).
fn pdfa_refuses(content: &Content, r: &Resources) -> Diagnostics {
    let missing = check::huruf::tak_tercetak(content, &r.fonts);
    let mut d: Diagnostics = Diagnostics(
        missing
            .0
            .into_iter()
            .map(|d| Diagnostic {
                severity: Severity::Error,
                message: format!("{}; PDF/A tidak dapat dibuat", d.message),
                ..d
            })
            .collect(),
    );
    // A font whose licence forbids embedding (fsType 2) cannot be in a
    // PDF/A file.
    let faces = r
        .fonts
        .iter()
        .flat_map(|f| typst::text::Font::iter(typst::foundations::Bytes::new(f.clone())));
    let mut restricted: Vec<String> = Vec::new();
    for face in faces {
        let family = face.info().family.clone();
        let licence = ttf_parser::Face::parse(face.data(), face.index())
            .ok()
            .and_then(|f| f.permissions());
        if licence == Some(ttf_parser::Permissions::Restricted) && !restricted.contains(&family) {
            d.push(
                Diagnostic::error(format!(
                    "fon `{family}` berlisensi terbatas (fsType 2, tidak boleh ditanam); PDF/A tidak dapat dibuat"
                ))
                .hint("pakai fon lain di folder `fonts/` untuk `--pdfa`, atau bangun tanpa `--pdfa`"),
            );
            restricted.push(family);
        }
    }
    let scan = content.buku.pengesahan_pindaian.as_ref();
    if let (Some(named), Some(bytes)) = (scan, &r.pindaian)
        && bytes.starts_with(b"%PDF-")
    {
        d.push(
            Diagnostic::error(format!(
                "pindaian Pengesahan `{}` berupa PDF; PDF/A tidak dapat memuat PDF lain",
                named.value
            ))
            .at(content::yaml::place(&content.buku_file, &named.referenced))
            .hint("simpan pindaiannya sebagai PNG atau JPEG untuk `--pdfa`, atau bangun tanpa `--pdfa`"),
        );
    }
    d
}

/// The files Typst may read, by virtual path: the Typst library, the
/// logos and the scanned Pengesahan.
fn typst_files(r: &Resources) -> HashMap<String, Vec<u8>> {
    let lib = r
        .templates
        .get(kontrak::PUSTAKA_TEMPLAT)
        .unwrap_or_default();
    let mut files = HashMap::from([(kontrak::PUSTAKA.to_string(), lib.into_bytes())]);
    for (path, logo) in [
        (kontrak::LOGO_PENGADILAN, &r.logo_pengadilan),
        (kontrak::LOGO_BERAKHLAK, &r.logo_berakhlak),
        (kontrak::LOGO_BANGGA, &r.logo_bangga),
    ] {
        if let Some(bytes) = logo {
            files.insert(path.to_string(), bytes.clone());
        }
    }
    if let Some(p) = &r.pindaian {
        files.insert(kontrak::PINDAIAN.to_string(), p.clone());
    }
    files
}

/// Forgets Typst's memoized results, so the next build runs cold.
pub fn evict_caches() {
    comemo::evict(0);
}

/// Forgets the memoized results no build of the last ten used, as
/// typst-cli does in `watch`: memory stays bounded over hours.
pub fn evict_old_caches() {
    comemo::evict(10);
}

/// `f` of each of `items`, spread over the machine's cores, in the order
/// of `items`; after an error, the items not yet started are not.
pub(super) fn on_every_core<T: Send, E: Send>(
    items: &[usize],
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    let workers = std::thread::available_parallelism()
        .map(|w| w.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, Result<T, E>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&item) = items.get(n) else { break };
                        let r = f(item);
                        let failed = r.is_err();
                        out.push((n, r));
                        if failed {
                            next.store(items.len(), std::sync::atomic::Ordering::Relaxed);
                            break;
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a layout does not panic"))
            .collect()
    });
    out.sort_by_key(|(n, _)| *n);
    out.into_iter().map(|(_, r)| r).collect()
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
