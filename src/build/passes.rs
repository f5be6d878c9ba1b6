//! Layout passes: route, view, render and typeset until the arrows whose
//! ends stand on different pages are exactly those drawn as off-page
//! connector pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::ukur::{Ingatan, Putus, Ukuran, crossing_edges, measure};
use super::{Output, Prepared, Timings, one};
use super::{halaman, rapat};
use crate::check::Checked;
use crate::diag::{Diagnostic, Diagnostics};
use crate::route::{self, Geometri, Routed};
use crate::typeset::{self, HurufLabel, HurufTeks, Typesetter};
use crate::view::View;
use crate::{audit, kontrak, pdf, render, view};
use typst_layout::PagedDocument;

/// Layout passes allowed: one to measure, one to print the plan, and two
/// to mend a plan the layout did not follow.
const MAX_PASSES: usize = 4;

/// More SOPs than this, and a layout pass forgets everything Typst
/// memoized before it (see [`forget`]).
pub(super) const BANYAK_SOP: usize = 40;

/// At most one SOP in this many laid out again alone, the rest measured
/// before (see [`layout`]).
const SEDIKIT: usize = 4;

/// Everything a build reads, loaded once.
pub(super) struct Parts<'a> {
    pub prepared: &'a Prepared,
    pub files: &'a HashMap<String, Vec<u8>>,
    pub ts: &'a Typesetter,
    pub huruf: &'a HurufLabel,
    /// The face of the tables' text, when the fonts have it.
    pub teks: Option<&'a HurufTeks>,
    pub pdfa: bool,
    pub kemajuan: Option<fn(super::Tahap)>,
    /// The booklet's markup as one document is asked for
    /// ([`super::Options::markup`]).
    pub markup: bool,
    /// No rebuild follows (not `watch`): a pass may forget what Typst
    /// memoized in the passes before the last one.
    pub sekali: bool,
    /// What earlier layouts measured, and the fingerprint of `files`
    /// their keys include.
    pub ingatan: &'a Ingatan,
    /// Each SOP laid out alone (see [`super::gabung`]).
    pub susunan: &'a super::gabung::Susunan,
    pub sidik_berkas: u128,
    /// The plan of the last build of the same folder (`watch`).
    pub dugaan: Option<&'a Rencana>,
    /// What the page plans of this build routed.
    pub ruang: &'a Ruang,
}

/// What the page plans of one build routed, kept for the next plan: the
/// geometry each table is drawn with at its natural lane width, and the
/// height each row's drawing needs (its symbol and the room above and
/// below it) by table, geometry and arrows cut. A plan asks for the
/// same cuts many times, and routing a long table is slow (1,000 steps
/// over 12 lanes: seconds).
#[derive(Default)]
pub struct Ruang {
    geometri: Mutex<HashMap<(usize, usize), Geometri>>,
    tinggi: Mutex<HashMap<TinggiKunci, Arc<Vec<f64>>>>,
}

/// A table (SOP and table, 0-based), the geometry it is drawn with (as
/// its debug text: the sizes are floats) and the arrows cut.
type TinggiKunci = ((usize, usize), String, BTreeSet<usize>);

impl Ruang {
    fn geometri(&self, key: (usize, usize), make: impl FnOnce() -> Geometri) -> Geometri {
        memo(&self.geometri, key, make)
    }

    fn tinggi(&self, key: TinggiKunci, make: impl FnOnce() -> Vec<f64>) -> Arc<Vec<f64>> {
        memo(&self.tinggi, key, || Arc::new(make()))
    }
}

/// The value `map` holds for `key`, made and kept when it holds none; made
/// outside the lock, so that plans on other threads go on.
fn memo<K: Eq + std::hash::Hash, V: Clone>(
    map: &Mutex<HashMap<K, V>>,
    key: K,
    make: impl FnOnce() -> V,
) -> V {
    let lock = || map.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = lock().get(&key) {
        return v.clone();
    }
    let v = make();
    lock().insert(key, v.clone());
    v
}

impl Parts<'_> {
    /// The face of the tables' text, when the templates `names`, whose
    /// sizes and columns the measures of this face know, are the bundled
    /// ones.
    pub fn teks_bawaan(&self, names: &[&str]) -> Option<&HurufTeks> {
        let templates = &self.prepared.resources.templates;
        self.teks
            .filter(|_| names.iter().all(|n| templates.is_bundled(n)))
    }

    /// A booklet of more than [`BANYAK_SOP`] SOPs that no rebuild follows:
    /// its build keeps its memory low before its time.
    pub fn banyak(&self) -> bool {
        self.sekali && self.prepared.content.sops.len() > BANYAK_SOP
    }
}

/// Routes every table of the booklet (or of SOP `only`: the others get no
/// tables), with the arrows in `putus` as connector pairs and the lanes
/// `lajur` sets; the warnings point at the steps they are about and name
/// the lines that cross.
pub(super) fn route_all(
    parts: &Parts,
    only: Option<usize>,
    putus: &Putus,
    lajur: &Lajur,
) -> (Vec<Vec<Routed>>, Diagnostics) {
    let (checked, huruf) = (&parts.prepared.checked, parts.huruf);
    let mut d = Diagnostics::default();
    let routes = checked
        .sops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if only.is_some_and(|o| o != i) {
                return Vec::new();
            }
            s.tabel
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let g = geometri(parts, (i, j), lajur.get(&(i, j)));
                    let here = cut_in(putus, i, j);
                    let r = route::route(&t.flow, &g, &here, &|s| huruf.lebar(s));
                    for (step, w) in r.warnings.iter().chain(&r.crossings) {
                        d.push(Diagnostic::warning(w.clone()).at(t.tempat[*step].clone()));
                    }
                    r
                })
                .collect()
        })
        .collect();
    (routes, d)
}

