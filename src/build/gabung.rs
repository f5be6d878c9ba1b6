//! The booklet laid out in parts: the front matter and each SOP as a Typst
//! document of its own, spread over the machine's cores, their pages
//! joined into one document. An SOP starts on a page of its own and lays
//! out the same alone, so a pass (and a rebuild in `watch`) lays out again
//! only the SOPs whose markup changed, and Typst holds the work of one SOP
//! at a time on each core instead of the whole booklet's.
//!
//! The front matter is laid out last, with the page each SOP starts on
//! handed over as data (`halaman(jangkar)`), and its links to the SOPs
//! pointed at them once the pages are joined.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use typst::foundations::NativeElement;
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::Destination;
use typst::model::Document;
use typst::pdf::ArtifactElem;
use typst::utils::hash128;
use typst_layout::PagedDocument;

use super::passes::Parts;
use super::ukur::{Putus, Ukuran, crossing_edges, measure};
use super::{on_every_core, one};
use crate::content::assets::Templates;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render;
use crate::typeset::label_location;
use crate::view::{Dokumen, View};

/// Whether the booklet can be laid out in parts: its two templates that
/// split the document are the bundled ones (a court's own copy may not
/// know [`Dokumen`]).
pub(super) fn bisa(templates: &Templates) -> bool {
    [render::MAIN, "sop.typ.j2"]
        .iter()
        .all(|n| templates.is_bundled(n))
}

/// The SOPs laid out so far, by their markup.
#[derive(Default)]
pub struct Susunan {
    sop: Mutex<HashMap<u128, Arc<Tersusun>>>,
    /// Layouts made, to forget what the last two did not use.
    kali: AtomicU64,
    /// The last layout printed.
    cetakan: Mutex<Option<Cetakan>>,
    /// The pages of each SOP's (0-based) latest layout.
    halaman: Mutex<HashMap<usize, usize>>,
}

/// The SOPs of a layout: each one's markup and key, its layout when one
/// was made before from the same markup, and those not yet laid out.
struct Antrean {
    markups: Vec<String>,
    keys: Vec<u128>,
    found: Vec<Option<Arc<Tersusun>>>,
    missing: Vec<usize>,
}

/// The front matter and the SOP pages' footers, laid out for SOPs of
/// `halaman` pages each.
struct DepanKaki {
    halaman: Vec<usize>,
    depan: PagedDocument,
    kaki: PagedDocument,
}

/// A layout printed: its view without the SOPs, and each SOP's view and
/// layout.
struct Cetakan {
    shell: View,
    sops: Vec<(crate::view::SopView, Arc<Tersusun>)>,
}

/// One SOP laid out alone, with what was measured of it.
struct Tersusun {
    doc: PagedDocument,
    ukuran: Ukuran,
    putus: Putus,
    dipakai: AtomicU64,
}

/// A layout of the booklet in parts: the measures of its SOPs, and with
/// `cetak` the joined pages.
pub(super) struct Hasil {
    pub doc: Option<PagedDocument>,
    /// The time the templates took, of the whole.
    pub templat: std::time::Duration,
    pub ukuran: Ukuran,
    pub crossing: Putus,
    /// SOPs laid out (the others were laid out before from the same
    /// markup).
    pub ditata: usize,
}

impl Susunan {
    /// Lays out the SOPs of `view` (the whole booklet's), each alone, with
    /// the SOPs `rapat` set tighter; with `cetak`, also the front matter
    /// and the SOP pages' footers, and joins them.
    pub(super) fn susun(
        &self,
        parts: &Parts,
        view: &View,
        rapat: &BTreeSet<usize>,
        cetak: bool,
    ) -> Result<Hasil, Diagnostics> {
        let kali = self.kali.fetch_add(1, Ordering::Relaxed) + 1;
        let mut templat = std::time::Duration::ZERO;
        let antrean = self.cari(parts, view, &mut templat)?;
        let ditata = antrean.missing.len();
        // The front matter and the footers need only each SOP's number of
        // pages: while SOPs are laid out, they are laid out from the pages
        // of each one's latest layout, and again should a count differ;
        // but after them in a large booklet, whose memory they would add
        // to the SOPs' (at 300 SOPs, 1.01 GB beside, 0.96 GB after).
        let beside = cetak && !antrean.missing.is_empty() && !parts.banyak();
        let guess: Option<Vec<usize>> = match beside {
            true => {
                let last = self.halaman.lock().unwrap_or_else(|e| e.into_inner());
                antrean
                    .found
                    .iter()
                    .zip(&view.sops)
                    .map(|(f, s)| match f {
                        Some(t) => Some(t.doc.pages().len()),
                        None => last.get(&(s.urut - 1)).copied().or(Some(planned(s))),
                    })
                    .collect()
            }
            false => None,
        };
        let (done, early) = std::thread::scope(|s| {
            let early = guess.map(|g| s.spawn(move || depan_kaki(parts, view, g)));
            let done = self.lay_out(parts, view, rapat, kali, antrean);
            let early = early.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            (done, early)
        });
        let done = done?;
        let laid = done.iter().map(|t| t.doc.pages().len()).sum();
        if let Some(d) = super::passes::terlalu_banyak(laid) {
            return Err(one(d));
        }
        self.sop
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, t| t.dipakai.load(Ordering::Relaxed) + 2 > kali);
        let mut ukuran = Ukuran::default();
        let mut crossing = Putus::new();
        for t in &done {
            ukuran
                .tabel
                .extend(t.ukuran.tabel.iter().map(|(k, v)| (*k, v.clone())));
            crossing.extend(t.putus.iter().copied());
        }
        let doc = match cetak {
            true => {
                let doc = join(parts, view, &done, early, &mut templat)?;
                *self.cetakan.lock().unwrap_or_else(|e| e.into_inner()) = Some(Cetakan {
                    shell: View {
                        sops: Vec::new(),
                        ..view.clone()
                    },
                    sops: view.sops.iter().cloned().zip(done).collect(),
                });
                Some(doc)
            }
            false => None,
        };
        if let Some(d) = doc
            .as_ref()
            .and_then(|d| super::passes::terlalu_banyak(d.pages().len()))
        {
            return Err(one(d));
        }
        Ok(Hasil {
            doc,
            templat,
            ukuran,
            crossing,
            ditata,
        })
    }

    /// SOP `i` (0-based) as a PDF of its own, from its layout in the
    /// booklet last printed: its pages with the footers of a document of
    /// one SOP ("Halaman x dari y") and its title. `None` when the booklet
    /// printed last was not laid out in parts, or without SOP `i`.
    pub(super) fn sendiri(
        &self,
        parts: &Parts,
        i: usize,
    ) -> Option<Result<(Vec<u8>, usize), Diagnostics>> {
        let (mut view, t) = {
            let cetakan = self.cetakan.lock().unwrap_or_else(|e| e.into_inner());
            let c = cetakan.as_ref()?;
            let (sop, t) = c.sops.iter().find(|(s, _)| s.urut == i + 1)?;
            let view = View {
                sops: vec![sop.clone()],
                ..c.shell.clone()
            };
            (view, t.clone())
        };
        view.select(&BTreeSet::from([i]));
        view.sops.clear();
        view.dokumen.kosong = t.doc.pages().len();
        let templates = &parts.prepared.resources.templates;
        let made = render::render(templates, &view)
            .map_err(one)
            .and_then(|markup| {
                parts
                    .ts
                    .compile_part(crate::kontrak::KAKI, markup, parts.files)
                    .map_err(|e| super::passes::di_templat_semua(templates, e))
            })
            .and_then(|kaki| {
                let pages = with_footers(t.doc.pages().iter(), &kaki)?;
                let doc = PagedDocument::new(pages.into_iter().collect(), kaki.info().clone());
                crate::pdf::write(&doc, &super::passes::settings(parts, &view, 0)).map_err(one)
            });
        Some(made)
    }

    /// The SOPs of `view` (the whole booklet's), each as the markup of a
    /// document of its own, with their layouts made before from the same
    /// markup.
    fn cari(
        &self,
        parts: &Parts,
        view: &View,
        templat: &mut std::time::Duration,
    ) -> Result<Antrean, Diagnostics> {
        let templates = &parts.prepared.resources.templates;
        let shell = View {
            sops: Vec::new(),
            dokumen: Dokumen {
                depan: false,
                kaki: false,
                ..Dokumen::default()
            },
            ..view.clone()
        };
        let views: Vec<View> = view
            .sops
            .iter()
            .map(|s| View {
                sops: vec![s.clone()],
                ..shell.clone()
            })
            .collect();
        let t = std::time::Instant::now();
        let markups = render::render_each(templates, &views).map_err(one)?;
        *templat += t.elapsed();
        let keys: Vec<u128> = markups
            .iter()
            .map(|m| hash128(&(parts.sidik_berkas, m)))
            .collect();
        // A large booklet that no rebuild follows keeps only the SOPs
        // this layout uses, and Typst only its latest work: its memory
        // stays that of a few SOPs and the pages.
        let found: Vec<Option<Arc<Tersusun>>> = {
            let mut map = self.sop.lock().unwrap_or_else(|e| e.into_inner());
            if parts.banyak() {
                map.retain(|k, _| keys.contains(k));
            }
            keys.iter().map(|k| map.get(k).cloned()).collect()
        };
        let missing = (0..found.len()).filter(|&k| found[k].is_none()).collect();
        Ok(Antrean {
            markups,
            keys,
            found,
            missing,
        })
    }

    /// Each SOP of `view` laid out alone, without its pages' footers:
    /// those laid out before from the same markup as they were, the others
    /// on every core.
    fn lay_out(
        &self,
        parts: &Parts,
        view: &View,
        rapat: &BTreeSet<usize>,
        kali: u64,
        antrean: Antrean,
    ) -> Result<Vec<Arc<Tersusun>>, Diagnostics> {
        let templates = &parts.prepared.resources.templates;
        let Antrean {
            markups,
            keys,
            mut found,
            missing,
        } = antrean;
        let banyak = parts.banyak();
        let one_sop = |k: usize| -> Result<Tersusun, Diagnostics> {
            let i = view.sops[k].urut - 1;
            let doc = parts
                .ts
                .compile_part(
                    &crate::kontrak::berkas_sop(i + 1),
                    markups[k].clone(),
                    parts.files,
                )
                .map_err(|e| super::passes::di_templat_semua(templates, e))?;
            if banyak {
                comemo::evict(2);
            }
            let sop = BTreeSet::from([i]);
            Ok(Tersusun {
                ukuran: measure(&parts.prepared.checked, &sop, &doc, rapat),
                putus: crossing_edges(&parts.prepared.checked, &sop, &doc),
                doc,
                dipakai: AtomicU64::new(kali),
            })
        };
        let laid = on_every_core(&missing, one_sop);
        let mut map = self.sop.lock().unwrap_or_else(|e| e.into_inner());
        let mut halaman = self.halaman.lock().unwrap_or_else(|e| e.into_inner());
        for (k, t) in missing.iter().zip(laid) {
            let t = Arc::new(t?);
            halaman.insert(view.sops[*k].urut - 1, t.doc.pages().len());
            map.insert(keys[*k], t.clone());
            found[*k] = Some(t);
        }
        Ok(found
            .into_iter()
            .flatten()
            .inspect(|t| t.dipakai.store(kali, Ordering::Relaxed))
            .collect())
    }
}