/// The arrows of `putus` in table `j` of SOP `i`, by edge.
fn cut_in(putus: &Putus, i: usize, j: usize) -> BTreeSet<usize> {
    putus
        .iter()
        .filter(|(s, t, _)| (*s, *t) == (i, j))
        .map(|(_, _, e)| *e)
        .collect()
}

/// Lane widths a plan sets for some tables, by SOP and table (0-based), in
/// millimetres; the others have those [`Geometri::untuk`] finds for the
/// table drawn whole.
pub type Lajur = BTreeMap<(usize, usize), f64>;

/// The geometry of table `key` (SOP and table, 0-based): lanes `lebar`
/// wide, or as [`Geometri::untuk`] finds them for the table drawn whole.
fn geometri(parts: &Parts, key: (usize, usize), lebar: Option<&f64>) -> Geometri {
    let (c, huruf) = (&parts.prepared.content, parts.huruf);
    match lebar {
        Some(&w) => Geometri::selebar(&c.buku, w, huruf.tinggi()),
        None => parts.ruang.geometri(key, || {
            let flow = &parts.prepared.checked.sops[key.0].tabel[key.1].flow;
            Geometri::untuk(&c.buku, flow, &BTreeSet::new(), huruf.tinggi(), &|s| {
                huruf.lebar(s)
            })
        }),
    }
}

/// The page plan of the whole booklet: the arrows page breaks cut, and
/// how the view prints the tables (`view::Cetak`), by SOP and table,
/// 0-based.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rencana {
    pub putus: Putus,
    pub potongan: BTreeMap<(usize, usize), Vec<usize>>,
    /// Tables that start on a new page: not even their first row fits
    /// where they would start.
    pub pindah: BTreeSet<(usize, usize)>,
    /// SOPs printed tighter, which saves them a page.
    pub rapat: BTreeSet<usize>,
    /// Tables whose lanes are widened so that, with the arrows this plan
    /// cuts drawn as connector pairs, every label and channel finds a
    /// clean place.
    pub lajur: Lajur,
}

impl Rencana {
    /// Drops the breaks, cut arrows and new pages of the tables (SOP and
    /// table, 0-based) `keep` does not keep.
    pub(super) fn retain_tables(&mut self, keep: impl Fn(&(usize, usize)) -> bool) {
        self.putus.retain(|(s, t, _)| keep(&(*s, *t)));
        self.potongan.retain(|k, _| keep(k));
        self.pindah.retain(|k| keep(k));
    }

    fn cetak(&self) -> view::Cetak<'_> {
        view::Cetak {
            potongan: &self.potongan,
            pindah: &self.pindah,
            rapat: &self.rapat,
        }
    }

    /// Whether every table, arrow and row this plan names is in `checked`
    /// (a plan of the content before an edit may name what is gone).
    fn fits(&self, checked: &Checked) -> bool {
        let table = |s: usize, t: usize| checked.sops.get(s).and_then(|x| x.tabel.get(t));
        self.putus
            .iter()
            .all(|&(s, t, e)| table(s, t).is_some_and(|x| e < x.flow.edges.len()))
            && self.potongan.iter().all(|(&(s, t), cuts)| {
                table(s, t).is_some_and(|x| cuts.iter().all(|c| *c < x.flow.symbols.len()))
            })
            && self.pindah.iter().all(|&(s, t)| table(s, t).is_some())
            && self.lajur.keys().all(|&(s, t)| table(s, t).is_some())
            && self.rapat.iter().all(|s| *s < checked.sops.len())
    }

    /// This plan with the SOPs `sops` as `other` plans them.
    fn merge(&self, other: &Rencana, sops: &BTreeSet<usize>) -> Rencana {
        let mine = |k: &(usize, usize)| !sops.contains(&k.0);
        let mut r = Rencana {
            putus: self
                .putus
                .iter()
                .filter(|(s, ..)| !sops.contains(s))
                .copied()
                .collect(),
            potongan: self
                .potongan
                .iter()
                .filter(|(k, _)| mine(k))
                .map(|(k, v)| (*k, v.clone()))
                .collect(),
            pindah: self.pindah.iter().filter(|k| mine(k)).copied().collect(),
            rapat: self.rapat.union(sops).copied().collect(),
            lajur: self.lajur.clone(),
        };
        r.putus
            .extend(other.putus.iter().filter(|(s, ..)| sops.contains(s)));
        r.potongan.extend(
            other
                .potongan
                .iter()
                .filter(|(k, _)| !mine(k))
                .map(|(k, v)| (*k, v.clone())),
        );
        r.pindah.extend(other.pindah.iter().filter(|k| !mine(k)));
        r
    }
}

/// One layout of the booklet under a page plan, with what it measured.
struct Tata {
    view: View,
    warnings: Diagnostics,
    /// `None` when only the SOPs that changed were laid out (to measure).
    doc: Option<PagedDocument>,
    markup: String,
    /// The arrows whose ends landed on different pages.
    crossing: Putus,
    ukuran: Ukuran,
}