/// The pages SOP `s` takes as its page plan prints it: a page, and one
/// more for each part of a table after its first and each table that
/// starts on a new page.
fn planned(s: &crate::view::SopView) -> usize {
    let parts: usize = s.tabel.iter().map(|t| t.potongan.len().max(1) - 1).sum();
    let moved = s.tabel.iter().skip(1).filter(|t| t.pindah).count();
    1 + parts + moved
}

/// The front matter laid out with the page each SOP starts on, its SOPs
/// being of `halaman` pages each (in order), and the footers of as many
/// SOP pages: the time its templates took, and the two documents.
fn depan_kaki(
    parts: &Parts,
    view: &View,
    halaman: Vec<usize>,
) -> (std::time::Duration, Result<DepanKaki, Diagnostics>) {
    let templates = &parts.prepared.resources.templates;
    let mut mulai = BTreeMap::new();
    let mut next = 1;
    for (s, n) in view.sops.iter().zip(&halaman) {
        mulai.insert(s.jangkar.clone(), next);
        next += n;
    }
    let front = View {
        dokumen: Dokumen {
            sop: false,
            halaman: mulai,
            ..Dokumen::default()
        },
        ..view.clone()
    };
    let footers = View {
        sops: Vec::new(),
        dokumen: Dokumen {
            depan: false,
            kosong: next - 1,
            ..Dokumen::default()
        },
        ..view.clone()
    };
    let t = std::time::Instant::now();
    let markups = match render::render_each(templates, &[front, footers]) {
        Ok(m) => m,
        Err(e) => return (t.elapsed(), Err(one(e))),
    };
    let templat = t.elapsed();
    let names = [crate::kontrak::MAIN, crate::kontrak::KAKI];
    let compile = |k: usize| {
        parts
            .ts
            .compile_part(names[k], markups[k].clone(), parts.files)
            .map_err(|e| super::passes::di_templat_semua(templates, e))
    };
    let mut docs = on_every_core(&[0, 1], compile).into_iter();
    let (Some(depan), Some(kaki)) = (docs.next(), docs.next()) else {
        unreachable!("two documents laid out")
    };
    let made = depan.and_then(|depan| {
        Ok(DepanKaki {
            halaman,
            depan,
            kaki: kaki?,
        })
    });
    (templat, made)
}