/// Lays out the booklet (or SOP `only`) under the plan `r`. With
/// `cetak`, the whole of it, to print; without, only the SOPs that no
/// earlier layout of the same markup measured, as a document of their own
/// (none when every SOP was).
fn layout(
    parts: &Parts,
    only: Option<usize>,
    r: &Rencana,
    timings: &mut Timings,
    cetak: bool,
) -> Result<Tata, Diagnostics> {
    let p = parts.prepared;
    let t = Instant::now();
    let (routes, warnings) = route_all(parts, only, &r.putus, &r.lajur);
    let mut view = view::build(&p.content, &p.checked, &routes, &r.cetak());
    if let Some(i) = only {
        view.select(&BTreeSet::from([i]));
    }
    if only.is_none() && super::gabung::bisa(&p.resources.templates) {
        // The booklet's own markup, for `build --typst` and `bench`: only
        // of the layout that is printed.
        let markup = match cetak && parts.markup {
            true => render::render(&p.resources.templates, &view).map_err(one)?,
            false => String::new(),
        };
        timings.template += t.elapsed();
        let t = Instant::now();
        let hasil = parts.susunan.susun(parts, &view, &r.rapat, cetak)?;
        timings.template += hasil.templat;
        timings.typeset += t.elapsed().saturating_sub(hasil.templat);
        timings.sop_ditata += hasil.ditata;
        return Ok(Tata {
            view,
            warnings,
            doc: hasil.doc,
            markup,
            crossing: hasil.crossing,
            ukuran: hasil.ukuran,
        });
    }
    let markup = render::render(&p.resources.templates, &view).map_err(one)?;
    timings.template += t.elapsed();
    let t = Instant::now();
    let order: Vec<usize> = view.sops.iter().map(|s| s.urut - 1).collect();
    let all: BTreeSet<usize> = order.iter().copied().collect();
    let kunci = Ingatan::kunci(&markup, &order, parts.sidik_berkas);
    // A few SOPs laid out alone cost less than the booklet; but the
    // printed layout lays them out again where the booklet's last layout
    // left no cache for them: with many SOPs new, the booklet is cheaper.
    let known = kunci
        .as_ref()
        .filter(|_| !cetak)
        .map(|k| parts.ingatan.ambil(k))
        .filter(|(.., baru)| !all.is_empty() && baru.len() * SEDIKIT <= all.len());
    let (doc, ukuran, crossing) = match known {
        Some((mut ukuran, mut crossing, baru)) => {
            if !baru.is_empty() {
                let mut part = view.clone();
                part.select(&baru);
                let markup = render::render(&p.resources.templates, &part).map_err(one)?;
                let doc = compile(parts, markup, false)?;
                timings.sop_ditata += baru.len();
                ukuran
                    .tabel
                    .extend(measure(&p.checked, &baru, &doc, &r.rapat).tabel);
                crossing.extend(crossing_edges(&p.checked, &baru, &doc));
            }
            if let Some(k) = &kunci {
                parts.ingatan.simpan(k, &baru, &ukuran, &crossing);
            }
            (None, ukuran, crossing)
        }
        None => {
            // The booklet's passes edit one kept source; each SOP alone
            // (in parallel) gets its own.
            let doc = compile(parts, markup.clone(), only.is_none())?;
            timings.sop_ditata += all.len();
            let crossing = crossing_edges(&p.checked, &all, &doc);
            let ukuran = measure(&p.checked, &all, &doc, &r.rapat);
            if let Some(k) = &kunci {
                parts.ingatan.simpan(k, &all, &ukuran, &crossing);
            }
            (Some(doc), ukuran, crossing)
        }
    };
    timings.typeset += t.elapsed();
    Ok(Tata {
        view,
        warnings,
        doc,
        markup,
        crossing,
        ukuran,
    })
}

/// Typst's layout of `markup`, its errors in a court's template moved to
/// that template. `kept`: the booklet's own markup, edited into the source
/// its last layout kept.
fn compile(parts: &Parts, markup: String, kept: bool) -> Result<PagedDocument, Diagnostics> {
    let compiled = match kept {
        true => parts.ts.compile_kept(markup, parts.files),
        false => parts.ts.compile(markup, parts.files),
    };
    compiled.map_err(|e| di_templat_semua(&parts.prepared.resources.templates, e))
}

/// The layout `t` of plan `r` with its pages: laid out whole again when
/// `t` laid out only the SOPs that changed.
fn dicetak(
    parts: &Parts,
    only: Option<usize>,
    t: Tata,
    r: &Rencana,
    timings: &mut Timings,
) -> Result<(Tata, PagedDocument), Diagnostics> {
    let mut t = match t.doc {
        Some(_) => t,
        None => layout(parts, only, r, timings, true)?,
    };
    match t.doc.take() {
        Some(doc) => Ok((t, doc)),
        None => Err(one(Diagnostic::error(
            "tata letak buku tidak menghasilkan halaman",
        ))),
    }
}

/// Builds from loaded parts: the whole booklet, or only SOP `only`
/// (0-based) as a document of its own. The first layout lays out each SOP
/// whose page plan was guessed for sure as the guess prints it
/// ([`super::kira`]), the others naturally; from it the page plan decides
/// every break. An SOP not guessed that would take more than one page is
/// measured once more set tighter (smaller text and cells), and printed
/// so where that saves a page. The next layout prints the plan (the first
/// one does, when it laid out every SOP as the plan prints it); should a
/// table still break elsewhere, the plan is made again from where the
/// tables stood.
pub(super) fn build_loaded(
    parts: &Parts,
    only: Option<usize>,
) -> Result<(Output, Rencana), Diagnostics> {
    // In `watch`, the last build's plan is most likely this one's too (an
    // edit seldom moves a page break): the booklet is laid out under it on
    // another core while this build measures and plans, and that layout
    // serves if the plan comes out the same.
    if only.is_none() {
        utuh_muat(parts.prepared)?;
    }
    let guess = parts
        .dugaan
        .filter(|g| only.is_none() && g.fits(&parts.prepared.checked));
    std::thread::scope(|s| {
        let early = guess.map(|g| {
            s.spawn(move || {
                let mut t = Timings::default();
                layout(parts, only, g, &mut t, true).map(|tata| (tata, t))
            })
        });
        let mut r = rencanakan(parts, only)?;
        let early = early.and_then(|h| h.join().ok());
        if let (Some(g), Some(Ok((tata, t)))) = (guess, early)
            && *g == r.rencana
            && r.rencana != Rencana::default()
        {
            r.timings.typeset += t.typeset;
            r.timings.template += t.template;
            r.timings.sop_ditata += t.sop_ditata;
            r.dugaan = Some(tata);
        }
        cetak_rencana(parts, only, r)
    })
}

/// A build planned: the plan, the measures it rests on, the last layout
/// and the passes so far.
struct Direncanakan {
    rencana: Rencana,
    base: Ukuran,
    last: Tata,
    passes: usize,
    max_passes: usize,
    timings: Timings,
    /// A layout of the booklet under this very plan, made while planning.
    dugaan: Option<Tata>,
    /// The last layout is the booklet laid out whole under this very plan,
    /// its arrows cut as the plan cuts them: it is printed.
    dicetak: bool,
}

/// The first layouts: each SOP as its guessed plan prints it or laid out
/// naturally, then tighter and with wider lanes where that helps, and the
/// page plan made from them.
fn rencanakan(parts: &Parts, only: Option<usize>) -> Result<Direncanakan, Diagnostics> {
    let p = parts.prepared;
    let mut timings = Timings::default();
    // The booklet's own build reports its stages; a single SOP's does not.
    let tell = |t| parts.kemajuan.filter(|_| only.is_none()).inspect(|f| f(t));
    tell(super::Tahap::TataLetak { lintasan: 1 });
    // The SOPs whose plan is guessed for sure are laid out as the guess
    // prints them; the others naturally, to be measured.
    let mut kira = match only {
        None => super::kira::perkirakan(parts).unwrap_or_default(),
        Some(_) => super::kira::Kira::default(),
    };
    // With every SOP guessed, the first layout is most likely the one
    // printed: it is laid out whole, the front matter beside the SOPs.
    let cetak = only.is_none() && kira.pasti.len() == p.checked.sops.len();
    let mut passes = 1;
    let mut natural = whole_rows(p, layout(parts, only, &kira.rencana, &mut timings, cetak)?)?;
    let (mut rencana, mut pages) =
        plan_with(parts, &natural.ukuran, &natural.ukuran, &kira.rencana);
    // An SOP whose plan gives it other pages than guessed is measured
    // again, laid out naturally (the others as they were).
    if !kira.drop_wrong(&pages).is_empty() {
        passes += 1;
        tell(super::Tahap::TataLetak { lintasan: passes });
        forget(parts, only);
        natural = whole_rows(p, layout(parts, only, &kira.rencana, &mut timings, false)?)?;
        (rencana, pages) = plan_with(parts, &natural.ukuran, &natural.ukuran, &kira.rencana);
    }
    let mut base = natural.ukuran.clone();
    forget(parts, only);
    let serves = |r: &Rencana, t: &Tata| cetak && *r == kira.rencana && t.crossing == r.putus;
    if !serves(&rencana, &natural) && pages.values().any(|n| *n > 1) {
        // Another layout follows: the pages of this one (a third of a
        // gigabyte at 600 pages) need not wait through it; should the plan
        // stay as it is, they are laid out again to be printed.
        natural.doc = None;
    }
    // The SOPs guessed for sure are printed as guessed.
    let not_guessed: BTreeMap<usize, usize> = (pages.iter())
        .filter(|(s, _)| !kira.sure(s))
        .map(|(s, n)| (*s, *n))
        .collect();
    let tried = tighter(
        parts,
        only,
        &not_guessed,
        &natural.view,
        &mut base,
        &kira.rencana,
        &mut timings,
    )?;
    if let Some((plan, saves)) = tried {
        passes += 1;
        rencana = rencana.merge(&plan, &saves);
    }
    let mut last = natural;
    // Tables whose labels or channels find no clean place once the plan's
    // cuts are drawn get wider lanes; their text columns narrow, so their
    // rows are measured again (drawn whole, as at first) and the plan is
    // made again from those.
    let lajur = widened(parts, &rencana);
    // That pass measures: the passes that mend the plan stay as many.
    let mut max_passes = MAX_PASSES;
    if lajur != rencana.lajur {
        max_passes += 1;
        passes += 1;
        tell(super::Tahap::TataLetak { lintasan: passes });
        // The SOPs guessed for sure keep their breaks where their lanes
        // stay: laid out as before.
        let mut trial = Rencana {
            lajur: lajur.clone(),
            ..rencana.clone()
        };
        trial.retain_tables(|k| kira.sure(&k.0) && !lajur.contains_key(k));
        forget(parts, only);
        last.doc = None;
        let wide = whole_rows(p, layout(parts, only, &trial, &mut timings, false)?)?;
        for key in lajur.keys() {
            if let Some(t) = wide.ukuran.tabel.get(key) {
                base.tabel.insert(*key, t.clone());
            }
        }
        rencana = plan_with(parts, &base, &wide.ukuran, &trial).0;
        last = wide;
    }
    let dicetak = serves(&rencana, &last) && last.doc.is_some();
    Ok(Direncanakan {
        rencana,
        base,
        last,
        passes,
        max_passes,
        timings,
        dugaan: None,
        dicetak,
    })
}

/// The plan printed: laid out whole under it (or taken from the layout
/// made while planning), and should a table still break elsewhere, the
/// plan made again from where the tables stood.
fn cetak_rencana(
    parts: &Parts,
    only: Option<usize>,
    r: Direncanakan,
) -> Result<(Output, Rencana), Diagnostics> {
    let Direncanakan {
        mut rencana,
        base,
        mut last,
        mut passes,
        max_passes,
        mut timings,
        mut dugaan,
        dicetak: done,
    } = r;
    let tell = |t| parts.kemajuan.filter(|_| only.is_none()).inspect(|f| f(t));
    if !done && (rencana != Rencana::default() || !last.crossing.is_empty()) {
        loop {
            passes += 1;
            tell(super::Tahap::TataLetak { lintasan: passes });
            forget(parts, only);
            last.doc = None;
            last = match dugaan.take() {
                Some(tata) => tata,
                None => layout(parts, only, &rencana, &mut timings, true)?,
            };
            if last.crossing == rencana.putus || passes >= max_passes {
                break;
            }
            rencana = plan_with(parts, &base, &last.ukuran, &rencana).0;
        }
    }
    let (last, doc) = dicetak(parts, only, last, &rencana, &mut timings)?;
    let out = printed(parts, only, last, doc, &rencana, passes, timings)?;
    Ok((out, rencana))
}