/// The front matter (laid out `early` with the right page counts, or
/// now), then the SOPs' pages, each with its footer: one document whose
/// links reach the SOPs.
fn join(
    parts: &Parts,
    view: &View,
    done: &[Arc<Tersusun>],
    early: Option<(std::time::Duration, Result<DepanKaki, Diagnostics>)>,
    templat: &mut std::time::Duration,
) -> Result<PagedDocument, Diagnostics> {
    let halaman: Vec<usize> = done.iter().map(|t| t.doc.pages().len()).collect();
    let (t, made) = match early {
        Some((t, Ok(made))) if made.halaman == halaman => (t, Ok(made)),
        _ => depan_kaki(parts, view, halaman),
    };
    *templat += t;
    let DepanKaki {
        depan: doc, kaki, ..
    } = made?;
    // Each link to an SOP's `jangkar` points at its stand-in in the
    // front matter: pointed at the SOP's own.
    let mut to: HashMap<Location, Location> = HashMap::new();
    for (s, t) in view.sops.iter().zip(done) {
        if let (Some(from), Some(real)) = (
            label_location(&doc, &s.jangkar),
            label_location(&t.doc, &s.jangkar),
        ) {
            to.insert(from, real);
        }
    }
    let mut pages: Vec<typst_layout::Page> = doc.pages().to_vec();
    for page in &mut pages {
        relink(&mut page.frame, &to);
    }
    let sop_pages = done.iter().flat_map(|t| t.doc.pages().iter());
    pages.extend(with_footers(sop_pages, &kaki)?);
    Ok(PagedDocument::new(
        pages.into_iter().collect(),
        doc.info().clone(),
    ))
}

/// `pages` (of SOPs laid out without footers), each with the footer of
/// the page of `kaki` at its place: a document of as many pages, each
/// with only its footer.
fn with_footers<'a>(
    pages: impl Iterator<Item = &'a typst_layout::Page>,
    kaki: &PagedDocument,
) -> Result<Vec<typst_layout::Page>, Diagnostics> {
    // A footer's page holds an empty body and then its footer, which
    // Typst marks as an artifact.
    let is_footer = |item: &FrameItem| matches!(item, FrameItem::Tag(Tag::Start(elem, _)) if elem.elem() == ArtifactElem::ELEM);
    let pages: Vec<&typst_layout::Page> = pages.collect();
    if pages.len() != kaki.pages().len() {
        return Err(one(Diagnostic::error(format!(
            "tata letak kaki halaman menghasilkan {} halaman, bukan {}",
            kaki.pages().len(),
            pages.len()
        ))));
    }
    Ok(pages
        .into_iter()
        .zip(kaki.pages())
        .map(|(page, footer)| {
            let mut page = page.clone();
            let items = footer
                .frame
                .items()
                .skip_while(|(_, item)| !is_footer(item));
            page.frame.push_multiple(items.cloned());
            page.number = footer.number;
            page
        })
        .collect())
}

/// The links of `frame` (and of its groups) to a location of `to`'s keys
/// pointed at its value, and the stand-ins at those keys removed: the
/// joined document has one element with each SOP's label.
fn relink(frame: &mut Frame, to: &HashMap<Location, Location>) {
    frame.retain(|item| match item {
        FrameItem::Group(g) => {
            relink(&mut g.frame, to);
            true
        }
        FrameItem::Link(Destination::Location(loc), _) => {
            if let Some(real) = to.get(loc) {
                *loc = *real;
            }
            true
        }
        FrameItem::Tag(Tag::Start(elem, _)) => elem.location().is_none_or(|l| !to.contains_key(&l)),
        FrameItem::Tag(Tag::End(loc, ..)) => !to.contains_key(loc),
        _ => true,
    });
}