/// Typst's results of the earlier passes, dropped before the next one in
/// a booklet of more than [`BANYAK_SOP`] SOPs that no rebuild follows:
/// there they cost more memory than they save time (300 SOPs, 618 pages:
/// 4.3 GB kept, 2.7 GB dropped, in as much time). A smaller booklet keeps
/// them: dropping them took longer than the layouts they would free (20 ms
/// of the default booklet's 0.35 s), for little memory (40 synthetic
/// SOPs: 616 MiB peak with them dropped, 730 MiB kept). A watch keeps them
/// for the next rebuild; SOPs built alone in parallel share the cache.
fn forget(parts: &Parts, only: Option<usize>) {
    if parts.banyak() && only.is_none() {
        comemo::evict(0);
    }
}

/// The page plan from the measures `base` and the layout `now`, keeping
/// what `r` sets tighter and wider.
fn plan_with(
    parts: &Parts,
    base: &Ukuran,
    now: &Ukuran,
    r: &Rencana,
) -> (Rencana, BTreeMap<usize, usize>) {
    plan(parts, base, now, &r.rapat, &r.lajur)
}

/// The last layout `last` of plan `rencana` as the build's output: its
/// PDF, the audit of its pages and the booklet's file name.
fn printed(
    parts: &Parts,
    only: Option<usize>,
    last: Tata,
    doc: PagedDocument,
    rencana: &Rencana,
    passes: usize,
    mut timings: Timings,
) -> Result<Output, Diagnostics> {
    let p = parts.prepared;
    let Tata {
        view,
        mut warnings,
        markup,
        crossing,
        ..
    } = last;
    let lost: Putus = crossing.difference(&rencana.putus).copied().collect();
    if !lost.is_empty() {
        warnings.push(Diagnostic::warning(
            "letak penghubung antarhalaman belum stabil; periksa panah di batas halaman",
        ));
    }

    let t = Instant::now();
    // The front matter ends where the first SOP starts.
    let first = view.sops.first().map(|s| s.jangkar.clone());
    let depan = first
        .and_then(|l| typeset::label_pages(&doc, &[l])[0])
        .map_or(0, |p| p - 1);
    if only.is_none() {
        parts.kemajuan.inspect(|f| f(super::Tahap::Pdf));
    }
    let audit = || {
        let mut laporan = audit::pages(&doc, depan, kontrak::TEPI_BAWAH);
        rows_alone(&p.checked, only, &doc, &mut laporan);
        loose_pages(&p.checked, only, &doc, &mut laporan);
        laporan
    };
    if parts.banyak() && only.is_none() {
        kembalikan_memori();
    }
    // The audit reads the pages while the PDF is written from them; but
    // in a large booklet after it (together they took 1.04 GB at 300
    // SOPs, one after the other 0.96 GB).
    let (written, mut laporan) = std::thread::scope(|s| {
        let beside = (!parts.banyak()).then(|| s.spawn(audit));
        let written = pdf::write(&doc, &settings(parts, &view, depan));
        timings.pdf = t.elapsed();
        let laporan = match beside {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => audit(),
        };
        (written, laporan)
    });
    let (pdf, pages) = written.map_err(one)?;
    for (s, t, e) in lost {
        laporan.tambah(
            audit::Cacat::PanahHilang,
            0,
            format!("SOP {}, tabel {}, panah {}", s + 1, t + 1, e + 1),
        );
    }

    let name = p
        .content
        .buku
        .berkas
        .clone()
        .unwrap_or_else(|| match view.unit.kode.as_str() {
            "" => format!("sop-{}", view.tahun),
            kode => format!("sop-{}-{}", kode.to_lowercase(), view.tahun),
        });
    Ok(Output {
        pdf,
        pages,
        passes,
        timings,
        warnings,
        name,
        markup,
        sumber: super::Sumber::default(),
        document: doc,
        audit: laporan,
    })
}

/// Gives the memory freed by the layouts back to the system before the
/// PDF is written. The SOPs were laid out on worker threads, whose
/// allocator arenas keep what the dropped layouts and Typst's forgotten
/// caches freed; the PDF is written on this thread and cannot reuse it.
/// At 300 SOPs (618 pages) the peak fell from 0.96–1.03 GB (six runs) to
/// 0.82–0.90 GB (nine), in as much time.
fn kembalikan_memori() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages of glibc's heap to the
    // system; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What the PDF of `view` is written with; `depan` front-matter pages.
pub(super) fn settings(parts: &Parts, view: &View, depan: usize) -> pdf::Settings {
    let m = &view.meta;
    pdf::Settings {
        tanggal: (m.tahun, m.bulan as u8, m.hari as u8),
        pdfa: parts.pdfa,
        depan,
    }
}

/// `t`, unless it cannot be printed (see [`tak_tersusun`]).
fn whole_rows(p: &Prepared, t: Tata) -> Result<Tata, Diagnostics> {
    let d = tak_tersusun(p, &t);
    match d.is_empty() {
        true => Ok(t),
        false => Err(d),
    }
}

/// Why a layout cannot be printed: a row taller than a page, or more
/// pages than one build lays out.
fn tak_tersusun(p: &Prepared, t: &Tata) -> Diagnostics {
    let mut d = too_tall(&p.checked, &t.ukuran);
    d.0.extend(
        t.doc
            .as_ref()
            .and_then(|doc| terlalu_banyak(doc.pages().len())),
    );
    d
}

/// A booklet laid out as one document (a court's own `buku.typ.j2` or
/// `sop.typ.j2`) takes more memory a page than one laid out in parts: it
/// is refused beyond [`HALAMAN_MAKS_UTUH`] pages.
///
/// [`HALAMAN_MAKS_UTUH`]: crate::check::gaya::HALAMAN_MAKS_UTUH
fn utuh_muat(p: &Prepared) -> Result<(), Diagnostics> {
    let most = crate::check::gaya::HALAMAN_MAKS_UTUH;
    let pages = crate::check::gaya::halaman_kira(&p.content);
    if pages <= most || super::gabung::bisa(&p.resources.templates) {
        return Ok(());
    }
    Err(one(
        Diagnostic::error(format!(
            "buku ini diperkirakan {pages} halaman; dengan `buku.typ.j2` atau `sop.typ.j2` milik pengadilan, bukusop menyusunnya sebagai satu dokumen, paling banyak {most} halaman"
        ))
        .hint("pindahkan templat itu dari `templates/` (bawaannya menyusun buku sebagian demi sebagian, sampai 2000 halaman), atau pecah menjadi beberapa buku"),
    ))
}

/// What the page estimate cannot see (a court template's loop), counted
/// once laid out: an error, so no further pass runs and nothing is
/// written.
pub(super) fn terlalu_banyak(laid: usize) -> Option<Diagnostic> {
    let most = crate::check::gaya::HALAMAN_MAKS;
    (laid > most).then(|| {
        Diagnostic::error(format!(
            "buku ini tersusun {laid} halaman; bukusop menyusun paling banyak {most} halaman sekaligus"
        ))
        .hint("bila templat pengadilan di `templates/` mencetak halaman berulang, periksa templat itu; selain itu pecah menjadi beberapa buku")
    })
}

/// SOP `i` as a document of its own under the booklet's final plan `r`:
/// its tables break where they do in the booklet, so one layout serves.
/// Should a table break elsewhere alone, the SOP gets passes of its own.
/// The PDF and its page count.
pub(super) fn single(
    parts: &Parts,
    i: usize,
    r: &Rencana,
) -> Result<(Vec<u8>, usize), Diagnostics> {
    if let Some(made) = parts.susunan.sendiri(parts, i) {
        return made;
    }
    let mut timings = Timings::default();
    let tata = layout(parts, Some(i), r, &mut timings, true)?;
    let planned: Putus = r.putus.iter().filter(|(s, ..)| *s == i).copied().collect();
    if tata.crossing != planned {
        let (out, _) = build_loaded(parts, Some(i))?;
        return Ok((out.pdf, out.pages));
    }
    let (tata, doc) = dicetak(parts, Some(i), tata, r, &mut timings)?;
    pdf::write(&doc, &settings(parts, &tata.view, 0)).map_err(one)
}

/// The lanes of plan `r`, with those of each table widened where the
/// arrows `r` cuts leave a label or a jump without a clean place as it is
/// drawn now and a wider lane gives them one. Lanes only ever widen.
fn widened(parts: &Parts, r: &Rencana) -> Lajur {
    let (p, huruf) = (parts.prepared, parts.huruf);
    let mut out = r.lajur.clone();
    let lebar = |s: &str| huruf.lebar(s);
    for (i, s) in p.checked.sops.iter().enumerate() {
        for (j, t) in s.tabel.iter().enumerate() {
            let here = cut_in(&r.putus, i, j);
            if here.is_empty() {
                continue;
            }
            let now = geometri(parts, (i, j), out.get(&(i, j)));
            let drawn = route::route(&t.flow, &now, &here, &lebar);
            if drawn.kotor() == 0 {
                continue;
            }
            let g = Geometri::untuk(&p.content.buku, &t.flow, &here, huruf.tinggi(), &lebar);
            let wide = route::route(&t.flow, &g, &here, &lebar);
            // Nothing drawn on something else is worth a crossing more.
            let better =
                wide.tertimpa() < drawn.tertimpa() || wide.crossings.len() <= drawn.crossings.len();
            if g.lebar_lajur > now.lebar_lajur && better {
                out.insert((i, j), g.lebar_lajur);
            }
        }
    }
    out
}

/// A row taller than a page would be cut at the page's end: an error at
/// its step, never a silent loss.
fn too_tall(checked: &Checked, ukuran: &Ukuran) -> Diagnostics {
    let mut d = Diagnostics::default();
    for ((i, j), t) in &ukuran.tabel {
        for &k in &t.terlalu_tinggi {
            d.push(
                Diagnostic::error(format!(
                    "langkah {}: barisnya lebih tinggi dari satu halaman; isinya akan terpotong",
                    k + 1
                ))
                .at(checked.sops[*i].tabel[*j].tempat[k].clone())
                .hint("pecah menjadi beberapa langkah, atau pindahkan rinciannya ke kolom `ket` atau ke `dasar_hukum`/`peringatan`"),
            );
        }
    }
    d
}

/// The most of a row's height setting it tighter could save: a text
/// set smaller may also wrap into fewer lines.
const SUSUT_RAPAT: f64 = 0.5;

/// The most of the height of the column heads setting tighter could save
/// (they shrank 10–16 % in every booklet of `content`, `examples`,
/// `tests/alur` and the ten corpus batches), and of all that stands above
/// the first table when a court's own templates print it (the bundled
/// ones let [`rapat::least_informasi`] bound it).
const SUSUT_KEPALA: f64 = 0.2;

/// The SOPs longer than a page (`pages`, by SOP, laid out as measured in
/// `base` from `view`) that setting tighter might make a page shorter:
/// only those a page could be saved even if every row, the information
/// block and the column heads shrank as far as they might. A row loses
/// at most half its height and its insets, and with the bundled templates
/// keeps at least the lines its words fill ([`rapat::least_rows`]); the
/// information block keeps at least its words' lines. The others would
/// lay out again for nothing (rows as tall as their symbols save nothing).
fn might_save(
    parts: &Parts,
    pages: &BTreeMap<usize, usize>,
    base: &Ukuran,
    view: &View,
    lajur: &Lajur,
) -> BTreeSet<usize> {
    // The bounds know the bundled templates' sizes and columns.
    let huruf = parts.teks_bawaan(&[
        render::MAIN,
        "sop.typ.j2",
        "informasi.typ.j2",
        kontrak::PUSTAKA_TEMPLAT,
    ]);
    let long: BTreeSet<usize> = pages
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(s, _)| *s)
        .collect();
    let insets = 2.0 * (kontrak::sisip_y(false) - kontrak::sisip_y(true));
    let mut most = Ukuran::default();
    for ((s, j), t) in &base.tabel {
        if !long.contains(s) {
            continue;
        }
        let mut t = t.clone();
        let sop = view.sops.iter().find(|v| v.urut == s + 1);
        let first = t.start.0;
        // What stands above the first table: only the information block
        // shrinks, down to at least its words' lines.
        let up = match (j, t.informasi, huruf.zip(sop)) {
            (0, Some((page, y)), Some((h, v))) if page == first => {
                (t.start.1 - y - rapat::least_informasi(view, v, h) - rapat::sesudah_informasi())
                    .max(0.0)
            }
            (0, ..) => SUSUT_KEPALA * (t.start.1 - kontrak::TEPI_ATAS).max(0.0),
            _ => 0.0,
        };
        // The column heads, repeated on every page, are set tighter too.
        let heads = t.rows.first().map_or(0.0, |r| match r.page == first {
            true => r.atas - t.start.1,
            false => r.atas - kontrak::TEPI_ATAS,
        });
        let heads = SUSUT_KEPALA * heads.max(0.0);
        let heads_page = t.rows.first().map_or(first, |r| r.page);
        t.start.1 -= up;
        let least = huruf
            .zip(sop.and_then(|v| v.tabel.get(*j)))
            .map(|(h, v)| rapat::least_rows(view, v, h))
            .unwrap_or_default();
        for (k, row) in t.rows.iter_mut().enumerate() {
            let h = (row.tinggi() * (1.0 - SUSUT_RAPAT) - insets)
                .max(least.get(k).copied().unwrap_or(0.0))
                .max(0.0);
            if row.page == first {
                row.atas -= up;
            }
            if row.page == heads_page {
                row.atas -= heads;
            }
            row.bawah = row.atas + h;
        }
        most.tabel.insert((*s, *j), t);
    }
    let (_, most_pages) = plan(parts, &most, &most, &long, lajur);
    long.into_iter()
        .filter(|s| most_pages.get(s) < pages.get(s))
        .collect()
}

/// The SOPs of `pages` (by SOP, those measured in `base` from `view`
/// as laid out under the plan `laid`) longer than a page, laid out once
/// tighter, the others as before: the plan of those it saves a page, and
/// those SOPs, whose tight measures `base` takes; `None` when no SOP
/// could be a page shorter.
fn tighter(
    parts: &Parts,
    only: Option<usize>,
    pages: &BTreeMap<usize, usize>,
    view: &View,
    base: &mut Ukuran,
    laid: &Rencana,
    timings: &mut Timings,
) -> Result<Option<(Rencana, BTreeSet<usize>)>, Diagnostics> {
    let long = might_save(parts, pages, base, view, &laid.lajur);
    if long.is_empty() {
        return Ok(None);
    }
    let trial = Rencana {
        rapat: long.union(&laid.rapat).copied().collect(),
        ..laid.clone()
    };
    let tight = layout(parts, only, &trial, timings, false)?;
    let (tight_plan, tight_pages) = plan(parts, &tight.ukuran, &tight.ukuran, &long, &laid.lajur);
    let saves: BTreeSet<usize> = long
        .iter()
        .copied()
        .filter(|s| tight_pages.get(s) < pages.get(s))
        .collect();
    for (key, t) in &tight.ukuran.tabel {
        if saves.contains(&key.0) {
            base.tabel.insert(*key, t.clone());
        }
    }
    Ok(Some((tight_plan, saves)))
}

/// Pages that carry fewer than 3 rows of a table begun on the page before.
fn rows_alone(checked: &Checked, only: Option<usize>, doc: &PagedDocument, r: &mut audit::Laporan) {
    for (i, s) in checked.sops.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        for (j, t) in s.tabel.iter().enumerate() {
            let labels: Vec<String> = t
                .flow
                .step_lanes
                .iter()
                .enumerate()
                .map(|(step, lanes)| kontrak::simbol_label(i + 1, j, step + 1, lanes[0]))
                .collect();
            let pages = typeset::label_pages(doc, &labels);
            let mut count: BTreeMap<usize, usize> = BTreeMap::new();
            for p in pages.into_iter().flatten() {
                *count.entry(p).or_default() += 1;
            }
            let least = 3.min(labels.len());
            for (&page, &n) in count.iter().skip(1) {
                if n < least {
                    r.tambah(
                        audit::Cacat::SisaBaris,
                        page,
                        format!("SOP {}, tabel {}: {n} baris", i + 1, j + 1),
                    );
                }
            }
        }
    }
}

/// Room a row moved to the next page may need beyond its printed height:
/// a connector pentagon with its arrow, above and below.
const RUANG_PENGHUBUNG: f64 = 2.0 * (kontrak::PENGHUBUNG + 2.0 * kontrak::UJUNG_PANAH);

/// Breaks where the next row would have fitted on the page, with room for
/// connectors; a last page kept at 3 rows is not counted.
fn loose_pages(
    checked: &Checked,
    only: Option<usize>,
    doc: &PagedDocument,
    r: &mut audit::Laporan,
) {
    let heights = typeset::page_heights(doc);
    for (i, s) in checked.sops.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        for (j, t) in s.tabel.iter().enumerate() {
            let n = t.flow.symbols.len();
            let labels: Vec<String> = (0..n)
                .flat_map(|k| {
                    let (a, b) = kontrak::baris_label(i + 1, j, k + 1);
                    [a, b]
                })
                .collect();
            let at = typeset::label_positions(doc, &labels);
            let rows: Option<Vec<(usize, f64, f64)>> = (0..n)
                .map(|k| Some((at[2 * k]?.0, at[2 * k]?.1, at[2 * k + 1]?.1)))
                .collect();
            let Some(rows) = rows else { continue };
            let last_page = rows.last().map_or(0, |r| r.0);
            let on_last = rows.iter().filter(|r| r.0 == last_page).count();
            for w in rows.windows(2) {
                let ((pa, _, bottom), (pb, top, next_bottom)) = (w[0], w[1]);
                if pa == pb || (pb == last_page && on_last <= 3) {
                    continue;
                }
                let end = heights.get(pa - 1).copied().unwrap_or(210.0) - kontrak::TEPI_BAWAH;
                let need = next_bottom - top + RUANG_PENGHUBUNG;
                if end - bottom > need {
                    r.tambah(
                        audit::Cacat::HalamanLonggar,
                        pa,
                        format!(
                            "SOP {}, tabel {}: {:.0} mm kosong",
                            i + 1,
                            j + 1,
                            end - bottom
                        ),
                    );
                }
            }
        }
    }
}

/// The page plan from the row heights `base` measured (drawn whole, or
/// with the connectors of the plan they were laid out under; a row is
/// never shorter than the drawing the plan's cuts give it) and where the
/// tables stand in the layout `now`.
pub(super) fn plan(
    parts: &Parts,
    base: &Ukuran,
    now: &Ukuran,
    rapat: &BTreeSet<usize>,
    lajur: &Lajur,
) -> (Rencana, BTreeMap<usize, usize>) {
    let mut r = Rencana {
        rapat: rapat.clone(),
        lajur: lajur.clone(),
        ..Rencana::default()
    };
    let (checked, huruf) = (&parts.prepared.checked, parts.huruf);
    let mut pages = BTreeMap::new();
    for (i, s) in checked.sops.iter().enumerate() {
        if !now.tabel.keys().any(|(k, _)| *k == i) {
            continue;
        }
        // Where the previous table of this SOP ended: pages beyond its
        // start, and y.
        let mut prev: Option<(usize, halaman::Akhir)> = None;
        for (j, t) in s.tabel.iter().enumerate() {
            let (Some(b), Some(n)) = (base.tabel.get(&(i, j)), now.tabel.get(&(i, j))) else {
                continue;
            };
            let g = geometri(parts, (i, j), lajur.get(&(i, j)));
            let sh = g.tinggi_simbol;
            let tinggi = |putus: &BTreeSet<usize>| -> Vec<f64> {
                let key = ((i, j), format!("{g:?}"), putus.clone());
                let drawn = parts.ruang.tinggi(key, || {
                    let routed = route::route(&t.flow, &g, putus, &|x| huruf.lebar(x));
                    (0..t.flow.symbols.len())
                        .map(|k| sh + routed.ruang_atas[k] + routed.ruang_bawah[k])
                        .collect()
                });
                // As tall as its text, or as its symbol with the room its
                // drawing now needs: the measured height bounds the text's.
                (b.rows.iter().zip(drawn.iter()))
                    .map(|(row, d)| row.tinggi().max(*d))
                    .collect()
            };
            let first = n.rows[0];
            let kepala = if first.page == n.start.0 {
                first.atas - n.start.1
            } else {
                first.atas - kontrak::TEPI_ATAS
            };
            let bidang = halaman::Bidang {
                atas: kontrak::TEPI_ATAS,
                bawah: n.page_h - kontrak::TEPI_BAWAH,
            };
            // A table after another on the same page starts where the
            // other ends, as far below as the layout put it.
            let mulai = match prev {
                Some((last_page, akhir)) if last_page == first.page && akhir.halaman == 0 => {
                    let before = &now.tabel[&(i, j - 1)];
                    let gap = first.atas - before.rows.last().map_or(first.atas, |r| r.bawah);
                    akhir.y + gap.max(0.0)
                }
                _ => first.atas,
            };
            let tabel = halaman::Tabel {
                flow: &t.flow,
                tinggi: &tinggi,
                kepala,
                mulai,
                bidang,
            };
            let (rt, akhir) = halaman::rencanakan(&tabel);
            r.putus.extend(rt.putus.iter().map(|e| (i, j, *e)));
            if rt.potongan.len() > 1 {
                r.potongan.insert((i, j), rt.potongan);
            }
            if rt.pindah {
                r.pindah.insert((i, j));
            }
            *pages.entry(i).or_insert(1) += akhir.halaman + usize::from(rt.pindah && j > 0);
            prev = Some((first.page, akhir));
        }
    }
    (r, pages)
}

/// [`di_templat`] of each of Typst's errors.
pub(super) fn di_templat_semua(
    templates: &crate::content::assets::Templates,
    errors: Vec<Diagnostic>,
) -> Diagnostics {
    Diagnostics(
        errors
            .into_iter()
            .map(|d| di_templat(templates, d))
            .collect(),
    )
}

/// A Typst error on a line of the generated markup that a court's own
/// template made, moved to that template's file and line.
fn di_templat(templates: &crate::content::assets::Templates, d: Diagnostic) -> Diagnostic {
    let from_main = d
        .place
        .as_ref()
        .is_some_and(|p| crate::kontrak::dibuat(&p.file));
    let Some(at) = d
        .baris
        .as_deref()
        .filter(|_| from_main)
        .and_then(|l| render::asal(templates, l))
    else {
        return d;
    };
    let name = at
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let name = name
        .as_deref()
        .and_then(|n| n.strip_suffix(".typ.j2"))
        .unwrap_or("NAMA");
    Diagnostic {
        baris: None,
        ..d.at(Some(at)).hint(format!(
            "kesalahan ini ada di templat milik folder konten, bukan di berkas YAML; untuk membandingkan dengan bawaannya, pindahkan templat ini lalu `bukusop templat salin {name}`"
        ))
    }
}
